"""Rebuild the documents of some articles from the database, in batches, one commit each."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from haystack import connections
from haystack.constants import DEFAULT_ALIAS, ID
from haystack.utils import get_identifier

from archive.models import Article, CommentBlock

log = logging.getLogger(__name__)

BATCH_SIZE = 500


def reindex_articles(article_ids: Iterable[int], *, using: str = DEFAULT_ALIAS) -> int:
    """Index the public ones of these articles (and their visible comment blocks); remove the
    documents of the others and of comment blocks that no longer exist. Returns the number of
    documents written."""
    ids = sorted({int(pk) for pk in article_ids})
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        written += _reindex_batch(ids[start : start + BATCH_SIZE], using)
    return written


def start_reindex_articles(article_ids: Iterable[int], *, using: str = DEFAULT_ALIAS):
    """``reindex_articles`` as one write whose segment is built while the caller goes on: the
    backend's pending write (``finish()`` commits it), or ``None`` when the backend cannot."""
    ids = sorted({int(pk) for pk in article_ids})
    backend = connections[using].get_backend()
    if not hasattr(backend, "start_replace_documents"):
        return None
    unified = connections[using].get_unified_index()
    article_index = unified.get_index(Article)
    block_index = unified.get_index(CommentBlock)
    articles = list(article_index.index_queryset(using=using).filter(pk__in=ids))
    blocks = list(block_index.index_queryset(using=using).filter(article_id__in=ids))
    return backend.start_replace_documents(
        delete_where={ID: [identifier(Article, pk) for pk in ids], "article_id": ids},
        documents=[(article_index, articles), (block_index, blocks)],
    )


def with_story_mates(article_ids: Iterable[int]) -> set[int]:
    """These articles and the other members of their stories: an article's document shows its
    story's public size, which changes when a member is hidden, merged, published or joins."""
    from newsroom.models import StoryMembership

    ids = {int(pk) for pk in article_ids}
    stories = StoryMembership.objects.filter(article_id__in=ids).values("story_id")
    mates = StoryMembership.objects.filter(story_id__in=stories).values_list("article_id",
                                                                            flat=True)
    return ids | set(mates)


def _reindex_batch(ids: list[int], using: str) -> int:
    unified = connections[using].get_unified_index()
    backend = connections[using].get_backend()
    article_index = unified.get_index(Article)
    block_index = unified.get_index(CommentBlock)
    articles = list(article_index.index_queryset(using=using).filter(pk__in=ids))
    blocks = list(block_index.index_queryset(using=using).filter(article_id__in=ids))
    if hasattr(backend, "replace_documents"):
        # The article's own document and every document of its (reader-comment blocks).
        backend.replace_documents(
            delete_where={ID: [identifier(Article, pk) for pk in ids], "article_id": ids},
            documents=[(article_index, articles), (block_index, blocks)],
        )
    else:  # another haystack backend: its own update/remove calls
        public = {article.pk for article in articles}
        for pk in set(ids) - public:
            backend.remove(identifier(Article, pk))
        stale = block_index.read_queryset(using=using).model.objects.filter(article_id__in=ids)
        for block in stale.exclude(pk__in=[b.pk for b in blocks]):
            backend.remove(get_identifier(block))
        backend.update(article_index, articles)
        backend.update(block_index, blocks)
    log.debug("reindexed %d articles (%d public, %d comment blocks)",
              len(ids), len(articles), len(blocks))
    return len(articles) + len(blocks)


def identifier(model, pk) -> str:
    """Haystack's document id of a row (``archive.article.12``), without loading it."""
    return f"{model._meta.label_lower}.{pk}"


def expected_identifiers() -> tuple[set[str], dict[str, int]]:
    """The identifiers the index should hold, and the article each belongs to."""
    article_of: dict[str, int] = {}
    for pk in Article.objects.published().values_list("pk", flat=True):
        article_of[identifier(Article, pk)] = pk
    blocks = CommentBlock.objects.visible()
    for pk, article_id in blocks.values_list("pk", "article_id"):
        article_of[identifier(CommentBlock, pk)] = article_id
    return set(article_of), article_of


def stale_articles(*, using: str = DEFAULT_ALIAS, batch_size: int = BATCH_SIZE,
                   progress=None) -> set[int]:
    """The public articles whose documents in the index differ from what the database gives
    now (an edit whose re-index was lost, an index restored from a backup…): every stored field
    of the article's document and of its comment blocks' documents is compared with a fresh
    preparation. Documents missing altogether are ``expected_identifiers``' business."""
    backend = connections[using].get_backend()
    if not hasattr(backend, "_prepare"):  # another haystack backend: nothing to compare with
        return set()
    if not backend.setup_complete:
        backend.setup()
    unified = connections[using].get_unified_index()
    article_index = unified.get_index(Article)
    block_index = unified.get_index(CommentBlock)
    stored_names = [name for name, field in backend.schema.items() if field.stored]
    ids = list(article_index.index_queryset(using=using).values_list("pk", flat=True))
    stale: set[int] = set()
    backend.index = backend.index.refresh()
    with backend.index.searcher() as searcher:
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            articles = article_index.index_queryset(using=using).filter(pk__in=chunk)
            blocks = block_index.index_queryset(using=using).filter(article_id__in=chunk)
            prepare = backend._prepare  # the documents exactly as the backend writes them
            documents = [
                *((doc, int(doc["django_id"])) for doc in prepare(article_index, articles)),
                *((doc, int(doc["article_id"])) for doc in prepare(block_index, blocks)),
            ]
            for document, article_id in documents:
                if article_id in stale:
                    continue
                stored = searcher.document(**{ID: document[ID]})
                if stored is not None and _differs(document, stored, stored_names):
                    stale.add(article_id)
            if progress is not None:
                progress(len(chunk))
    return stale


def _differs(document: dict, stored: dict, names: list[str]) -> bool:
    return any(document.get(name) != stored.get(name) for name in names)
