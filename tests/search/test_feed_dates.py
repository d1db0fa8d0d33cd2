"""Atom feeds and undated articles (issue 14): an undated entry is dated by when the archive took
it in, and says so; the search feed's self link keeps the search."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from tests.factories import make_article

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return feed, {e.find(f"{ATOM}title").text: e for e in feed.findall(f"{ATOM}entry")}


def test_an_undated_entry_is_dated_by_its_archiving_and_says_so(client, outlet):
    make_article("Dated harbour", "The harbour news.", source=outlet,
                 published=dt.date(2018, 3, 22))
    undated = make_article("Undated harbour", "More harbour news.", source=outlet)
    call_command("rebuild_index", interactive=False, verbosity=0)
    for url in ("/search/feed/", f"/sources/{outlet.slug}/feed/"):
        feed, found = entries(client, url, {"q": "harbour"} if "search" in url else None)
        dated, plain = found["Dated harbour"], found["Undated harbour"]
        assert dated.find(f"{ATOM}published").text.startswith("2018-03-22")
        assert plain.find(f"{ATOM}published") is None  # no publication date is invented
        archived = undated.created_at
        assert plain.find(f"{ATOM}updated").text.startswith(f"{archived:%Y-%m-%d}")
        summary = plain.find(f"{ATOM}summary").text
        assert summary.startswith(
            f"Publication date unknown; archived {archived.day} {archived:%B %Y}. "
        )
        assert not dated.find(f"{ATOM}summary").text.startswith("Publication date unknown")


def test_the_search_feed_links_itself_with_its_query(client, outlet):
    make_article("Harbour", "Harbour news.", source=outlet, published=dt.date(2018, 1, 1))
    call_command("rebuild_index", interactive=False, verbosity=0)
    feed, _ = entries(client, "/search/feed/", {"q": "harbour", "outlet": outlet.name})
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link.startswith("http://testserver/search/feed/?")
    assert "q=harbour" in self_link and "outlet=The+Harbour+Gazette" in self_link
