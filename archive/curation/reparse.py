"""Re-parsing articles from their raw bytes with the current outlet signatures."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from archive.ingestion.services import load_signatures, save_parsed_article
from archive.ingestion.templates import TemplateBook
from archive.models import Article
from archive.parsing import ParseError, parse_document
from archive.signals import announce_changes, batched_changes

from .chunks import id_chunks


@dataclass
class ReparseResult:
    reparsed: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)  # (article id, reason)


def reparse(*, articles: QuerySet, discard_manual_edits: bool = False, user=None) -> ReparseResult:
    """Parse each selected article's raw text again and store the result.

    Fields in ``locked_fields`` (set by an editor) keep their values unless
    ``discard_manual_edits``, which unlocks them first; a sidecar file's values still win, as at
    ingestion. Hidden or merged articles stay so. An article whose raw text no longer parses
    (e.g. after a parser change) is left untouched and reported.
    """
    signatures = load_signatures()
    templates = TemplateBook(learning=False)  # the outlets' learnt page templates
    reason = "re-parsed, manual edits discarded" if discard_manual_edits else "re-parsed"
    result = ReparseResult()
    with transaction.atomic(), batched_changes():
        for ids in id_chunks(articles):
            for article in Article.objects.filter(pk__in=ids).select_related(
                    "source").order_by("pk"):
                try:
                    parsed = parse_document(bytes(article.raw), signatures,
                                            raw_format=article.raw_format,
                                            url=article.sidecar.get("url", ""))
                    parsed = templates.apply(article.file_name, parsed,
                                             article.source.slug if article.source else None)
                except ParseError as error:
                    result.failed.append((article.pk, str(error)))
                    continue
                if discard_manual_edits:
                    article.locked_fields = []
                article._history_user = user
                article._change_reason = reason
                save_parsed_article(
                    file_name=article.file_name,
                    sha256=article.raw_sha256,
                    parsed=parsed,
                    sidecar=article.sidecar,
                    article=article,
                )
                result.reparsed += 1
            announce_changes(ids)  # also when saves do not signal (e.g. a bulk-load setting)
    return result
