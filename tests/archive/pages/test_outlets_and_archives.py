"""Outlet pages, their Atom feeds, and the date archives, through HTTP."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from archive.models import Article
from tests.factories import XSS, make_article, make_comment_block

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="card-title"><a href="[^"]+">(.*?)</a>', html)


def test_outlet_page_lists_articles_newest_first_with_counts_by_year(client, outlet):
    make_article("Oldest", source=outlet, published=dt.date(2016, 5, 1))
    make_article("Newest", source=outlet, published=dt.date(2018, 3, 2))
    make_article("Middle", source=outlet, published=dt.date(2018, 1, 9))
    make_article("Undated", source=outlet, published=None)
    make_article("Hidden", source=outlet, published=dt.date(2018, 3, 22),
                 status=Article.Status.HIDDEN)
    make_article("Elsewhere", published=dt.date(2018, 3, 22))
    html = client.get(outlet.get_absolute_url()).content.decode()
    assert card_titles(html) == ["Newest", "Middle", "Oldest", "Undated"]
    assert "4 articles, newest first." in html
    assert '<a href="?year=2018">2018</a>: 2' in html
    assert '<a href="?year=2016">2016</a>: 1' in html
    assert "Date unknown: 1" in html
    assert 'type="application/atom+xml"' in html


def test_outlet_page_for_one_year(client, outlet):
    make_article("In 2016", source=outlet, published=dt.date(2016, 5, 1))
    make_article("In 2018", source=outlet, published=dt.date(2018, 3, 2))
    html = client.get(outlet.get_absolute_url(), {"year": "2016"}).content.decode()
    assert card_titles(html) == ["In 2016"]
    for bad in ("abcd", "16", "20166"):
        assert client.get(outlet.get_absolute_url(), {"year": bad}).status_code == 404


def test_outlet_pages_paginate(client, outlet):
    for day in range(1, 26):
        make_article(f"Story {day:02d}", source=outlet, published=dt.date(2018, 1, day))
    first = card_titles(client.get(outlet.get_absolute_url()).content.decode())
    second = card_titles(client.get(outlet.get_absolute_url(), {"page": 2}).content.decode())
    assert first[0] == "Story 25" and len(first) == 20
    assert second == [f"Story {day:02d}" for day in range(5, 0, -1)]
    assert client.get(outlet.get_absolute_url(), {"page": 3}).status_code == 404


def test_outlet_feed_is_atom_newest_first_published_only_and_escaped(client, outlet):
    make_article("Older", source=outlet, published=dt.date(2017, 1, 1))
    newer = make_article(XSS, "Body with <b>markup</b>.", source=outlet,
                         published=dt.date(2018, 1, 1))
    # newer than every public entry: a leak would come first
    make_article("Hidden one", source=outlet, published=dt.date(2018, 3, 22),
                 status=Article.Status.HIDDEN)
    merged = make_article("Merged one", source=outlet, published=dt.date(2018, 3, 22))
    Article.objects.filter(pk=merged.pk).update(merged_into=newer)
    response = client.get(f"/sources/{outlet.slug}/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"<script>" not in response.content and b"<img src" not in response.content
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [XSS, "Older"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{newer.get_absolute_url()}"
    assert entries[0].find(f"{ATOM}summary").text == "Body with <b>markup</b>."
    assert client.get("/sources/nope/feed/").status_code == 404


def test_archive_index_year_and_month(client, outlet):
    make_article("March story", source=outlet, published=dt.date(2018, 3, 5))
    make_article("Late March story", published=dt.date(2018, 3, 28))
    make_article("July story", published=dt.date(2018, 7, 1))
    make_article("Old story", published=dt.date(2009, 3, 1))
    make_article("Hidden March", published=dt.date(2018, 3, 6), status=Article.Status.HIDDEN)
    index = client.get("/archive/").content.decode()
    assert '<a href="/archive/2018/">2018</a>: 3 articles' in index
    assert '<a href="/archive/2009/">2009</a>: 1 article<' in index
    year = client.get("/archive/2018/").content.decode()
    assert card_titles(year) == ["July story", "Late March story", "March story"]
    assert '<a href="/archive/2018/03/">March</a>: 2' in year
    assert '<a href="/archive/2018/07/">July</a>: 1' in year
    month = client.get("/archive/2018/03/").content.decode()
    assert card_titles(month) == ["Late March story", "March story"]
    assert "Hidden March" not in year + month


@pytest.mark.parametrize(
    "url", ["/archive/2018/13/", "/archive/2018/00/", "/archive/2018/3/", "/archive/18/",
            "/archive/abcd/", "/archive/2011/", "/archive/2018/02/", "/archive/0000/01/"]
)
def test_bad_or_empty_periods_are_404(client, url):
    make_article("March story", published=dt.date(2018, 3, 5))
    assert client.get(url).status_code == 404


def test_archive_bad_page_is_404(client):
    make_article("March story", published=dt.date(2018, 3, 5))
    assert client.get("/archive/2018/", {"page": "x"}).status_code == 404


def test_every_page_links_the_date_archive(client):
    assert '<a href="/archive/">Archive by date</a>' in client.get("/").content.decode()


def test_listings_count_each_articles_visible_reader_comments(client, outlet):
    day = dt.date(2018, 3, 2)
    talked = make_article("Talked about", source=outlet, published=day, comments=["a", "b"])
    make_comment_block(talked, ["c", "d", "e"], position=9)
    make_comment_block(talked, ["hidden one"], position=12, is_hidden=True)
    make_article("One comment", source=outlet, published=day, comments=["only"])
    make_article("Quiet", source=outlet, published=day)
    for url in ("/", outlet.get_absolute_url(), "/archive/2018/", "/archive/2018/03/"):
        html = client.get(url).content.decode()
        cards = dict(re.findall(r'card-title"><a href="[^"]+">(.*?)</a>(.*?)</article>', html,
                                re.S))
        assert "· 5 reader comments" in cards["Talked about"], url
        assert "· 1 reader comment\n" in cards["One comment"], url
        assert "reader comment" not in cards["Quiet"], url


def test_a_listing_page_takes_the_same_queries_for_more_articles(
    client, outlet, django_assert_max_num_queries
):
    for n in range(3):
        make_article(f"Early {n}", source=outlet, published=dt.date(2018, 3, 2), comments=["x"])
    with django_assert_max_num_queries(50) as few:
        client.get("/")
    for n in range(17):
        make_article(f"Later {n}", source=outlet, published=dt.date(2018, 3, 3), comments=["y"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/").content.decode()
    assert html.count("· 1 reader comment\n") == 20
