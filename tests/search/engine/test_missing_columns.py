"""A segment where no document has a date (a batch of undated articles or reader comments) holds
no date column. Sorting by date and date ranges still run on the arrays there: its documents
sort last and match no range. (Before, such a segment sent every sorted or dated search back to
Whoosh's matchers: 7–23 s of CPU a search page at 10,000 articles.)"""

import datetime as dt

import pytest
from haystack.query import SearchQuerySet

import search.engine.whoosh as engine
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def fallbacks(monkeypatch):
    """The searches that fell back to Whoosh's own sorted collector."""
    calls = []
    original = engine.sorted_search
    monkeypatch.setattr(engine, "sorted_search",
                        lambda *a, **k: calls.append(a[1]) or original(*a, **k))
    return calls


def test_a_segment_without_dates_sorts_last_and_matches_no_range(on_commit, fallbacks):
    with on_commit():  # its own segment: no document in it has a date
        make_article(title="Undated", body="ferry")
    with on_commit():
        make_article(title="Old", body="ferry", published=dt.date(2001, 1, 1))
        make_article(title="New", body="ferry", published=dt.date(2020, 1, 1))
    newest = [r.title for r in SearchQuerySet().auto_query("ferry").order_by("-published")]
    oldest = [r.title for r in SearchQuerySet().auto_query("ferry").order_by("published")]
    since = SearchQuerySet().auto_query("ferry").filter(published__gte=dt.date(2000, 1, 1))
    assert newest == ["New", "Old", "Undated"]
    assert oldest == ["Old", "New", "Undated"]
    assert sorted(r.title for r in since) == ["New", "Old"]
    assert fallbacks == []
