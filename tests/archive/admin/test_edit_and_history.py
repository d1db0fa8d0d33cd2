"""The edit page (raw text beside the parsed fields, comment blocks inline), manual edits that
re-parsing keeps, and every change on the history page with restore."""

import re

import pytest
from django.test import Client

from archive.models import Article, CommentBlock
from tests.archive.admin.conftest import seed
from tests.archive.admin.surfaces import assert_public, search_hits
from tests.archive.admin.test_actions import change_form_data

# Real commits: the search index follows the database on commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def change_url(article) -> str:
    return f"/admin/archive/article/{article.pk}/change/"


def test_raw_text_is_shown_escaped_beside_the_fields_with_line_kinds(as_viewer, seeded):
    article = seed("002")
    html = as_viewer.get(change_url(article)).content.decode()
    raw = html[html.index('class="clippings-raw'):]
    assert "Raw text, as ingested" in raw
    lines = re.findall(r'<li class="kind-([a-z_]+)"><span class="num">(\d+)</span>', raw)
    kinds = {kind for kind, _number in lines}
    assert {"body", "comment_heading", "comment"} <= kinds
    assert int(lines[-1][1]) == len(bytes(article.raw).decode("utf-8").splitlines())
    assert "Sounds treasonous to me." in raw


def test_raw_text_from_a_page_cannot_inject_markup(as_editor, seeded):
    article = seed("003")
    Article.objects.filter(pk=article.pk).update(
        raw=b"<b>Bold claim</b>\n\n<script>alert('x')</script> body words here.\n"
    )
    html = as_editor.get(change_url(article)).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_fixing_a_missing_headline_locks_it_and_shows_publicly(as_editor, editor, seeded):
    article = seed("002")
    response = as_editor.post(change_url(article),
                              change_form_data(article, headline="  Sanctuary  is not enough "))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.title, article.headline_derived) == (
        "Sanctuary is not enough", "Sanctuary is not enough", False)
    assert set(article.locked_fields) == {"headline", "title", "headline_derived"}
    assert article.slug == "sanctuary-is-not-enough"
    assert_public(article, search_for="sanctuary")
    assert "Sanctuary is not enough" in search_hits(Client(), "sanctuary")
    record = article.history.latest()
    assert record.history_user == editor
    history = as_editor.get(f"/admin/archive/article/{article.pk}/history/").content.decode()
    assert "eddie" in history
    assert "edited: headline" in history
    assert re.search(r"<strong>Headline:</strong>\s*&nbsp;&rarr;&nbsp;&nbsp;Sanctuary is not "
                     r"enough", history), "old → new value on the history page"
    assert re.search(r"<strong>Title:</strong>\s*Civil rights groups said Wednesday[^<]*"
                     r"&rarr;&nbsp;&nbsp;Sanctuary is not enough", history)


def test_hiding_in_the_form_needs_a_reason(as_editor, seeded):
    article = seed("004")
    response = as_editor.post(change_url(article), change_form_data(article, status="hidden"))
    assert response.status_code == 200
    assert "Say why the article is hidden." in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "published"


def test_a_bad_date_is_a_form_error_not_a_500(as_editor, seeded):
    article = seed("004")
    data = change_form_data(article, published="2018-02-31")
    response = as_editor.post(change_url(article), data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()


def test_hiding_a_comment_block_inline(as_editor, seeded):
    article = seed("002")
    block = CommentBlock.objects.get(article=article)
    page = as_editor.get(article.get_absolute_url()).content.decode()
    assert "Sounds treasonous to me." in page
    admin_page = as_editor.get(change_url(article)).content.decode()
    assert 'name="comment_blocks-0-is_hidden"' in admin_page
    assert 'name="comment_blocks-0-comments"' not in admin_page  # the text is read-only
    data = change_form_data(article) | {"comment_blocks-0-is_hidden": "on"}
    assert as_editor.post(change_url(article), data).status_code == 302
    block.refresh_from_db()
    assert block.is_hidden and block.comments  # hidden, kept
    page = as_editor.get(article.get_absolute_url()).content.decode()
    assert "Sounds treasonous to me." not in page
    # Re-parsing keeps the block hidden.
    as_editor.post("/admin/archive/article/", {"action": "reparse", "index": 0, "apply": "1",
                                             "_selected_action": [article.pk]})
    assert CommentBlock.objects.get(article=article).is_hidden


def test_restore_an_earlier_version(as_editor, seeded):
    article = seed("003")
    original = article.history.earliest()
    as_editor.post(change_url(article), change_form_data(article, headline="A wrong headline",
                                                         byline="Someone Else"))
    article.refresh_from_db()
    assert article.title == "A wrong headline"
    history = as_editor.get(f"/admin/archive/article/{article.pk}/history/").content.decode()
    restore_url = f"/admin/archive/article/{article.pk}/history/{original.history_id}/"
    assert restore_url in history
    form = as_editor.get(restore_url)
    assert form.status_code == 200 and "US Attorney General" in form.content.decode()
    response = as_editor.post(restore_url, change_form_data(original.instance))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline.startswith("US Attorney General Jeff Sessions")
    assert article.byline == "Sarah N. Lynch and Mica Rosenberg"
    assert article.history.latest().history_change_reason.startswith("restored the version of")
    assert bytes(article.raw).startswith(b"US Attorney General")  # raw bytes untouched
    assert_public(article, search_for="Sessions")
    hits = search_hits(Client(), "Sessions")
    assert "A wrong headline" not in hits


def test_restore_undoes_a_merge(as_editor, seeded):
    duplicate, kept = seed("000"), seed("001")
    before = duplicate.history.latest()
    as_editor.post("/admin/archive/article/", {
        "action": "merge", "index": 0, "apply": "1", "kept": kept.pk,
        "_selected_action": [duplicate.pk, kept.pk]})
    assert Article.objects.get(pk=duplicate.pk).merged_into_id == kept.pk
    url = f"/admin/archive/article/{duplicate.pk}/history/{before.history_id}/"
    assert as_editor.post(url, change_form_data(before.instance)).status_code == 302
    assert Article.objects.get(pk=duplicate.pk).merged_into_id is None
    assert_public(duplicate, search_for="prosecution")
