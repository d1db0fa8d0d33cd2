"""Every action on a selection, through the admin's HTTP interface, and what the public sees
after each one."""

import pytest
from django.test import Client

from archive.models import Article, CommentBlock, Source
from tests.archive.admin.conftest import seed
from tests.archive.admin.surfaces import (
    assert_not_public,
    assert_public,
    search_facets,
    search_hits,
)

# Real commits: the search index follows the database on commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

CHANGELIST = "/admin/archive/article/"


def post_action(client, action, articles, follow=True, **data):
    payload = {"action": action, "index": 0, "_selected_action": [a.pk for a in articles]}
    return client.post(CHANGELIST, payload | data, follow=follow)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_hide_asks_for_a_reason_then_hides_everywhere(as_editor, editor, seeded):
    article = seed("003")
    assert_public(article, search_for="Sessions")
    assert search_facets("border")["Reuters"] == 1
    page = post_action(as_editor, "hide", [article])
    assert page.status_code == 200
    assert page.templates[0].name == "admin/archive/article/action_form.html"
    assert "1 article selected" in page.content.decode()
    # An empty reason is refused with a message and writes nothing.
    refused = post_action(as_editor, "hide", [article], apply="1", reason="   ")
    assert "Say why the articles are hidden." in refused.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED

    done = post_action(as_editor, "hide", [article], apply="1", reason="Legal request")
    assert done.redirect_chain[-1][0] == CHANGELIST
    assert "Hid 1 article." in messages_of(done)
    article.refresh_from_db()
    assert (article.status, article.status_reason) == (Article.Status.HIDDEN, "Legal request")
    assert_not_public(article, search_for="Sessions")
    assert "Reuters" not in search_facets("border")  # its only article: the facet value goes
    record = article.history.latest()
    assert (record.history_user, record.history_change_reason) == (editor, "hidden: Legal request")


def test_publish_brings_a_hidden_article_back(as_editor, seeded):
    article = seed("003")
    Article.objects.filter(pk=article.pk).update(status="hidden", status_reason="test")
    assert_not_public(article)
    response = post_action(as_editor, "publish", [article])
    assert "Published 1 article." in messages_of(response)
    article.refresh_from_db()
    assert (article.status, article.status_reason) == (Article.Status.PUBLISHED, "")
    assert_public(article, search_for="Sessions")
    assert article.history.latest().history_change_reason == "published"


def test_publish_leaves_already_published_articles_alone(as_editor, seeded):
    articles = list(Article.objects.all())
    response = post_action(as_editor, "publish", articles)
    assert "Published 0 articles." in messages_of(response)
    assert all(a.history.count() == 1 for a in articles)  # only the ingestion record


def test_merge_makes_an_alias_that_redirects_and_deletes_nothing(as_editor, seeded):
    duplicate, kept = seed("000"), seed("001")
    comments_before = CommentBlock.objects.filter(article=duplicate).count()
    assert_public(duplicate, search_for="prosecution")
    assert search_facets("prosecution")["Breitbart"] == 1
    page = post_action(as_editor, "merge", [duplicate, kept])
    html = page.content.decode()
    assert f'value="{kept.pk}"' in html and f'value="{duplicate.pk}"' in html  # the choices
    response = post_action(as_editor, "merge", [duplicate, kept], apply="1", kept=kept.pk)
    assert f"Merged 1 article into #{kept.pk}" in messages_of(response)[0]
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == kept.pk
    assert duplicate.status == Article.Status.PUBLISHED  # merged, not hidden
    assert bytes(duplicate.raw) and Article.objects.count() == 5
    assert CommentBlock.objects.filter(article=duplicate).count() == comments_before
    assert_not_public(duplicate, redirects_to=kept, search_for="prosecution")
    assert_public(kept, search_for="prosecuting")
    assert "Breitbart" not in search_facets("prosecution")
    assert duplicate.history.latest().history_change_reason == f"merged into #{kept.pk}"


def test_merge_by_id_and_aliases_follow_the_merged_article(as_editor, seeded):
    first, second, kept = seed("000"), seed("003"), seed("001")
    Article.objects.filter(pk=first.pk).update(merged_into=second)
    response = post_action(as_editor, "merge", [second], apply="1", kept_id=kept.pk)
    assert f"into #{kept.pk}" in messages_of(response)[0]
    assert set(Article.objects.filter(merged_into=kept).values_list("pk", flat=True)) == {
        first.pk, second.pk}
    assert_not_public(first, redirects_to=kept)


@pytest.mark.parametrize("choice", ["none", "both", "hidden", "missing"])
def test_merge_refuses_a_bad_choice_with_a_message(as_editor, seeded, choice):
    duplicate, kept, hidden = seed("000"), seed("001"), seed("004")
    Article.objects.filter(pk=hidden.pk).update(status="hidden", status_reason="x")
    data = {
        "none": {},
        "both": {"kept": kept.pk, "kept_id": hidden.pk},
        "hidden": {"kept_id": hidden.pk},
        "missing": {"kept_id": 999_999},
    }[choice]
    response = post_action(as_editor, "merge", [duplicate, kept], apply="1", **data)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/archive/article/action_form.html"
    assert 'class="errornote"' in response.content.decode()
    assert not Article.objects.filter(merged_into__isnull=False).exists()


def test_set_outlet_locks_it_against_reparsing(as_editor, seeded):
    article = seed("000")
    outlet = Source.objects.get(slug="reuters")
    assert article.source != outlet
    page = post_action(as_editor, "set_outlet", [article])
    assert "Reuters" in page.content.decode()
    response = post_action(as_editor, "set_outlet", [article], apply="1", source=outlet.pk)
    assert "Set the outlet of 1 article to Reuters." in messages_of(response)
    article.refresh_from_db()
    assert article.source == outlet and "source" in article.locked_fields
    assert_public(article)  # now on Reuters' page and feed
    post_action(as_editor, "reparse", [article], apply="1")
    article.refresh_from_db()
    assert article.source == outlet


def test_set_outlet_to_unknown(as_editor, seeded):
    article = seed("003")
    response = post_action(as_editor, "set_outlet", [article], apply="1", source="")
    assert "to unknown" in messages_of(response)[0]
    article.refresh_from_db()
    assert article.source is None and "source" in article.locked_fields
    reuters_page = Client().get("/sources/reuters/").content.decode()
    assert f"/articles/{article.pk}/" not in reuters_page
    assert_public(article)


def test_reparse_keeps_manual_edits_unless_discarded(as_editor, seeded):
    article = seed("002")  # no headline: the title is derived
    assert article.headline_derived
    as_editor.post(f"/admin/archive/article/{article.pk}/change/",
                   change_form_data(article, headline="Sanctuary policies are not enough"))
    article.refresh_from_db()
    assert article.title == "Sanctuary policies are not enough"

    page = post_action(as_editor, "reparse", [article])
    assert "Discard manual edits" in page.content.decode()
    response = post_action(as_editor, "reparse", [article], apply="1")
    assert "Re-parsed 1 article." in messages_of(response)
    article.refresh_from_db()
    assert article.headline == "Sanctuary policies are not enough"
    assert article.history.latest().history_change_reason == "re-parsed"

    post_action(as_editor, "reparse", [article], apply="1", discard_manual_edits="on")
    article.refresh_from_db()
    assert (article.headline, article.headline_derived, article.locked_fields) == ("", True, [])
    assert_public(article, search_for="sanctuary")


def test_reparse_applies_new_signatures_to_unlocked_outlets(as_editor, seeded):
    article = seed("003")
    Article.objects.filter(pk=article.pk).update(source=None)
    post_action(as_editor, "reparse", [article], apply="1")
    article.refresh_from_db()
    assert article.source.slug == "reuters"


def test_reindex_rebuilds_documents_the_index_lost(as_editor, seeded):
    from haystack import connections

    connections["default"].get_backend().clear()  # the index lost everything
    assert f"/articles/{seed('003').pk}/" not in search_hits(Client(), "Sessions")
    articles = list(Article.objects.all())
    response = post_action(as_editor, "reindex", articles)
    assert "Queued 5 articles for re-indexing." in messages_of(response)
    assert_public(seed("003"), search_for="Sessions")
    assert search_facets("border")["Reuters"] == 1


def test_select_all_across_pages_with_a_filter(as_editor, seeded):
    """"Select all" with a filter acts on the filtered set, not only the checked rows."""
    payload = {"action": "hide", "index": 0, "select_across": 1, "apply": "1",
               "reason": "bulk test", "_selected_action": [seed("003").pk]}
    response = as_editor.post(CHANGELIST + "?attention=no_date", payload, follow=True)
    assert "Hid 4 articles." in messages_of(response)
    assert list(Article.objects.filter(status="hidden").values_list("published", flat=True)) \
        == [None] * 4
    assert_public(seed("002"))


def change_form_data(article, **changes):
    data = {
        "headline": article.headline,
        "source": article.source_id or "",
        "published": article.published.isoformat() if article.published else "",
        "byline": article.byline,
        "url": article.url,
        "status": article.status,
        "status_reason": article.status_reason,
        "comment_blocks-TOTAL_FORMS": 0,
        "comment_blocks-INITIAL_FORMS": 0,
    }
    blocks = list(article.comment_blocks.all())
    data["comment_blocks-TOTAL_FORMS"] = data["comment_blocks-INITIAL_FORMS"] = len(blocks)
    for index, block in enumerate(blocks):
        data[f"comment_blocks-{index}-id"] = block.pk
        data[f"comment_blocks-{index}-article"] = article.pk
        if block.is_hidden:
            data[f"comment_blocks-{index}-is_hidden"] = "on"
    return data | changes
