"""Atom feeds (Django's syndication framework): an outlet's newest articles, and the newest
results of any search.

Text only: titles and descriptions are plain text, which the feed generator escapes as XML, so a
scraped ``<script>`` arrives in a feed reader as the characters it is. Characters XML forbids
(control characters, U+FFFE, lone surrogates) are left out of every value (``XmlSafeAtom1Feed``).
An invalid search, or one over the cost budget, is a plain-text 400 (``search.views.invalid``).
"""

import datetime as dt
import re
from itertools import islice

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from archive.models import Source
from archive.serializers import plain_text
from search.highlighting import plain_snippet
from search.templatetags.sharing import search_params
from search.views.exports import iter_hits
from search.views.invalid import refuses_bad_searches, valid_search

FEED_SIZE = 50
# Everything but XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    """``value`` without the characters XML 1.0 forbids (strings, and lists of strings)."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_text(item) for item in value)
    return value


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom, with every text value stripped of what XML cannot hold: a query typed with a
    control character, or a scraped headline holding one, still makes a well-formed feed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_text, args), **{k: xml_text(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(xml_text, args), **{k: xml_text(v) for k, v in kwargs.items()})


def entry_date(article) -> dt.datetime | None:
    """An entry's publication date: noon UTC on the publication day; None when undated (the
    entry then has no <published>, only <updated>: when the archive took it in)."""
    if article.published is None:
        return None
    return dt.datetime.combine(article.published, dt.time(12), tzinfo=dt.UTC)


def entry_updated(article) -> dt.datetime:
    """An entry's <updated>: when the article last changed in the archive."""
    return article.updated_at or article.created_at


def undated_label(article) -> str:
    """Said at the start of an undated entry's summary, so a reader knows the date shown is the
    archive's, not the outlet's."""
    if article.published is not None:
        return ""
    archived = article.created_at
    return f"Publication date unknown; archived {archived.day} {archived:%B %Y}. "


class ArticleFeedMixin:
    """How an article becomes a feed entry."""

    feed_type = XmlSafeAtom1Feed
    query = ""

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return undated_label(article) + plain_snippet(article.body, self.query)

    def item_link(self, article):
        return article.get_absolute_url()

    def item_author_name(self, article):
        return article.byline or None

    def item_pubdate(self, article):
        return entry_date(article)

    def item_updateddate(self, article):
        return entry_updated(article)

    def item_categories(self, article):
        return [article.source.name] if article.source_id else []


class SourceFeed(ArticleFeedMixin, Feed):
    """``/sources/<slug>/feed/``: the outlet's newest published articles."""

    def get_object(self, request, slug):
        return get_object_or_404(Source, slug=slug)

    def title(self, source):
        return f"{source.name} — Clippings"

    def subtitle(self, source):
        return f"The newest articles from {source.name} in the Clippings archive."

    def link(self, source):
        return source.get_absolute_url()

    def items(self, source):
        return (
            source.articles.published()
            .select_related("source")
            .defer("raw", "boilerplate")
            .newest_first()[:FEED_SIZE]
        )


class SearchFeed(Feed):
    """``/search/feed/?<the search's parameters>``: the newest results of a search (its query
    and filters; always newest first), an alert a feed reader can follow."""

    feed_type = XmlSafeAtom1Feed

    def __call__(self, request, *args, **kwargs):
        return refuses_bad_searches("feed")(super().__call__)(request, *args, **kwargs)

    def get_object(self, request):
        _, params, parsed = valid_search(request)
        params["sort"] = "newest"
        query = search_params(request)
        suffix = f"?{query}" if query else ""
        return {
            "params": params,
            "label": parsed.display or "everything",
            "page": reverse("search:search") + suffix,
            "self": reverse("search:search-feed") + suffix,
        }

    def feed_url(self, search):
        """The feed's own address (rel="self"), with the search's parameters."""
        return search["self"]

    def title(self, search):
        return f"Clippings search: {search['label']}"

    def subtitle(self, search):
        return "The newest articles matching this search in the Clippings archive."

    def link(self, search):
        return search["page"]

    def items(self, search):
        return list(islice(iter_hits(search["params"], chunk=FEED_SIZE), FEED_SIZE))

    def item_title(self, hit):
        title = hit.article.title
        return f"Reader comments on: {title}" if hit.is_comments else title

    def item_description(self, hit):
        return undated_label(hit.article) + plain_text(hit.snippet)

    def item_link(self, hit):
        return hit.url

    def item_author_name(self, hit):
        return hit.byline or None

    def item_pubdate(self, hit):
        return entry_date(hit.article)

    def item_updateddate(self, hit):
        return entry_updated(hit.article)

    def item_categories(self, hit):
        return [hit.source.name] if hit.source else []
