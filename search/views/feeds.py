"""Atom feeds (Django's syndication framework): an outlet's newest articles and, in
``search_feeds``, the newest results of any search.

Text only: titles and descriptions are plain text, which the feed generator escapes as XML, so a
scraped ``<script>`` arrives in a feed reader as the characters it is.
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from search.highlighting import plain_snippet
from search.models import Source

FEED_SIZE = 50


class ArticleFeedMixin:
    """How an article becomes a feed entry."""

    feed_type = Atom1Feed
    query = ""

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return plain_snippet(article.body, self.query)

    def item_link(self, article):
        return article.get_absolute_url()

    def item_author_name(self, article):
        return article.byline or None

    def item_pubdate(self, article):
        day = article.published or article.created_at.date()
        return timezone.make_aware(dt.datetime.combine(day, dt.time(12)), dt.UTC)

    def item_updateddate(self, article):
        return article.updated_at

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
