import hashlib
import itertools

import pytest

from search.models import Article, CommentBlock, Source

_serial = itertools.count(1)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (indexing) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def make_article(*, title="A headline", body="Some body text.", source=None, published=None,
                 byline="", status=Article.Status.PUBLISHED, comments=None) -> Article:
    """An article saved like ingest saves one (signals fire)."""
    n = next(_serial)
    article = Article.objects.create(
        title=title, headline=title, body=body, source=source, published=published,
        byline=byline, status=status, file_name=f"test-{n}.txt", raw=body.encode(),
        raw_sha256=hashlib.sha256(f"{n}{body}".encode()).hexdigest(),
    )
    if comments is not None:
        CommentBlock.objects.create(article=article, heading="Comments", position=1,
                                    comments=comments)
    return article


def make_source(name: str, slug: str | None = None) -> Source:
    from django.utils.text import slugify

    return Source.objects.create(name=name, slug=slug or slugify(name))
