"""Write side of ingestion: one raw file in, one article (and its comment blocks) upserted.

Idempotent: an article is keyed on its file name; the same bytes and sidecar change nothing; new
bytes under a known name update the article in place (same id, same permalink); the same bytes
under a second name are reported as a duplicate and not stored twice. Each file is
all-or-nothing: a savepoint wraps its writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from search.intelligence.services import analyse_article, intelligence_enabled
from search.models import Article, CommentBlock, Source
from search.parsing import OutletSignature, ParsedArticle, ParseError, parse_article

from .sidecar import SidecarError, read_sidecar


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class IngestResult:
    path: Path
    outcome: Outcome
    reason: str = ""
    article_id: int | None = None
    title: str = ""


def load_signatures() -> list[OutletSignature]:
    return [source.as_signature() for source in Source.objects.all()]


def ingest_file(
    path: Path,
    *,
    signatures: list[OutletSignature],
    max_bytes: int,
    dry_run: bool = False,
) -> IngestResult:
    """Ingest one file; never raises for bad input: the reason is in the result."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _failed(path, f"{size:,} bytes is over the {max_bytes:,}-byte limit")
        raw = path.read_bytes()
        sidecar = read_sidecar(path)
    except OSError as error:
        return _failed(path, f"cannot read the file ({error.strerror or error})")
    except SidecarError as error:
        return _failed(path, str(error))

    sha256 = hashlib.sha256(raw).hexdigest()
    existing = Article.objects.filter(file_name=path.name).only("id", "raw_sha256", "sidecar")
    article = existing.first()
    if article and article.raw_sha256 == sha256 and article.sidecar == sidecar:
        return IngestResult(path, Outcome.UNCHANGED, article_id=article.id, title="")
    twin = (
        Article.objects.filter(raw_sha256=sha256)
        .exclude(file_name=path.name)
        .values_list("id", "file_name")
        .first()
    )
    if twin:
        return IngestResult(
            path, Outcome.DUPLICATE, reason=f"same bytes as {twin[1]}", article_id=twin[0]
        )
    try:
        parsed = parse_article(raw, signatures, max_bytes=max_bytes)
    except ParseError as error:
        return _failed(path, str(error))

    outcome = Outcome.UPDATED if article else Outcome.CREATED
    if dry_run:
        return IngestResult(path, outcome, article_id=article.id if article else None,
                            title=_title(parsed, sidecar))
    with transaction.atomic():
        saved = save_parsed_article(
            file_name=path.name, sha256=sha256, parsed=parsed, sidecar=sidecar,
            article=Article.objects.select_for_update().get(pk=article.pk) if article else None,
        )
    return IngestResult(path, outcome, article_id=saved.id, title=saved.title)


def save_parsed_article(
    *,
    file_name: str,
    sha256: str,
    parsed: ParsedArticle,
    sidecar: dict,
    article: Article | None = None,
) -> Article:
    """Create or update an article and replace its comment blocks. Call inside a transaction.

    Fields named in ``article.locked_fields`` (edited by a curator) keep their values.
    """
    article = article or Article(file_name=file_name)
    locked = set(article.locked_fields or ())
    values = _parsed_values(parsed, sidecar)
    for field, value in values.items():
        if field not in locked:
            setattr(article, field, value)
    article.raw = parsed.raw
    article.raw_sha256 = sha256
    article.encoding = parsed.encoding
    article.sidecar = sidecar
    article.parse_notes = list(parsed.notes)
    article.boilerplate = [
        {"kind": str(item.kind), "text": item.text, "line": item.line}
        for item in parsed.boilerplate
    ]
    article.body = parsed.body
    article.word_count = parsed.word_count
    article.save()
    _replace_comment_blocks(article, parsed)
    if intelligence_enabled():  # entities, quotes, same-story cluster (issue 6)
        analyse_article(article=article)
    return article


def _parsed_values(parsed: ParsedArticle, sidecar: dict) -> dict:
    values = {
        "headline": parsed.headline,
        "title": parsed.title,
        "headline_derived": parsed.headline_derived,
        "published": parsed.published,
        "byline": parsed.byline,
        "source": Source.objects.filter(slug=parsed.source).first() if parsed.source else None,
        "url": "",
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
    """The outlet a sidecar names (by slug, name or domain), created when it is new."""
    slug = slugify(name)[:200] or "source"
    found = (
        Source.objects.filter(slug=slug).first()
        or Source.objects.filter(name__iexact=name).first()
        or Source.objects.filter(domain__iexact=name).first()
    )
    return found or Source.objects.create(name=name[:200], slug=slug)


def _replace_comment_blocks(article: Article, parsed: ParsedArticle) -> None:
    section = parsed.comments
    keep_hidden = set(
        article.comment_blocks.filter(is_hidden=True).values_list("position", flat=True)
    ) if article.pk else set()
    article.comment_blocks.all().delete()
    if section is None:
        return
    CommentBlock.objects.create(
        article=article,
        heading=section.heading,
        position=section.line,
        comments=list(section.comments),
        is_hidden=section.line in keep_hidden,
    )


def _title(parsed: ParsedArticle, sidecar: dict) -> str:
    return sidecar.get("headline") or parsed.title


def _failed(path: Path, reason: str) -> IngestResult:
    return IngestResult(path, Outcome.FAILED, reason=reason)
