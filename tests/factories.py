"""Test data made directly in the database (import as ``from tests.factories import …``).

Articles are saved the way ingest saves one, so the model's signals fire: the search index is
updated when the transaction commits, which in a test means inside
``django_capture_on_commit_callbacks(execute=True)``. Defaults are placeholders; a test that
depends on a date, an outlet or a body passes it at the call.
"""

import hashlib
import itertools

from django.utils.text import slugify

from archive.models import Article, CommentBlock, Source

_serial = itertools.count(1)

XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
"""Scraped text that breaks out of a tag and an attribute: must always come back escaped."""

_BODY = "First paragraph about the harbour.\n\nSecond paragraph."


def make_source(name: str, *, slug: str | None = None, **fields) -> Source:
    """An outlet; the slug is made from the name unless given."""
    return Source.objects.create(name=name, slug=slug or slugify(name), **fields)


def make_comment_block(
    article: Article, comments: list[str], *, heading="Join the discussion", position=1, **fields
) -> CommentBlock:
    """A block of reader comments under ``article``, one string per comment."""
    return CommentBlock.objects.create(
        article=article, heading=heading, position=position, comments=comments, **fields
    )


def make_article(
    title="A headline",
    body=_BODY,
    *,
    source: Source | str | None = None,
    published=None,
    byline="",
    status=Article.Status.PUBLISHED,
    comments: list[str] | None = None,
    boilerplate=None,
    raw: bytes | None = None,
    encoding="utf-8",
    **fields,
) -> Article:
    """An article as ingest saves one: undated, without an outlet, published.

    ``source`` is a ``Source`` or an outlet's name (found, or made with a numbered slug so that
    names which slugify alike never clash). ``raw`` defaults to the title and body, numbered so
    every article's bytes and SHA-256 differ. ``comments`` adds one reader-comment block. Any
    other model field may be given, e.g. ``merged_into=``.
    """
    n = next(_serial)
    if isinstance(source, str):
        source, _ = Source.objects.get_or_create(name=source, defaults={"slug": f"outlet-{n}"})
    raw = raw if raw is not None else f"{title}\n\n{body}\n#{n}".encode(encoding)
    article = Article.objects.create(
        headline=title,
        title=title,
        source=source,
        published=published,
        byline=byline,
        body=body,
        word_count=len(body.split()),
        boilerplate=boilerplate or [],
        raw=raw,
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        file_name=f"test-{n:05d}.txt",
        status=status,
        **fields,
    )
    if comments is not None:
        make_comment_block(article, comments)
    return article
