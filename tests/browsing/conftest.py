"""Articles made directly in the database, for the reading and sharing tests."""

import datetime as dt
import hashlib
import itertools

import pytest

from search.models import Article, CommentBlock, Source

_counter = itertools.count(1)
XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def make_article(
    title="A headline",
    body="First paragraph about the harbour.\n\nSecond paragraph.",
    *,
    source=None,
    published=dt.date(2018, 3, 22),
    byline="",
    status=Article.Status.PUBLISHED,
    comments=None,
    boilerplate=None,
    raw=None,
    encoding="utf-8",
    **fields,
) -> Article:
    n = next(_counter)
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
        file_name=f"test_{n:05d}.txt",
        status=status,
        **fields,
    )
    if comments is not None:
        CommentBlock.objects.create(
            article=article, heading="Join the discussion", position=10, comments=comments
        )
    return article


@pytest.fixture
def outlet(db):
    return Source.objects.create(name="The Harbour Gazette", slug="harbour-gazette",
                                 domain="gazette.example")
