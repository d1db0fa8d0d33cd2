"""Highlighting, spelling, fuzzy terms, sorting and related coverage through haystack's API."""

import datetime as dt

import pytest
from haystack.query import SearchQuerySet

from archive.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

HOSTILE = (
    'The council news <svg/onload=alert(1)> met. Budget "><img src=x onerror=alert(2)> '
    "news & more budget talk."
)


def test_highlights_escape_the_page_text_and_add_only_mark(on_commit):
    with on_commit():
        make_article(title="Council", body=HOSTILE)
    result = SearchQuerySet().auto_query("budget").highlight()[0]
    snippet = result.highlighted["text"][0]
    assert "<mark>Budget</mark>" in snippet and "<mark>budget</mark>" in snippet
    assert "<svg" not in snippet and "<img" not in snippet
    assert "&lt;svg/onload=alert(1)&gt;" in snippet
    assert "&lt;img src=x onerror=alert(2)&gt;" in snippet
    assert "&amp;" in snippet
    without_marks = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks


def test_highlight_is_stemming_aware(on_commit):
    with on_commit():
        make_article(title="Markets", body="Markets fell as the market closed.")
    snippet = SearchQuerySet().auto_query("market").highlight()[0].highlighted["text"][0]
    assert "<mark>Markets</mark>" in snippet and "<mark>market</mark>" in snippet


def test_spelling_suggestion_for_a_query_that_finds_nothing(on_commit):
    with on_commit():
        make_article(title="Immigration", body="The immigration court ruled.")
    sqs = SearchQuerySet().auto_query("imigration")
    assert sqs.count() == 0
    assert sqs.spelling_suggestion() == "immigration"
    assert SearchQuerySet().auto_query("court").spelling_suggestion() is None


def test_fuzzy_terms_match_through_the_stemmer(on_commit):
    with on_commit():
        make_article(title="Morals", body="A profoundly immoral policy.")
        make_article(title="Other", body="Nothing related.")
    assert SearchQuerySet().raw_search("imoral~").count() == 1
    assert SearchQuerySet().raw_search("profondly~").count() == 1
    assert SearchQuerySet().raw_search("imoral").count() == 0


def test_order_by_may_mix_directions(on_commit):
    with on_commit():
        make_article(title="B later", body="vote", published=dt.date(2019, 1, 1))
        make_article(title="A later", body="vote", published=dt.date(2019, 1, 1))
        make_article(title="C early", body="vote", published=dt.date(2017, 1, 1))
    titles = [r.title for r in SearchQuerySet().auto_query("vote").order_by("-published", "title")]
    assert titles == ["A later", "B later", "C early"]
    oldest = [r.title for r in SearchQuerySet().auto_query("vote").order_by("published")]
    assert oldest[0] == "C early"


def test_dates_come_back_as_the_stored_calendar_date(on_commit):
    with on_commit():
        make_article(title="Dated", body="ferry", published=dt.date(2018, 3, 31))
    result = SearchQuerySet().auto_query("ferry")[0]
    assert result.published == dt.date(2018, 3, 31)
    assert result.month == "2018-03" and result.year == "2018"
    assert SearchQuerySet().filter(published__gte=dt.date(2018, 3, 31)).count() == 1
    assert SearchQuerySet().filter(published__lte=dt.date(2018, 3, 30)).count() == 0


def test_more_like_this_finds_related_public_coverage(on_commit):
    text = "wildfire evacuation orders spread across the canyon as firefighters battle winds"
    with on_commit():
        source = make_article(title="Wildfire", body=text)
        related = make_article(title="Fire again", body=text + " overnight")
        hidden = make_article(title="Hidden fire", body=text, status=Article.Status.HIDDEN)
        make_article(title="Budget", body="the city council passed a budget")
    found = [r.pk for r in SearchQuerySet().models(Article).more_like_this(source)]
    assert found[0] == str(related.pk)
    assert str(source.pk) not in found and str(hidden.pk) not in found


def test_malformed_raw_queries_do_not_raise(on_commit):
    with on_commit():
        make_article(title="Anything", body="anything at all")
    for q in ['"unbalanced', "(open", "AND", "OR NOT", "x" * 10_000, "a\x00b\x07", "*", "~"]:
        SearchQuerySet().raw_search(q).count()


def test_highlight_finds_a_match_deep_in_a_long_body(on_commit):
    body = "Filler words about nothing in particular. " * 200 + "The levees failed. " + (
        "More filler. " * 50)
    with on_commit():
        make_article(title="Long", body=body)
    snippet = SearchQuerySet().auto_query("levee").highlight()[0].highlighted["text"][0]
    assert "<mark>levees</mark>" in snippet


def test_undated_documents_sort_last_both_ways(on_commit):
    with on_commit():
        make_article(title="Undated", body="ferry")
        make_article(title="Old", body="ferry", published=dt.date(2001, 1, 1))
        make_article(title="New", body="ferry", published=dt.date(2020, 1, 1))
    newest = [r.title for r in SearchQuerySet().auto_query("ferry").order_by("-published")]
    oldest = [r.title for r in SearchQuerySet().auto_query("ferry").order_by("published")]
    assert newest == ["New", "Old", "Undated"]
    assert oldest == ["Old", "New", "Undated"]
