"""The results: 20 a page with a total, sort orders, the card's fields, snippets, spelling
suggestions, the empty state, and nothing that the public may not see."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article
from tests.search.page.conftest import urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_article):
    start = dt.date(2015, 1, 1)
    return [
        make_article(
            title=f"Story number {n}", body=f"Border story {n}.", source="Reuters",
            published=start + dt.timedelta(days=7 * n),
        )
        for n in range(45)
    ]


def test_twenty_a_page_with_a_total_and_pages(search, many):
    first = search(q="border")
    assert first.total == 45 and len(first.links) == 20
    assert "45 results" in first.html and "page 1 of 3" in first.html
    second = search(q="border", page="2")
    third = search(q="border", page="3")
    assert len(second.links) == 20 and len(third.links) == 5
    every = first.links + second.links + third.links
    assert sorted(every) == urls(*many)
    assert 'rel="next" href="?q=border&amp;page=2"' in first.html
    assert 'rel="prev" href="?q=border"' in second.html
    assert '<ol class="hits" start="21">' in second.html
    assert search(q="border", page="4").status == 404


def test_sort_newest_and_oldest(search, many):
    newest = search(q="border", sort="newest")
    assert newest.links == [a.get_absolute_url() for a in many[::-1][:20]]
    oldest = search(q="border", sort="oldest")
    assert oldest.links == [a.get_absolute_url() for a in many[:20]]
    assert 'option value="newest" selected' in newest.html


def test_undated_articles_sort_last_both_ways(search, many, make_article):
    """As the archive's own lists do (nulls last), and as Elasticsearch does by default.

    Engine bug (search/backends/whoosh.py, _sorting): a document without ``published`` sorts
    as the largest value, so "newest first" starts with every undated article."""
    undated = make_article(title="Undated", body="Border story undated.")
    newest = search(q="border", sort="newest")
    assert newest.links[0] == many[-1].get_absolute_url()
    oldest = search(q="border", sort="oldest")
    assert oldest.links[0] == many[0].get_absolute_url()
    last = search(q="border", sort="newest", page="3")
    assert last.links[-1] == undated.get_absolute_url()


def test_without_words_the_newest_come_first(search, many):
    page = search()
    assert page.response.context["effective_sort"] == "newest"
    assert page.response.context["sort"] == "relevance"  # what the form will submit with words
    assert page.links[0] == many[-1].get_absolute_url()
    only_excluding = search(q="-zebra")
    assert only_excluding.response.context["effective_sort"] == "newest"
    assert only_excluding.links[0] == many[-1].get_absolute_url()


def test_relevance_is_the_default_with_words(search, make_article):
    weak = make_article(title="Weak", body="budget " + "filler words here " * 60)
    strong = make_article(title="Budget budget", body="budget budget budget")
    page = search(q="budget")
    assert page.response.context["sort"] == "relevance"
    assert page.links == [strong.get_absolute_url(), weak.get_absolute_url()]
    assert 'option value="relevance" selected' in page.html


def test_a_result_card_shows_headline_outlet_date_byline_comments_and_snippet(
    search, make_article
):
    article = make_article(
        title="Senate passes border bill",
        body="Intro words. " * 30 + "The senate passed the border security bill.",
        source="Reuters", published=dt.date(2018, 3, 5), byline="Ann Lee",
        comments=["First", "Second", "Third"],
    )
    page = search(q="security", kind="article")
    card = re.search(r'<article class="card result">(.*?)</article>', page.html, re.S).group(1)
    assert article.get_absolute_url() in card
    assert "Senate passes border bill" in card
    assert ">Reuters</a>" in card
    assert '<time datetime="2018-03-05">5 March 2018</time>' in card
    assert "By Ann Lee" in card
    assert "3 reader comments" in card
    assert "the border <mark>security</mark> bill" in card
    assert card.count("Intro words.") < 10  # a window around the match, not the whole body


def test_reader_comment_results_are_labelled_as_readers_words(search, make_article):
    article = make_article(
        title="Budget", body="Nothing here.", source="Reuters",
        comments=["Readers say budget things"],
    )
    page = search(q="readers")
    assert page.total == 1
    card = re.search(r'<article class="card result result-comments">(.*?)</article>',
                     page.html, re.S).group(1)
    assert "Reader comments</span> written by readers, not by Reuters" in card
    assert "Reader comments on “Budget”" in card
    assert "<mark>Readers</mark> say budget things" in card
    assert article.get_absolute_url() in card


def test_comment_hits_of_hidden_or_merged_articles_are_dropped_by_a_join(search, make_article):
    """The index still holds these blocks (updated without signals); the page's rows are read
    with conditions on the join, not a subquery of every public article's id (which SQLite
    builds in full for each search: 250 ms at 100,000 articles)."""
    shown, hidden, merged = (
        make_article(title=title, body="Nothing here.", source="Reuters",
                     comments=[f"Readers say {title.lower()} things"])
        for title in ("Shown", "Hidden", "Merged")
    )
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.HIDDEN)
    Article.objects.filter(pk=merged.pk).update(merged_into=shown)
    with CaptureQueriesContext(connection) as queries:
        page = search(q="readers", kind="comments")
    assert page.links == [f"{shown.get_absolute_url()}#comment-{shown.comment_blocks.get().pk}-1"]
    block_queries = [q["sql"] for q in queries if 'FROM "search_commentblock"' in q["sql"]]
    assert block_queries and not any("(SELECT" in sql for sql in block_queries)


def test_a_spelling_suggestion_when_little_is_found(search, newsroom):
    page = search(q="governer", kind="article")
    assert page.total == 0
    suggestion = page.response.context["suggestion"]
    assert suggestion == "governor"
    assert "Did you mean" in page.html
    follow = search(page.response.context["suggestion_url"])
    assert follow.total >= 1 and "kind=article" in page.response.context["suggestion_url"]


def test_a_misspelt_word_is_looked_up_once_for_the_page(search, newsroom, monkeypatch):
    """The page's own search brings the suggestion back; the word is not looked up again."""
    from search.engine import spelling

    looked_up = []
    near = spelling.Speller.near
    monkeypatch.setattr(spelling.Speller, "near", lambda self, searcher, field, word:
                        looked_up.append(word) or near(self, searcher, field, word))
    page = search(q="governer budgte", outlet="Reuters")
    assert page.response.context["suggestion"] == "governor budget"
    assert sorted(looked_up) == ["budgte", "governer"]


def test_no_suggestion_when_plenty_is_found(search, many):
    assert search(q="border").response.context["suggestion"] is None


def test_the_empty_state_helps(search, newsroom):
    page = search(q="zebra", outlet="Reuters")
    assert page.status == 200 and page.total == 0
    assert "Nothing matched zebra with these filters" in page.html
    assert "Search again without the filters" in page.html
    assert "how to search" in page.html


def test_hidden_and_merged_articles_never_show(
    search, newsroom, django_capture_on_commit_callbacks
):
    a1, a2 = newsroom["a1"], newsroom["a2"]
    with django_capture_on_commit_callbacks(execute=True):
        a1.status = Article.Status.HIDDEN
        a1.save()
        a2.merged_into = newsroom["a4"]
        a2.save()
    page = search(q="border")
    assert a1.get_absolute_url() not in page.html
    assert a2.get_absolute_url() not in page.html
    assert page.facet("outlet").get("Los Angeles Times") is None
    assert page.total == len(page.links) == 2


def test_a_stale_index_entry_is_not_shown(search, newsroom):
    """Even if the index still has an article that the database no longer shows (e.g. hidden by
    a bulk update that fired no signal), the page shows only published rows."""
    Article.objects.filter(pk=newsroom["a1"].pk).update(status=Article.Status.HIDDEN)
    page = search(q="senate", kind="article")
    assert newsroom["a1"].get_absolute_url() not in page.links
    assert page.links == [newsroom["a4"].get_absolute_url()]


def test_help_page(client):
    page = client.get("/search/help/")
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("q", "kind", "outlet", "year", "month", "comments", "byline", "not_outlet",
                 "from", "to", "sort", "page"):
        assert f"<code>{name}</code>" in html, name
    assert '<code>"civil groups"~5</code>' in html


def test_every_page_has_a_search_box_linking_to_the_help(client, newsroom):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'href="/search/help/"' in html
