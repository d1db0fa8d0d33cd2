"""Following coverage in a real browser: log in, save a search, see it in "My searches" and open
it; switch the chart to share of coverage and back; drag across months to set the date range."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def journalist(db):
    return get_user_model().objects.create_user(
        "jo", "jo@example.org", "a long test password 42"
    )


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("jo")
    page.get_by_label("Password").fill("a long test password 42")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/searches/$"))


def test_save_a_search_and_find_it_listed(page, live_server, seeded, journalist):
    log_in(page, live_server)
    assert "You have no saved searches yet" in page.content()
    page.goto(live_server.url + "/search/?q=border&sort=newest")
    page.get_by_label("Save this search as").fill("Border coverage")
    page.get_by_role("button", name="Save this search").click()
    page.wait_for_url(re.compile(r"/searches/\d+/$"))
    assert page.get_by_role("link", name="Atom feed of this search").get_attribute(
        "href"
    ) == "/search/feed/?q=border&sort=newest"
    page.get_by_role("link", name="My searches").first.click()
    row = page.locator("table.saved-searches tbody tr")
    assert row.count() == 1
    assert row.locator("th").inner_text() == "Border coverage"
    assert row.locator(".new-count").inner_text() == "0"
    assert axe_violations(page) == []
    row.get_by_role("link", name="Border coverage").click()
    page.wait_for_url(re.compile(r"/search/\?q=border&sort=newest$"))
    assert page.locator("#id_q").input_value() == "border"


def test_switch_the_chart_to_share_of_coverage_and_back(page, live_server, seeded):
    page.goto(live_server.url + "/search/?q=border")
    caption = page.locator("#attention-title")
    assert caption.inner_text() == "Matches per month"
    heights = page.locator("svg.attention-chart rect.bar").evaluate_all(
        "rects => rects.map(r => r.getAttribute('height'))")
    # Drawn as the SVG says: each month's bar is a sliver of the plot, not a block across it
    # (a page stylesheet's `.bar { width: 100% }` once overrode the rects' own widths).
    widths = page.locator("svg.attention-chart rect.bar").evaluate_all(
        "rects => rects.map(r => r.getBoundingClientRect().width / "
        "r.ownerSVGElement.getBoundingClientRect().width)")
    assert widths and max(widths) < 0.1
    page.get_by_role("link", name="Share of coverage").click()
    page.wait_for_url(re.compile(r"chart=share"))
    assert caption.inner_text() == "Share of all archived articles per month"
    assert page.locator("svg.attention-chart").is_visible()
    assert page.locator("svg.attention-chart text.axis").filter(has_text="%").count() >= 1
    assert page.locator(".attention-modes a[aria-current]").inner_text() == "Share of coverage"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Counts").click()
    page.wait_for_url(re.compile(r"/search/\?q=border$"))
    assert caption.inner_text() == "Matches per month"
    assert page.locator("svg.attention-chart rect.bar").evaluate_all(
        "rects => rects.map(r => r.getAttribute('height'))") == heights


def test_drag_across_the_chart_sets_the_date_range(page, live_server, seeded):
    page.goto(live_server.url + "/search/?q=border")
    bars = page.locator("svg.attention-chart a.bar-link rect")
    assert bars.count() >= 3
    first, third = bars.nth(0).bounding_box(), bars.nth(2).bounding_box()
    page.mouse.move(first["x"] + 1, first["y"] + first["height"] / 2 if first["height"] else 100)
    start_y = first["y"] + max(first["height"], 1) - 1
    page.mouse.move(first["x"] + 1, start_y)
    page.mouse.down()
    page.mouse.move(third["x"] + 2, start_y, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from="))
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == ["border"]
    assert query["from"][0].endswith("-01") and query["to"][0][:7] > query["from"][0][:7]
    # The range is now the search's date filter.
    assert page.locator("#id_from").input_value() == query["from"][0]
    assert page.locator("#id_to").input_value() == query["to"][0]
