"""An editor curates in a real browser (Debian's Chromium through Playwright): fixes the seed
article that has no headline, hides another, merges a duplicate; then the public search shows
the new headline and not the hidden article, and the merged permalink redirects."""

import re

import pytest
from django.contrib.auth.models import Group, User

from archive.models import Article
from tests.archive.admin.conftest import seed
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-pass-phrase"  # noqa: S105 (a throw-away test account)
NEW_HEADLINE = "Sanctuary cities are not enough, civil rights groups say"


def select_and_run(page, base, articles, action_label):
    page.goto(base + "/admin/archive/article/")
    for article in articles:
        page.locator(f'input[name="_selected_action"][value="{article.pk}"]').check()
    page.select_option('select[name="action"]', label=action_label)
    page.get_by_role("button", name="Go").click()


def test_editor_fixes_hides_and_merges_then_the_public_sees_it(page, live_server, seeded):
    editor = User.objects.create_user("eddie", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    untitled, hidden, duplicate, kept = seed("002"), seed("004"), seed("000"), seed("001")
    base = live_server.url

    # Log in: the admin sends an anonymous visitor to its login page.
    page.goto(base + "/admin/")
    assert "/admin/login/" in page.url
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/admin/")

    # The Attention panel leads to the article without a headline.
    page.locator("#attention").get_by_role("link", name="No headline").click()
    page.wait_for_url(re.compile(r"attention=no_headline"))
    page.locator("#result_list tbody").get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/admin/archive/article/{untitled.pk}/change/"))
    assert page.locator(".clippings-raw li.kind-comment_heading").count() == 1  # raw beside
    page.fill("#id_headline", NEW_HEADLINE)
    page.get_by_role("button", name="Save", exact=True).first.click()  # Save is on top too
    page.wait_for_url(re.compile(r"/admin/archive/article/(\?.*)?$"))
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    # Hide another, with a reason on the intermediate page.
    select_and_run(page, base, [hidden], "Hide selected articles…")
    assert page.locator("h1").inner_text() == "Hide articles"
    assert axe_violations(page) == []
    page.fill("#id_reason", "Duplicate of a syndicated copy")
    page.get_by_role("button", name="Hide articles").click()
    assert "Hid 1 article." in page.locator(".messagelist").inner_text()

    # Merge the duplicate (000) into the same story (001).
    select_and_run(page, base, [duplicate, kept], "Merge selected articles into…")
    assert page.locator("h1").inner_text() == "Merge duplicates"
    assert axe_violations(page) == []
    page.get_by_label(re.compile(rf"#{kept.pk} Civil Rights Groups Press")).check()
    page.get_by_role("button", name="Merge duplicates").click()
    assert f"into #{kept.pk}" in page.locator(".messagelist").inner_text()

    # The public search shows the new headline and no hidden or merged article.
    page.goto(base + "/search/?q=immigration")
    results = page.locator("main").inner_text()
    assert NEW_HEADLINE in results
    assert Article.objects.get(pk=hidden.pk).title not in results
    assert Article.objects.get(pk=duplicate.pk).title not in results
    assert Article.objects.get(pk=kept.pk).title in results
    page.goto(base + "/search/?q=sanctuary")
    page.get_by_role("link", name=NEW_HEADLINE).first.click()
    page.wait_for_url(re.compile(rf"/articles/{untitled.pk}/"))
    assert page.locator("h1").inner_text() == NEW_HEADLINE

    # The hidden article is gone; the merged permalink lands on the kept article.
    response = page.goto(base + Article.objects.get(pk=hidden.pk).get_absolute_url())
    assert response.status == 404
    response = page.goto(base + f"/articles/{duplicate.pk}/")
    assert response.status == 200
    assert page.url == base + Article.objects.get(pk=kept.pk).get_absolute_url()
    first_hop = response.request.redirected_from
    assert first_hop is not None and first_hop.response().status == 301
