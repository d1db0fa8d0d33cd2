"""Write side of ingestion: one raw file in, one article (and its comment blocks) upserted.

Idempotent: an article is keyed on its file's name, the path relative to the folder it was
ingested from (``archive.ingestion.files``); the same bytes and sidecar change nothing; new bytes
under a known name update the article in place (same id, same permalink); the same bytes under a
second name are reported as a duplicate and not stored twice. Each file is
all-or-nothing: a savepoint wraps its writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.db import router
from django.db.models import signals
from django.utils.text import slugify

from archive.models import Article, CommentBlock, Source
from archive.parsing import OutletSignature, ParsedArticle
from archive.parsing.comments import group_comments

from .hooks import active_extractions
from .inserts import insert_with_history


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class IngestResult:
    path: Path | str  # the file, or a manifest row ("pages.jsonl#12")
    outcome: Outcome
    reason: str = ""
    article_id: int | None = None
    title: str = ""
    detail: str = ""  # the traceback of an internal error (shown at verbosity 3)


def load_signatures() -> list[OutletSignature]:
    return [source.as_signature() for source in Source.objects.all()]


def save_parsed_article(
    *,
    file_name: str,
    sha256: str,
    parsed: ParsedArticle,
    sidecar: dict,
    article: Article | None = None,
    sources: dict[str, Source | None] | None = None,
) -> Article:
    """Create or update an article and replace its comment blocks. Call inside a transaction.

    Fields named in ``article.locked_fields`` (edited by a curator) keep their values.
    ``sources``: a cache of outlets by slug, shared by the saves of one run.
    """
    article = article or Article(file_name=file_name)
    article.file_name = file_name  # an article stored under its bare name takes its full one
    is_new = article.pk is None
    _fill_article(article, sha256=sha256, parsed=parsed, sidecar=sidecar,
                  sources={} if sources is None else sources)
    article.save()
    _replace_comment_blocks(article, parsed, is_new=is_new)
    for extraction in active_extractions():  # the newsroom's entities, quotes, story…
        extraction.store_one(article)
    return article


@dataclass(frozen=True)
class NewArticle:
    file_name: str
    sha256: str
    parsed: ParsedArticle
    sidecar: dict
    prepared: tuple | None = None  # its extraction hooks' first halves, if a worker made them


def create_parsed_articles(
    *, items: Sequence[NewArticle], sources: dict[str, Source | None] | None = None
) -> list[Article]:
    """Create many new articles at once, each exactly as :func:`save_parsed_article` would: the
    same fields and slug, its history row, the ``pre_save``/``post_save`` signals (search indexing
    and other receivers see what ``save()`` sends), comment blocks, intelligence. The rows of
    the lot and their history rows are inserted in one statement per table rather than one per
    article. All or nothing: call inside a transaction and, if it raises, save the articles one
    by one with :func:`save_parsed_article` to find the culprit.
    """
    sources = {} if sources is None else sources
    articles = []
    for item in items:
        article = Article(file_name=item.file_name)
        _fill_article(article, sha256=item.sha256, parsed=item.parsed, sidecar=item.sidecar,
                      sources=sources)
        article.slug = article.slug_for_title()
        articles.append(article)
    using = router.db_for_write(Article)
    for article in articles:
        signals.pre_save.send(sender=Article, instance=article, raw=False, using=using,
                              update_fields=None)
    insert_with_history(articles, Article)
    for article in articles:
        article.skip_history_when_saving = True  # its history row is written above, in bulk
        try:
            signals.post_save.send(sender=Article, instance=article, created=True,
                                   update_fields=None, raw=False, using=using)
        finally:
            del article.skip_history_when_saving
    # The new articles' comment blocks, with their history rows, in one statement per table as
    # well. Their own post_save would only queue their article for re-indexing, which the
    # article's post_save above has done.
    blocks = [_new_comment_block(article, item.parsed) for article, item in zip(articles, items,
                                                                              strict=True)]
    blocks = [block for block in blocks if block is not None]
    if blocks:
        insert_with_history(blocks, CommentBlock)
    for number, extraction in enumerate(active_extractions()):
        extraction.store_batch(
            articles, [item.prepared[number] if item.prepared else None for item in items])
    return articles


def _new_comment_block(article: Article, parsed: ParsedArticle) -> CommentBlock | None:
    section = parsed.comments
    if section is None:
        return None
    comments = list(group_comments(section.comments))  # a reader's numbered list is one
    return CommentBlock(
        article=article,
        heading=section.heading,
        position=section.line,
        comments=comments,
        comment_count=len(comments),
    )


def _fill_article(article: Article, *, sha256: str, parsed: ParsedArticle, sidecar: dict,
                  sources: dict) -> None:
    """Set what the parse and the sidecar say. Fields named in ``article.locked_fields``
    (edited by a curator) keep their values."""
    locked = set(article.locked_fields or ())
    values = _parsed_values(parsed, sidecar, sources)
    for field, value in values.items():
        if field not in locked:
            setattr(article, field, value)
    article.raw = parsed.raw
    article.raw_sha256 = sha256
    article.encoding = parsed.encoding
    article.raw_format = parsed.raw_format
    article.sidecar = sidecar
    article.parse_notes = list(parsed.notes)
    article.boilerplate = [
        {"kind": str(item.kind), "text": item.text, "line": item.line}
        for item in parsed.boilerplate
    ]
    article.body = body = parsed.body
    article.word_count = len(body.split())  # parsed.word_count, without a split per paragraph


def _parsed_values(parsed: ParsedArticle, sidecar: dict, sources: dict) -> dict:
    if parsed.source and parsed.source not in sources:
        sources[parsed.source] = Source.objects.filter(slug=parsed.source).first()
    values = {
        "headline": parsed.headline,
        "title": parsed.title,
        "headline_derived": parsed.headline_derived,
        "published": parsed.published,
        "byline": parsed.byline,
        "source": sources[parsed.source] if parsed.source else None,
        "url": parsed.url,
    }
    if "headline" in sidecar:
        values.update(headline=sidecar["headline"], title=sidecar["headline"],
                      headline_derived=False)
    if "published" in sidecar:
        values["published"] = dt.date.fromisoformat(sidecar["published"])
    if "byline" in sidecar:
        values["byline"] = sidecar["byline"]
    if "url" in sidecar:
        values["url"] = sidecar["url"]
    if "source" in sidecar:
        values["source"] = source_named(sidecar["source"])
    return values


def source_named(name: str) -> Source:
    """The outlet a sidecar names: by its name (any case), its slug or its domain, exactly;
    created when it is new. Never by a slug made from the name: "人民日报", "朝日新聞" and
    "!!!" all slugify to nothing, and "Fox News!" to the slug of "Fox News", yet they are
    distinct outlets. A new outlet gets a free slug (``unique_slug``)."""
    found = (
        Source.objects.filter(name__iexact=name).order_by("pk").first()
        or Source.objects.filter(slug=name).first()
        or Source.objects.filter(domain__iexact=name).order_by("pk").first()
    )
    return found or Source.objects.create(name=name[:200], slug=unique_slug(name))


def unique_slug(name: str) -> str:
    """A slug for a new outlet named ``name`` that no outlet has: its slug (ASCII, as URLs
    take it), else "outlet", with "-2", "-3" … when taken."""
    base = slugify(name)[:190] or "outlet"
    slug, n = base, 1
    while Source.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _replace_comment_blocks(article: Article, parsed: ParsedArticle, *, is_new: bool) -> None:
    section = parsed.comments
    keep_hidden = set()
    if not is_new:  # a new article has no blocks yet: spare the two queries
        keep_hidden = set(
            article.comment_blocks.filter(is_hidden=True).values_list("position", flat=True)
        )
        article.comment_blocks.all().delete()
    block = _new_comment_block(article, parsed)
    if block is not None:
        block.is_hidden = section.line in keep_hidden
        block.save()
