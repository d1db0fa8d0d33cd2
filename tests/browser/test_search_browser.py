"""The search page in a real browser: search, tick a facet, go back, and the state (URL and
checkboxes) follows; axe-core finds no serious or critical problem on the search and help pages."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def checkbox(page, param: str, value: str):
    return page.locator(f'input[type="checkbox"][name="{param}"][value="{value}"]')


def test_search_tick_a_facet_go_back(page, live_server, seeded):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search the archive").fill("border")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=border$"))
    heading = page.locator("#results-heading")
    assert re.match(r"\d+ results", heading.inner_text())
    everything = int(heading.inner_text().split()[0])
    assert everything > 1
    reuters = checkbox(page, "outlet", "Reuters")
    assert not reuters.is_checked()

    page.get_by_label(re.compile(r"^Reuters \d+$")).check()  # the page submits itself
    page.wait_for_url(re.compile(r"outlet=Reuters"))
    assert params(page) == {"q": ["border"], "outlet": ["Reuters"], "sort": ["relevance"]}
    assert checkbox(page, "outlet", "Reuters").is_checked()
    assert heading.inner_text().startswith("1 result")
    assert page.get_by_role("link", name="Remove filter Outlet: Reuters").is_visible()
    assert page.locator(".card-title a").first.inner_text().startswith("US Attorney General")

    page.go_back()
    page.wait_for_url(re.compile(r"/search/\?q=border$"))
    assert not checkbox(page, "outlet", "Reuters").is_checked()
    assert heading.inner_text() == f"{everything} results"

    page.go_forward()
    page.wait_for_url(re.compile(r"outlet=Reuters"))
    assert checkbox(page, "outlet", "Reuters").is_checked()

    # One click removes the filter.
    page.get_by_role("link", name="Remove filter Outlet: Reuters").click()
    page.wait_for_url(lambda url: "outlet=" not in url)
    assert params(page) == {"q": ["border"], "sort": ["relevance"]}
    assert not checkbox(page, "outlet", "Reuters").is_checked()
    assert heading.inner_text() == f"{everything} results"


def test_a_month_of_the_chart_becomes_the_date_filter(page, live_server, seeded):
    page.goto(live_server.url + "/search/?q=immigrants")
    bar = page.locator("svg.attention-chart a.bar-link").filter(
        has=page.locator("rect[height]:not([height='0.0']):not([height='0'])")
    ).first
    bar.click()
    page.wait_for_url(re.compile(r"from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}"))
    assert page.locator("#id_from").input_value().endswith("-01")
    assert re.match(r"\d+ result", page.locator("#results-heading").inner_text())


def test_search_page_accessibility(page, live_server, seeded):
    page.goto(live_server.url + "/search/?q=border&year=2018")
    assert axe_violations(page) == []
    page.goto(live_server.url + "/search/?q=%22unbalanced+(border")
    assert "unbalanced quote" in page.locator(".repairs").inner_text()
    assert axe_violations(page) == []
    page.goto(live_server.url + "/search/?q=zebra")
    assert axe_violations(page) == []


def test_search_by_keyboard(page, live_server, seeded):
    page.goto(live_server.url + "/search/")
    page.locator("#id_q").focus()
    page.keyboard.type("Sessions")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Sessions"))
    first = page.locator(".card-title a").first
    assert "Sessions" in first.inner_text()


def test_help_page_accessibility(page, live_server):
    page.goto(live_server.url + "/search/help/")
    assert page.locator("h1").inner_text() == "How to search"
    assert axe_violations(page) == []


def test_exclude_a_value_by_keyboard_and_undo(page, live_server, seeded):
    page.goto(live_server.url + "/search/?q=border")
    everything = page.locator("#results-heading").inner_text()
    page.get_by_role("link", name="Leave out Reuters").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"not_outlet=Reuters"))
    assert page.get_by_role("link", name="Remove filter Outlet: not Reuters").is_visible()
    assert "Reuters" not in page.locator(".hits").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Stop leaving out Reuters").click()
    page.wait_for_url(lambda url: "not_outlet" not in url)
    assert page.locator("#results-heading").inner_text() == everything


def test_reader_comment_results_are_labelled_in_the_browser(page, live_server, seeded):
    page.goto(live_server.url + "/search/?q=treason")
    result = page.locator(".result-comments").first
    assert "written by readers, not by The Washington Times" in result.inner_text()
    assert axe_violations(page) == []


def test_a_bad_date_is_a_400_page_that_says_so_and_offers_the_rest(page, live_server, seeded):
    """Issue 13: the 400 page names the problem, passes axe, and its link searches again
    without the bad value (the words kept)."""
    response = page.goto(live_server.url + "/search/?q=border&from=0001-01-01")
    assert response.status == 400
    assert "0001-01-01 is out of range" in page.locator(".form-errors").inner_text()
    assert page.locator("#id_q").input_value() == "border"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Search again without what was not understood").click()
    page.wait_for_url(re.compile(r"q=border"))
    assert params(page) == {"q": ["border"]}
    assert page.locator(".card-title a").count() >= 1


def test_a_too_broad_query_says_so_in_the_browser(page, live_server, seeded):
    words = " ".join(f"w{n}" for n in range(70))
    response = page.goto(live_server.url + f'/search/?q="{words}"')
    assert response.status == 400
    assert "too broad: " in page.locator(".form-errors").inner_text()
    assert axe_violations(page) == []
