"""A page of search results made ready to show: the database's current rows for the hits, with
safe snippets.

Only what ``Article.objects.published()`` allows is shown: a hit whose article has since been
hidden or merged (or whose comment block was hidden) is dropped even if the index still has it.
A reader-comment hit is its own kind of result, never presented as the outlet's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from archive.models import Article, CommentBlock, Source
from search.highlighting import first_matching_comment, highlight, snippet

from .hit_rows import published_articles, visible_blocks
from .language import HighlightTerm

COMMENT_SEPARATOR = " · "


@dataclass(frozen=True)
class Hit:
    kind: str  # "article" or "comments"
    title: SafeString  # escaped, matches marked
    url: str
    source: Source | None
    published: dt.date | None
    byline: str
    comment_count: int
    snippet: SafeString
    article: Article

    @property
    def is_comments(self) -> bool:
        return self.kind == "comments"


def load_hits(results: Sequence, terms: Iterable[HighlightTerm]) -> list[Hit]:
    """``Hit``s for haystack ``SearchResult``s, in their order (two database queries at most:
    the articles and the comment blocks, ``hit_rows``)."""
    terms = tuple(terms)
    article_ids = [int(r.pk) for r in results if r.model_name == "article"]
    block_ids = [int(r.pk) for r in results if r.model_name == "commentblock"]
    articles = published_articles(article_ids)
    blocks = visible_blocks(block_ids)
    hits = []
    for result in results:
        if result.model_name == "article" and int(result.pk) in articles:
            hits.append(_article_hit(articles[int(result.pk)], terms))
        elif result.model_name == "commentblock" and int(result.pk) in blocks:
            hits.append(_comments_hit(blocks[int(result.pk)], terms))
    return hits


def _article_hit(article: Article, terms: tuple[HighlightTerm, ...]) -> Hit:
    return Hit(
        kind="article",
        title=highlight(article.title, terms),
        url=article.get_absolute_url(),
        source=article.source,
        published=article.published,
        byline=article.byline,
        comment_count=article.num_comments,
        snippet=snippet(article.body, terms),
        article=article,
    )


def comment_anchor(block: CommentBlock, terms: tuple[HighlightTerm, ...]) -> str:
    """The anchor of the block's first comment the terms match (``comment-<block>-<n>``, as on
    the article page), else of the block's heading."""
    number = first_matching_comment(list(block.comments), terms)
    return f"comment-{block.pk}-{number}" if number else f"comments-{block.pk}"


def _comments_hit(block: CommentBlock, terms: tuple[HighlightTerm, ...]) -> Hit:
    article = block.article
    return Hit(
        kind="comments",
        title=highlight(article.title, ()),
        url=f"{article.get_absolute_url()}#{comment_anchor(block, terms)}",
        source=article.source,
        published=article.published,
        byline="",
        comment_count=block.comment_count,
        snippet=snippet(COMMENT_SEPARATOR.join(block.comments), terms),
        article=article,
    )
