"""Every page one click away (issue 14): the header on every page, the outlet index with its
counts, entity and outlet pages leading to the search filtered on them, the favicon, and our own
404 and 500 pages."""

import datetime as dt
import re

import pytest
from django.test import Client

from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db

HEADER_LINKS = {
    "Search": "/search/", "Outlets": "/sources/", "Stories": "/stories/",
    "People &amp; organisations": "/entities/", "Quotes": "/quotes/",
    "Archive by date": "/archive/",
}


@pytest.fixture
def two_outlets(db):
    gazette = make_source("The Harbour Gazette", slug="harbour-gazette")
    herald = make_source("The Herald", slug="herald")
    make_source("Never Published", slug="never")
    for day in (1, 2, 3):
        make_article(f"Gazette {day}", "Harbour.", source=gazette, published=dt.date(2018, 1, day))
    make_article("Herald", "Harbour.", source=herald, published=dt.date(2017, 5, 1))
    make_article("Herald hidden", "Harbour.", source=herald, status="hidden")
    make_article("Nobody's", "Harbour.")
    return gazette, herald


@pytest.mark.parametrize(
    "path", ["/", "/sources/", "/stories/", "/entities/", "/quotes/", "/archive/",
             "/search/help/", "/sources/harbour-gazette/", "/no-such-page/"],
)
def test_every_page_has_the_header_with_every_index(client, two_outlets, path):
    # (The search page's header is checked with an index: tests/browser/.)
    response = client.get(path)
    assert response.status_code == (404 if path == "/no-such-page/" else 200)
    html = response.content.decode()
    nav = re.search(r'<nav class="site-nav" aria-label="Site">(.*?)</nav>', html, re.S).group(1)
    for label, url in HEADER_LINKS.items():
        assert re.search(rf'<a href="{url}"[^>]*>{label}</a>', nav), (path, label)
    assert '<link rel="icon" href="/static/favicon.svg"' in html


def test_the_outlet_index_counts_public_articles(client, two_outlets):
    html = client.get("/sources/").content.decode()
    rows = re.findall(r'<th scope="row"><a href="/sources/([^/]+)/">.*?<td class="num">(\d+)</td>',
                      html, re.S)
    assert rows == [("harbour-gazette", "3"), ("herald", "1")]  # most first; hidden not counted
    assert "never" not in html  # an outlet without public articles is not listed
    assert "1 article whose outlet is not known" in html
    assert "/search/?outlet=The%20Harbour%20Gazette" in html


def test_an_outlet_page_links_to_its_search(client, two_outlets):
    html = client.get("/sources/harbour-gazette/").content.decode()
    assert 'href="/search/?outlet=The%20Harbour%20Gazette"' in html


def test_favicon_redirects_to_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"


def test_our_404_page(client):
    response = client.get("/articles/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html and 'class="site-header"' in html


def test_our_500_page(settings):
    """A view that fails renders templates/500.html (styled, no traceback, no request context)."""
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    import config.urls

    settings.ROOT_URLCONF = type("Urls", (), {
        "urlpatterns": [*config.urls.urlpatterns, path("boom/", broken)],
    })
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html and "site.css" in html
    assert "boom" not in html and "Traceback" not in html
