"""Reading and sharing in a real browser (Playwright driving Debian's Chromium, headless):
search, open a result, follow the highlighted terms, copy the permalink, open it, go back; axe-core
on every kind of public page; every control reachable by keyboard. Screenshots go to
``test-artifacts/``."""

import re

import pytest
from django.core.management import call_command

from archive.models import Article
from tests.browser.conftest import ARTIFACTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSABLE = (
    "a[href]:not([tabindex='-1']), button:not([disabled]), summary, input:not([type=hidden]), "
    "select, textarea, "
    "[tabindex='0']"
)


@pytest.fixture
def indexed(seeded):
    call_command("rebuild_index", interactive=False, verbosity=0)
    return seeded


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reading_{name}.png"), full_page=True)


def keyboard_reaches_every_control(page) -> tuple[int, list[str]]:
    """Press Tab through the page; return how many visible controls it has, and those that
    never got the focus."""
    total = page.evaluate(
        """(selector) => {
            const visible = el => el.getClientRects().length > 0 &&
                getComputedStyle(el).visibility !== "hidden";
            const controls = [...document.querySelectorAll(selector)].filter(visible);
            controls.forEach((el, i) => el.setAttribute("data-kb", String(i)));
            return controls.length;
        }""",
        FOCUSABLE,
    )
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached = set()
    for _ in range(total * 2 + 10):
        page.keyboard.press("Tab")
        index = page.evaluate(
            "() => document.activeElement && document.activeElement.getAttribute('data-kb')"
        )
        if index is not None:
            reached.add(int(index))
        if len(reached) == total:
            break
    missing = sorted(set(range(total)) - reached)
    return total, page.evaluate(
        """(missing) => missing.map(i => {
            const el = document.querySelector(`[data-kb="${i}"]`);
            return el.outerHTML.slice(0, 120);
        })""",
        missing,
    )


def test_search_read_highlights_copy_permalink_and_back(page, live_server, indexed):
    page.goto(live_server.url + "/search/")
    page.get_by_label("Search for").fill("prosecute")
    page.get_by_label("Search for").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?.*q=prosecute"))
    results_url = page.url
    assert axe_violations(page) == []
    shot(page, "1_results")

    article_hits = "ol.hits article.result:not(.result-comments) h3 a"  # not reader comments
    first = page.locator(article_hits).first
    headline = re.sub(r"\s+", " ", first.inner_text()).strip()
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/articles/\d+/[^/]+/\?.*q=prosecute"))
    assert page.locator("h1").inner_text().strip() == headline

    marks = page.locator("#article-body mark.hit")
    assert marks.count() >= 2
    assert all(m.lower().startswith("prosecut") for m in marks.all_inner_texts())
    assert page.locator("mark.hit").first.evaluate(
        "el => getComputedStyle(el).backgroundColor"
    ) != "rgba(0, 0, 0, 0)"
    assert axe_violations(page) == []

    next_button = page.get_by_role("button", name="Next match")
    next_button.focus()
    page.keyboard.press("Enter")
    assert page.locator("#match-0").get_attribute("class") == "hit current"
    page.keyboard.press("Enter")
    assert page.locator("#match-1").get_attribute("class") == "hit current"
    assert page.locator("mark.current").count() == 1
    assert page.locator("#match-status").inner_text().startswith("Match 2 of ")
    page.get_by_role("button", name="Previous match").press("Enter")
    assert page.locator("mark.current").get_attribute("id") == "match-0"
    shot(page, "2_article_highlighted")

    toggle = page.get_by_role("button", name="Highlight search terms")
    toggle.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator("#match-0").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    ) == "rgba(0, 0, 0, 0)"
    toggle.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"

    copy = page.get_by_role("button", name="Copy permalink")
    copy.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('copy-status').textContent !== ''")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    article = Article.objects.get(title=headline)
    assert copied == live_server.url + article.get_absolute_url()

    other = page.context.new_page()
    other.goto(copied)
    assert other.locator("h1").inner_text().strip() == headline
    assert other.locator("mark.hit").count() == 0  # a shared link is the plain article
    assert other.url == copied
    other.close()

    page.get_by_role("link", name=re.compile("Back to the search results")).press("Enter")
    page.wait_for_url(results_url)
    assert page.url == results_url
    assert page.locator(article_hits).first.inner_text().strip() == headline
    shot(page, "3_back_to_results")


def test_cite_box_copies_each_style_by_keyboard(page, live_server, seeded):
    article = Article.objects.get(file_name__startswith="003_")
    page.goto(live_server.url + article.get_absolute_url())
    summary = page.locator(".cite-box summary")
    summary.focus()
    page.keyboard.press("Enter")
    for label in ("Plain reference", "APA", "MLA", "Chicago", "BibTeX", "RIS"):
        button = page.get_by_role("button", name=f"Copy {label}")
        button.focus()
        page.keyboard.press("Enter")
        expect_text = button.evaluate(
            "b => document.getElementById(b.dataset.copy).textContent"
        )
        page.wait_for_function(
            "(text) => navigator.clipboard.readText().then(t => t === text)", arg=expect_text
        )
    shot(page, "cite_box")


@pytest.mark.parametrize(
    "path",
    ["/", "/search/?q=immigration", "ARTICLE", "/sources/reuters/", "/archive/",
     "/archive/2018/", "/archive/2018/03/"],
)
def test_public_pages_pass_axe_and_the_keyboard(page, live_server, indexed, path):
    if path == "ARTICLE":
        article = Article.objects.get(file_name__startswith="002_")
        path = article.get_absolute_url() + "?q=immigration"
    page.goto(live_server.url + path)
    # open every collapsed section so that what it holds is checked too
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(page) == []
    total, missing = keyboard_reaches_every_control(page)
    assert total >= 3 and missing == []
