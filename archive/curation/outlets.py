"""Who published an article: setting the outlet by hand, and outlet signatures over the corpus."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from archive.models import Article, Source
from archive.parsing import OutletSignature, ParseError, detect_outlet, parse_document
from archive.parsing.types import Line
from archive.signals import announce_changes

from .chunks import id_chunks
from .errors import CurationError
from .history import load_for_update, save_chunk

SAMPLE_SIZE = 10


def set_outlet(*, articles: QuerySet, source: Source | None, user=None) -> int:
    """Attribute the selection to ``source`` (``None``: unknown) and lock the field, so that
    re-parsing and new signatures leave it alone. Returns how many articles were written."""
    name = source.name if source else "unknown"
    changed = 0
    with transaction.atomic():
        for ids in id_chunks(articles):
            chunk = load_for_update(ids)
            for article in chunk:
                article.source = source
                article.locked_fields = _locked_with(article.locked_fields, "source")
            save_chunk(chunk, ["source", "locked_fields"], user=user,
                       reason=f"outlet set to {name}")
            announce_changes(ids)
            changed += len(chunk)
    return changed


def _locked_with(locked, name: str) -> list[str]:
    locked = list(locked or ())
    return locked if name in locked else [*locked, name]


def candidate_signature(*, source: Source, domain: str, signatures: str) -> OutletSignature:
    """The outlet's signature as it would be with these texts; a bad ``re:`` line is a
    :class:`CurationError` naming it."""
    for number, line in enumerate(signatures.splitlines(), 1):
        line = line.strip()
        if line.startswith("re:"):
            try:
                re.compile(line[3:].strip())
            except re.error as error:
                raise CurationError(f"Line {number} is not a valid regular expression: {error}.")\
                    from None
    return Source(
        slug=source.slug, name=source.name, domain=domain, signatures=signatures
    ).as_signature()


@dataclass
class SignatureReport:
    """What a set of signatures would do to the corpus (merged articles left out)."""

    examined: int = 0
    claimed: int = 0  # articles the outlet would be detected in
    currently: int = 0  # articles attributed to the outlet now
    gained: int = 0  # would move to this outlet (outlet not set by hand)
    lost: int = 0  # would leave this outlet (outlet not set by hand)
    locked: int = 0  # would move, but the outlet was set by hand or by a sidecar: left alone
    unreadable: int = 0  # raw text no longer parses
    sample: list[dict] = field(default_factory=list)  # {id, title, evidence}
    moves: list[tuple[int, int | None]] = field(default_factory=list, repr=False)


def _all_signatures(source: Source, candidate: OutletSignature) -> list[OutletSignature]:
    others = Source.objects.exclude(pk=source.pk)
    return [other.as_signature() for other in others] + [candidate]


def _lines_of_corpus(chunk_size: int = 200) -> Iterator[tuple[dict, tuple[Line, ...] | None]]:
    """Each non-merged article (id, title, source, locks) with its parsed lines; None when the
    raw text no longer parses. Reads the raw bytes a chunk at a time."""
    columns = ("pk", "title", "source_id", "locked_fields", "sidecar", "raw", "raw_format")
    for ids in id_chunks(Article.objects.filter(merged_into__isnull=True), chunk_size):
        for row in Article.objects.filter(pk__in=ids).order_by("pk").values(*columns):
            raw, raw_format = bytes(row.pop("raw")), row.pop("raw_format")
            try:
                lines = parse_document(raw, raw_format=raw_format).lines
            except ParseError:
                lines = None
            yield row, lines


def signature_report(*, source: Source, domain: str, signatures: str) -> SignatureReport:
    """Preview: how many articles these signatures would claim for ``source``, with a sample,
    and the attributions that applying them would change. Writes nothing.

    An article moves only when its detected outlet differs between the current and the new
    signatures (so drift from other causes is left alone), and never when its outlet was set
    by hand (``locked_fields``) or by a sidecar file.
    """
    candidate = candidate_signature(source=source, domain=domain, signatures=signatures)
    after = _all_signatures(source, candidate)
    before = [*after[:-1], source.as_signature()]
    slug_to_id = dict(Source.objects.values_list("slug", "pk"))
    report = SignatureReport()
    for row, lines in _lines_of_corpus():
        report.examined += 1
        report.currently += row["source_id"] == source.pk
        if lines is None:
            report.unreadable += 1
            continue
        slug, evidence = detect_outlet(lines, after)
        detected = slug_to_id.get(slug) if slug else None
        if detected == source.pk:
            report.claimed += 1
            if len(report.sample) < SAMPLE_SIZE:
                report.sample.append({"id": row["pk"], "title": row["title"],
                                      "evidence": evidence})
        old_slug, _evidence = detect_outlet(lines, before)
        if old_slug == slug or detected == row["source_id"]:
            continue
        if "source" in (row["locked_fields"] or ()) or "source" in (row["sidecar"] or {}):
            report.locked += 1
            continue
        report.moves.append((row["pk"], detected))
        report.gained += detected == source.pk
        report.lost += row["source_id"] == source.pk
    return report


def apply_signatures(
    *, source: Source, domain: str, signatures: str, user=None
) -> SignatureReport:
    """Save the outlet's new domain and signatures, then re-attribute every article whose
    outlet was not set by hand to whatever the signatures now detect (this outlet, another
    one, or unknown). Returns the report of what moved."""
    report = signature_report(source=source, domain=domain, signatures=signatures)
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        source.domain, source.signatures = domain, signatures
        source._history_user = user
        source._change_reason = "signatures changed"
        source.save()
        names = dict(Source.objects.values_list("pk", "name"))
        moves = dict(report.moves)
        ids = sorted(moves)
        for start in range(0, len(ids), 500):
            chunk = load_for_update(ids[start : start + 500])
            chunk = [a for a in chunk if "source" not in (a.locked_fields or ())]
            for article in chunk:
                article.source_id = moves[article.pk]
            for target in {moves[a.pk] for a in chunk}:
                group = [a for a in chunk if moves[a.pk] == target]
                save_chunk(group, ["source"], user=user,
                           reason=f"outlet re-detected: {names.get(target, 'unknown')}")
            announce_changes(a.pk for a in chunk)
    return report
