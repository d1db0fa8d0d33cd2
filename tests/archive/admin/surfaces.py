"""Where the public can meet an article, and assertions over all of them at once.

Each curation test calls :func:`assert_public` / :func:`assert_not_public` after an action, so a
hidden or merged article that leaks through any public surface fails the test.
"""

from __future__ import annotations

import json
import re
import tempfile
from html import unescape as html_unescape
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from archive.models import Article


def _mentions(html: str, article_id: int) -> bool:
    return f"/articles/{article_id}/" in html


def search_url() -> str | None:
    """The public search page, once the search engine's URLs are wired (``search:search``)."""
    try:
        return reverse("search:search")
    except NoReverseMatch:
        return None


def listing_pages(article: Article) -> dict[str, str]:
    """Public lists where a public article appears: name -> URL."""
    pages = {"home": "/", "sitemap": "/sitemap.xml"}
    if article.source_id:
        pages["outlet page"] = article.source.get_absolute_url()
        pages["outlet feed"] = reverse("search:source-feed", kwargs={"slug": article.source.slug})
    if article.published:
        pages["year archive"] = reverse("archive:archive-year",
                                        kwargs={"year": f"{article.published.year:04d}"})
    return pages


def search_hits(client: Client, query: str) -> str:
    url = search_url()
    assert url is not None
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


SEARCH_FORMATS = ("json", "csv", "jsonl")


def search_outputs(client: Client, query: str) -> dict[str, str]:
    """Every public output of one search: the page, its exports and its feed."""
    outputs = {"search page": search_hits(client, query)}
    for name in SEARCH_FORMATS:
        response = client.get(search_url(), {"q": query, "format": name})
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        outputs[f"search {name}"] = body.decode()
    feed = client.get(reverse("search:search-feed"), {"q": query})
    assert feed.status_code == 200
    outputs["search feed"] = feed.content.decode()
    return outputs


def exported_ids() -> set[int]:
    """Article ids in the public JSON Lines export (``export_articles``)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "export.jsonl"
        call_command("export_articles", "-o", str(target), verbosity=0)
        lines = target.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["id"] for line in lines if line.strip()}


def assert_public(article: Article, *, search_for: str | None = None) -> None:
    """The article is reachable: its page (HTML and JSON) answers 200 and every list that
    should show it does; ``search_for`` (a query) must find it when search exists."""
    client = Client()
    article = Article.objects.select_related("source").get(pk=article.pk)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200, url
    assert client.get(url, {"format": "json"}).status_code == 200
    for name, page in listing_pages(article).items():
        response = client.get(page)
        assert response.status_code == 200, (name, page)
        assert _mentions(response.content.decode(), article.pk), f"missing from the {name}"
    assert article.pk in exported_ids(), "missing from the export"
    if search_for and search_url():
        for name, output in search_outputs(client, search_for).items():
            assert _mentions(output, article.pk), f"missing from the {name}"


def assert_not_public(
    article: Article, *, redirects_to: Article | None = None, search_for: str | None = None,
    lists: dict[str, str] | None = None,
) -> None:
    """The article is nowhere public: its permalink is 404 (or a 301 to ``redirects_to`` for a
    merged article), its JSON too, and no list, feed, sitemap or search result names it."""
    client = Client()
    article = Article.objects.select_related("source").get(pk=article.pk)
    for url in (article.get_absolute_url(), f"/articles/{article.pk}/"):
        response = client.get(url)
        if redirects_to is None:
            assert response.status_code == 404, url
        else:
            assert response.status_code == 301, url
            assert response["Location"] == redirects_to.get_absolute_url()
    json_response = client.get(article.get_absolute_url(), {"format": "json"})
    assert json_response.status_code == (404 if redirects_to is None else 301)
    pages = listing_pages(article) | (lists or {})
    for name, page in pages.items():
        response = client.get(page)
        assert response.status_code in (200, 404), (name, page)
        if response.status_code == 200:
            assert not _mentions(response.content.decode(), article.pk), f"leaks on the {name}"
    assert article.pk not in exported_ids(), "leaks in the export"
    for other in Article.objects.published().exclude(pk=article.pk)[:10]:
        # Each public article page lists "Related coverage" (more-like-this over the index).
        html = client.get(other.get_absolute_url()).content.decode()
        assert not _mentions(html, article.pk), f"leaks in related coverage of #{other.pk}"
    if search_for and search_url():
        for name, output in search_outputs(client, search_for).items():
            assert not _mentions(output, article.pk), f"leaks in the {name}"


def search_facets(query: str) -> dict[str, int]:
    """The search page's facet values for ``query``: label -> count (every facet group)."""
    html = search_hits(Client(), query)
    return {
        html_unescape(label).strip(): int(count)
        for label, count in re.findall(r'<label for="f-[^"]+">([^<]+?) <span class="count">'
                                       r"(\d+)</span>", html)
    }
