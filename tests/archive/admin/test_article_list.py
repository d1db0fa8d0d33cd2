"""The article list: columns, every filter, search, date hierarchy, the outlet autocomplete
and the Attention panel of the admin index."""

import re

import pytest

from archive.models import Article, CommentBlock, Source
from tests.archive.admin.conftest import seed

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/archive/article/"


def listed(client, query: str = "") -> set[int]:
    response = client.get(CHANGELIST + query)
    assert response.status_code == 200, query
    return {article.pk for article in response.context["cl"].result_list}


def ids(*prefixes: str) -> set[int]:
    return {seed(prefix).pk for prefix in prefixes}


def test_columns_mark_derived_titles_and_what_needs_attention(as_editor, seeded):
    html = as_editor.get(CHANGELIST).content.decode()
    # Short column names: the list fits 1280 px beside its filters (issue 14).
    for heading in ("Headline", "Outlet", "Published", "Status", "Comments", "Words",
                    "Attention"):
        assert heading.lower() in html.lower(), heading
    undated = seed("002")
    row = next(r for r in html.split("<tr") if f"/admin/archive/article/{undated.pk}/" in r)
    assert "(derived title)" in row and "no headline" in row
    assert f">{undated.comment_blocks.get().comment_count}<" in row
    assert f">{undated.word_count}<" in row
    row = next(r for r in html.split("<tr") if f"/admin/archive/article/{seed('001').pk}/" in r)
    assert "unknown outlet" in row and "no date" in row and "(derived title)" not in row


def test_scraped_text_in_the_list_is_escaped(as_editor, seeded):
    article = seed("003")
    Article.objects.filter(pk=article.pk).update(title="<script>alert(1)</script>",
                                                 headline="<script>alert(1)</script>")
    html = as_editor.get(CHANGELIST).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_status_filter(as_editor, seeded):
    Article.objects.filter(pk=seed("003").pk).update(status="hidden", status_reason="x")
    Article.objects.filter(pk=seed("000").pk).update(merged_into=seed("001"))
    assert listed(as_editor, "?state=published") == ids("001", "002", "004")
    assert listed(as_editor, "?state=hidden") == ids("003")
    assert listed(as_editor, "?state=merged") == ids("000")
    assert len(listed(as_editor)) == 5  # editors see everything by default


def test_outlet_filter_including_unknown(as_editor, seeded):
    reuters = Source.objects.get(slug="reuters")
    assert listed(as_editor, f"?source__id__exact={reuters.pk}") == ids("003")
    assert listed(as_editor, "?source__isnull=True") == ids("001")


def test_year_filter_and_date_hierarchy(as_editor, seeded):
    assert listed(as_editor, "?year=2018") == ids("002")
    assert listed(as_editor, "?year=none") == ids("000", "001", "003", "004")
    assert listed(as_editor, "?year=1999") == set()
    assert listed(as_editor, "?published__year=2018&published__month=3") == ids("002")
    html = as_editor.get(CHANGELIST).content.decode()
    assert "?published__year=2018" in html  # the date hierarchy's link


def test_has_comments_filter(as_editor, seeded):
    assert listed(as_editor, "?comments=yes") == ids("002")
    assert listed(as_editor, "?comments=no") == ids("000", "001", "003", "004")
    CommentBlock.objects.update(comments=[])
    for block in CommentBlock.objects.all():
        block.save()  # comment_count follows the comments
    assert listed(as_editor, "?comments=yes") == set()


def test_needs_attention_filter(as_editor, seeded):
    assert listed(as_editor, "?attention=no_headline") == ids("002")
    assert listed(as_editor, "?attention=no_date") == ids("000", "001", "003", "004")
    assert listed(as_editor, "?attention=unknown_outlet") == ids("001")
    assert listed(as_editor, "?attention=any") == ids("000", "001", "002", "003", "004")
    # An alias needs no care: merged articles leave the attention lists.
    Article.objects.filter(pk=seed("001").pk).update(merged_into=seed("000"))
    assert listed(as_editor, "?attention=unknown_outlet") == set()


def test_filters_combine_and_nonsense_values_do_not_break_the_page(as_editor, seeded):
    assert listed(as_editor, "?attention=no_date&state=published&year=none") == ids(
        "000", "001", "003", "004")
    for query in ("?attention=bogus", "?year=abc", "?state=nope", "?comments=maybe"):
        assert len(listed(as_editor, query)) == 5


def test_search_on_headline_byline_and_body(as_editor, seeded):
    assert listed(as_editor, "?q=Sessions+renews") == ids("003")  # headline
    assert listed(as_editor, "?q=Gorman") == ids("004")  # byline
    assert listed(as_editor, "?q=Century+Foundation") == ids("002")  # body only
    assert listed(as_editor, "?q=%3Cscript%3E") == set()


def test_outlet_autocomplete(as_editor, seeded):
    response = as_editor.get("/admin/autocomplete/", {
        "term": "reu", "app_label": "archive", "model_name": "article", "field_name": "source",
    })
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Reuters"]
    change = as_editor.get(f"/admin/archive/article/{seed('003').pk}/change/").content.decode()
    assert "admin-autocomplete" in change


def test_attention_panel_counts_and_links(as_viewer, seeded):
    html = as_viewer.get("/admin/").content.decode()
    panel = html[html.index('id="attention"'):html.index("</section>")]
    counts = dict(re.findall(r'data-problem="(\w+)">(\d+)<', panel))
    assert counts == {"no_headline": "1", "no_date": "4", "unknown_outlet": "1"}
    for key in counts:
        assert f'href="/admin/archive/article/?attention={key}"' in panel
    Article.objects.filter(pk=seed("001").pk).update(source=Source.objects.get(slug="reuters"))
    html = as_viewer.get("/admin/").content.decode()
    assert 'data-problem="unknown_outlet">0<' in html
