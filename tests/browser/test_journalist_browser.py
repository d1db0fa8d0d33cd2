"""The search and reading pages as a journalist works with them (issue 14), in Debian's Chromium:
results first (Tab count, skip link, folding on a phone, keys), comment hits that open on the
comment, a phrase counted as one match and kept visible under the sticky bar, and axe-core on
every public page and on the admin's article change page."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from archive.models import Article, CommentBlock
from newsroom.models import Entity, Story
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_RESULT = ".hits .card-title a"


@pytest.fixture
def indexed(seeded):
    call_command("rebuild_index", interactive=False, verbosity=0)
    return seeded


def focused(page) -> str:
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return el ? (el.id || el.textContent.trim().slice(0, 60)) : ''; }"
    )


def test_few_tab_presses_from_the_box_to_the_first_result(page, live_server, indexed):
    page.goto(live_server.url + "/search/?q=border")
    first = page.locator(FIRST_RESULT).first
    title = first.inner_text()
    page.locator("#id_q").focus()
    presses = 0
    while presses < 30:
        presses += 1
        page.keyboard.press("Tab")
        if page.evaluate("(t) => document.activeElement.textContent === t", title):
            break
    assert presses <= 5, f"{presses} Tab presses from the search box to the first result"
    assert page.evaluate("() => document.activeElement.closest('.hits') !== null")


def test_skip_link_goes_to_the_results(page, live_server, indexed):
    page.goto(live_server.url + "/search/?q=border")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link").first
    assert focused(page) == "Skip to results"
    assert skip.is_visible()  # shown when it has the focus
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#results-heading$"))  # the jump is not synchronous
    assert focused(page) == "results-heading"
    # From the results heading, the sort menu and then the first result.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.hits') !== null")


def test_on_a_phone_results_come_first_and_every_facet_is_folded(browser, live_server, indexed):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/?q=border")
        groups = page.locator("details.facet-group")
        assert groups.count() >= 5
        assert all(not g.evaluate("d => d.open") for g in groups.all())
        first = page.locator(FIRST_RESULT).first.bounding_box()
        refine = page.locator("#refine-heading").bounding_box()
        assert first["y"] < refine["y"]
        assert first["y"] + first["height"] < 844, "the first result is on the first screen"
        page_height = page.evaluate("() => document.documentElement.scrollHeight")
        assert page_height < 4300  # everything folded: no long column of values
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        # A folded group opens with the keyboard and shows its top values and "more".
        outlet = page.locator('details.facet-group[data-facet="outlet"] > summary')
        outlet.focus()
        page.keyboard.press("Enter")
        assert page.locator('input[name="outlet"][value="Reuters"]').is_visible()
        assert axe_violations(page) == []
    finally:
        context.close()


def test_keys_slash_j_k_and_exclusion_from_the_keyboard(page, live_server, indexed):
    page.goto(live_server.url + "/search/?q=border")
    page.locator("h1").click()
    page.keyboard.press("/")
    assert focused(page) == "id_q"
    page.locator("h1").click()
    links = page.locator(FIRST_RESULT)
    page.keyboard.press("j")
    assert page.evaluate("() => document.activeElement.href") == links.nth(0).evaluate(
        "a => a.href"
    )
    page.keyboard.press("j")
    assert page.evaluate("() => document.activeElement.href") == links.nth(1).evaluate(
        "a => a.href"
    )
    page.keyboard.press("k")
    assert page.evaluate("() => document.activeElement.href") == links.nth(0).evaluate(
        "a => a.href"
    )
    # One tab stop per value: the − link is skipped by Tab; x on the box leaves the value out.
    box = page.locator('input[name="outlet"][value="Reuters"]')
    box.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.classList.contains('exclude')")
    box.focus()
    page.keyboard.press("x")
    page.wait_for_url(re.compile(r"not_outlet=Reuters"))
    assert page.get_by_role("link", name="Remove filter Outlet: not Reuters").is_visible()


def test_advanced_search_writes_the_query_into_the_box(page, live_server, indexed):
    page.goto(live_server.url + "/search/")
    page.get_by_text("Advanced search", exact=True).click()
    page.get_by_label("This exact phrase").fill("profoundly immoral")
    page.get_by_label("None of these words").fill("Sessions")
    page.get_by_label("Outlet", exact=True).fill("HuffPost")
    assert page.locator("#id_q").input_value() == '"profoundly immoral" -Sessions outlet:HuffPost'
    page.get_by_role("button", name="Search with these").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("#id_q").input_value() == '"profoundly immoral" -Sessions outlet:HuffPost'
    assert page.locator("#results-heading").inner_text().startswith("1 result")


def test_a_comment_hit_opens_on_the_comment_highlighted(page, live_server, indexed):
    page.goto(live_server.url + "/search/?q=treason&kind=comments")
    page.locator(".result-comments .card-title a").first.click()
    page.wait_for_url(re.compile(r"#comment-\d+-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    comment = page.locator(f"#{anchor}")
    assert comment.is_visible()  # the comments are open
    assert comment.locator("mark.hit").first.inner_text().lower() == "treason"
    box = comment.bounding_box()
    assert 0 <= box["y"] < 900  # scrolled into view
    assert comment.evaluate("li => getComputedStyle(li).outlineStyle") != "none"  # :target
    block = CommentBlock.objects.get()
    heading = page.locator(f"#comments-{block.pk}").inner_text()
    assert heading.endswith(f"({block.comment_count})")
    assert block.comment_count == len(block.comments) < 74  # a numbered list is one comment
    assert axe_violations(page) == []


def test_a_phrase_is_one_match_and_the_jump_keeps_it_visible(page, live_server, indexed):
    page.goto(live_server.url + '/search/?q="profoundly+immoral"&outlet=HuffPost')
    page.locator(FIRST_RESULT).first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    marks = page.locator("#article-body mark.hit")
    body = page.locator("#article-body").inner_text().lower()
    assert marks.count() == body.count("profoundly immoral") == 2
    assert [m.lower() for m in marks.all_inner_texts()] == ["profoundly immoral"] * 2
    status = page.locator("#match-status").inner_text()
    assert status.startswith("2 matches for “profoundly immoral” in the text")
    back = page.get_by_role("link", name=re.compile("Back to the search results"))
    assert back.inner_text() == "← Back to the search results for “profoundly immoral”"

    page.set_viewport_size({"width": 1280, "height": 500})
    page.evaluate("() => window.scrollTo(0, 0)")
    page.get_by_role("link", name="go to the first").click()
    bar = page.locator(".match-tools").bounding_box()
    mark = page.locator("#match-0").bounding_box()
    assert mark["y"] >= bar["y"] + bar["height"], "the match is under the sticky bar"
    assert mark["y"] + mark["height"] <= 500


def axe_paths() -> list[str]:
    article = Article.objects.get(file_name__startswith="002_")
    story = Story.objects.with_public_size().filter(public_size__gt=1).first()
    entity = Entity.objects.get(name="Barack Obama")
    return [
        "/", "/search/?q=border", "/search/?q=border&from=2016-01-01",
        "/search/help/", "/search/facets/person/?q=border",
        article.get_absolute_url() + "?q=treason", article.get_absolute_url() + "original/",
        "/sources/", "/sources/reuters/", "/stories/", story.get_absolute_url(),
        "/entities/", "/entities/?kind=person", entity.get_absolute_url(),
        "/quotes/", "/quotes/?q=immoral", "/archive/", "/archive/2018/", "/archive/2018/03/",
        "/no-such-page/",
    ]


def test_every_public_page_passes_axe(page, live_server, indexed):
    failures = {}
    for path in axe_paths():
        page.goto(live_server.url + path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        found = axe_violations(page)
        if found:
            failures[path] = [(v["id"], v["impact"], len(v["nodes"])) for v in found]
    assert failures == {}


def test_the_admin_change_page_passes_axe_and_saves_from_the_top(page, live_server, indexed):
    User.objects.create_user("edna", password="a-long-editor-pass-phrase",  # noqa: S106
                             is_staff=True).groups.add(Group.objects.get(name="Editor"))
    article = Article.objects.get(file_name__startswith="002_")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", "a-long-editor-pass-phrase")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + f"/admin/archive/article/{article.pk}/change/")
    assert page.get_by_role("button", name="Save", exact=True).count() == 2  # top and bottom
    assert page.get_by_role("button", name="Save and add another").count() == 0
    notes = page.locator(".field-notes")
    assert "[" not in notes.inner_text() and "'" not in notes.inner_text()
    assert page.get_by_label("Hide these comments from the public").count() == 1
    assert [(v["id"], [n["html"][:200] for n in v["nodes"]]) for v in axe_violations(page)] == []

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/archive/article/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
    # No column cut off inside the list's own scroll box either.
    assert page.evaluate(
        "() => { const r = document.querySelector('.results');"
        " return r.scrollWidth <= r.clientWidth; }"
    )
    assert page.locator("#result_list th.column-attention").is_visible()
    assert axe_violations(page) == []
