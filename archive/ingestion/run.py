"""One ``ingest`` call over many files, fast: the batch loop that parses ahead and writes.

This module runs the batches: it groups the run's files (:mod:`archive.ingestion.inputs`: one
item per file or manifest row, read and hashed) into batches, hands the next ones to the parse
workers, and writes each batch, in bulk when it only creates articles, else file by file. Which
files are unchanged or duplicates is :mod:`archive.ingestion.known`'s to say.

The steps and outcomes for each file are those of :func:`ingest_file` (below)
(which is this, for one file): read it (size limit, sidecar), hash it; unchanged when an article
has that name (its path relative to the ingested root, ``archive.ingestion.files``), those bytes
and that sidecar; a duplicate when another name has those bytes; else parse and create or update
the article inside a savepoint, so that each file is all-or-nothing. Whatever goes wrong with one
file (a name that is not UTF-8, a sidecar nested 10,000 deep, a bug) is that file's one-line
failure, and the run goes on. What changes is the cost:

- what the database already holds for a batch of files is fetched in two queries (by file name,
  by SHA-256), not two per file; the run then keeps those maps up to date with its own writes, so
  a second file of the same name or the same bytes later in the run is still recognised;
- outlets are looked up once per run, and the signatures are compiled once;
- with ``workers > 1`` the next batch is read and parsed in a pool of processes while this one is
  written (parsing is pure Python: the workers never touch the database). A file parsed ahead but
  found unchanged after all is simply not written; a file not parsed ahead is parsed on the spot.
  When newsroom intelligence runs at ingest, the workers also extract each new article's
  entities, quotes and story fingerprint, and a batch of new articles stores them in bulk
  (:mod:`newsroom.batch`)."""

from __future__ import annotations

import gc
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from archive.models import Article, Source
from archive.parsing import OutletSignature, ParsedArticle, ParseError
from archive.parsing.outlets import compile_signatures

from .files import RawFile
from .hooks import WorkerPlan, active_extractions
from .inputs import InputItem, input_items, read_item
from .known import KnownArticles, decide, known_before
from .parallel import ParsePool, parse_or_error
from .services import (
    IngestResult,
    NewArticle,
    Outcome,
    create_parsed_articles,
    save_parsed_article,
)
from .templates import TemplateBook

# Files per batch (the command commits once per batch), and raw bytes held per batch at most.
BATCH_FILES = 500
BATCH_BYTES = 32 * 1024 * 1024  # (three batches are in memory at once: see AHEAD)
# Allocations between two young-generation collections during a run (Python's default: 700). A
# batch allocates hundreds of thousands of short-lived objects (parses, extractions, rows): at
# the default, 2,000 articles with intelligence cost the writer about 1,900 collections, 12 of
# them full, a third of its CPU time; at this value about 40, one full (measured, bench/README).
GC_THRESHOLD = 20_000
# Batches read and handed to the parse workers ahead of the one being written.
AHEAD = 2


@dataclass
class _Batch:
    files: list[InputItem]
    pending: object = None  # a ParsePool handle for the files parsed ahead
    ahead: list[int] = field(default_factory=list)  # indexes of the files parsed ahead

    def collect(self) -> None:
        if self.pending is not None:
            for index, (parsed, prepared) in zip(self.ahead, self.pending.get(), strict=True):
                self.files[index].parsed = parsed
                self.files[index].prepared = prepared
            self.pending = None


class IngestRun:
    """Ingest files batch by batch. ``for batch in run.batches(paths)`` then, inside the caller's
    transaction, ``for result in run.ingest(batch)``; close the run (or use ``with``) at the end.

    ``workers``: parsing processes (1: parse in this process, as files come).
    """

    def __init__(self, *, signatures: Sequence[OutletSignature], max_bytes: int,
                 dry_run: bool = False, workers: int = 1) -> None:
        self.signatures = tuple(signatures)
        self.matcher = compile_signatures(self.signatures)
        self.max_bytes = max_bytes
        self.dry_run = dry_run
        # Raised before the workers are forked, so that they inherit it; put back by close().
        self._gc_threshold = gc.get_threshold()
        gc.set_threshold(max(GC_THRESHOLD, self._gc_threshold[0]), *self._gc_threshold[1:])
        self._pool = None
        try:
            if workers > 1:
                self._pool = ParsePool(
                    self.signatures, max_bytes=max_bytes, workers=workers,
                    plan=WorkerPlan.for_run(() if dry_run else active_extractions()),
                )
        except BaseException:
            self.close()
            raise
        self._sources: dict[str, Source | None] = {}
        # The outlets' page templates: applied to each parse, learnt from each batch.
        self.templates = TemplateBook(learning=not dry_run)
        self._known = KnownArticles()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)
            self._gc_threshold = None

    def __enter__(self) -> IngestRun:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- batches ------------------------------------------------------------------------------

    def batches(self, paths: Iterable[RawFile | Path]) -> Iterator[_Batch]:
        """The files in batches; with workers, the next ``AHEAD`` batches are parsed while one
        is written (two, so that the workers never wait for the writer to hand them work)."""
        ahead: deque[_Batch] = deque()
        for group in self._group(paths):
            ahead.append(self._prepare(group))
            if len(ahead) > AHEAD:
                yield ahead.popleft()
        while ahead:
            yield ahead.popleft()

    def _group(self, paths: Iterable[RawFile | Path]) -> Iterator[list[InputItem]]:
        group: list[InputItem] = []
        held = 0
        for item in input_items(paths, max_bytes=self.max_bytes):
            if group and (len(group) >= BATCH_FILES or held + item.size > BATCH_BYTES):
                yield group
                group, held = [], 0
            group.append(item)
            held += item.size if not item.failure else 0
        if group:
            yield group

    def _prepare(self, files: list[InputItem]) -> _Batch:
        batch = _Batch(files)
        if self._pool is None:
            return batch  # read and parse each file when its turn comes, as ingest_file does
        for item in files:
            read_item(item, max_bytes=self.max_bytes)
        stored = self._known.lookup(files)
        batch.ahead = [i for i, item in enumerate(files)
                       if not item.failure and decide(item, *stored) is None]
        if batch.ahead:
            batch.pending = self._pool.submit([files[i].document for i in batch.ahead])
        return batch

    # --- files --------------------------------------------------------------------------------

    def ingest(self, batch: _Batch) -> Iterator[IngestResult]:
        """Each file's result, in order. Call inside a transaction; each file is all-or-nothing."""
        if self._pool is None:
            for item in batch.files:
                read_item(item, max_bytes=self.max_bytes)
        by_name, by_sha = self._known.lookup(batch.files)
        batch.collect()
        created = self._create_in_bulk(batch.files, by_name, by_sha)
        if created is not None:
            for item in batch.files:
                item.raw, item.parsed, item.prepared = b"", None, None
            yield from created
        else:
            for item in batch.files:
                try:
                    yield self._ingest(item, by_name, by_sha)
                except Exception as error:  # a bug or a database error: report it, keep going
                    yield IngestResult(item.label, Outcome.FAILED,
                                       reason=f"internal error: {error!r}",
                                       detail=traceback.format_exc())
                finally:
                    item.raw, item.parsed, item.prepared = b"", None, None  # let memory go
        # Lines now repeated across enough of an outlet's articles: stored, and removed from
        # the run's articles that hold them (in this batch's transaction).
        self.templates.learn_batch(_reparse_ids)

    def _templated(self, item: InputItem, parsed: ParsedArticle) -> ParsedArticle:
        """The parse less its outlet's known template lines (its extraction, made by a worker
        on the whole body, is then made again by the writer)."""
        result = self.templates.apply(item.name, parsed, _sidecar_outlet(item.sidecar))
        if result is not parsed:
            item.prepared = None
        return result

    def _create_in_bulk(self, files: list[InputItem], by_name: dict,
                        by_sha: dict) -> list[IngestResult] | None:
        """The batch's results when all it writes is new articles, created together (see
        ``create_parsed_articles``); ``None`` when it must go file by file: a dry run, an
        update, two files sharing a name or bytes (the second's outcome depends on the first),
        or a failure while writing (then one file by one finds the culprit, alone)."""
        if self.dry_run:
            return None
        readable = [item for item in files if not item.failure]
        if len({i.name for i in readable}) < len(readable) or \
                len({i.sha256 for i in readable}) < len(readable):
            return None
        plan: list[IngestResult | InputItem] = []
        for item in files:
            if item.failure:
                plan.append(IngestResult(item.label, Outcome.FAILED, reason=item.failure))
                continue
            decided = decide(item, by_name, by_sha)
            if decided is not None:
                plan.append(decided)
                continue
            if by_name.get(item.name) is not None or by_sha.get(item.sha256) is not None:
                return None  # an update: one by one, in its own savepoint
            if item.parsed is None:
                item.parsed = parse_or_error(item.document, self.matcher, self.max_bytes)
            if isinstance(item.parsed, ParseError):
                plan.append(IngestResult(item.label, Outcome.FAILED, reason=str(item.parsed)))
            elif isinstance(item.parsed, Exception):
                return None  # reported, with its traceback, by the one-by-one path
            else:
                item.parsed = self._templated(item, item.parsed)
                plan.append(item)
        new = [entry for entry in plan if isinstance(entry, InputItem)]
        if not new:
            return plan
        try:
            with transaction.atomic():
                saved = create_parsed_articles(
                    items=[NewArticle(i.name, i.sha256, i.parsed, i.sidecar, i.prepared)
                           for i in new],
                    sources=self._sources,
                )
        except Exception:  # noqa: BLE001 - rolled back: the one-by-one path will tell which
            return None
        results = {}
        for item, article in zip(new, saved, strict=True):
            self._known.remember(article, item, None, by_name, by_sha)
            self.templates.record(article.id, item.name, item.parsed,
                                  _sidecar_outlet(item.sidecar))
            results[id(item)] = IngestResult(item.label, Outcome.CREATED, article_id=article.id,
                                             title=article.title)
        return [results.get(id(entry), entry) for entry in plan]

    def _ingest(self, item: InputItem, by_name: dict, by_sha: dict) -> IngestResult:
        if item.failure:
            return IngestResult(item.label, Outcome.FAILED, reason=item.failure)
        decided = decide(item, by_name, by_sha)
        if decided is not None:
            return decided
        parsed = item.parsed
        if parsed is None:
            parsed = parse_or_error(item.document, self.matcher, self.max_bytes)
        if isinstance(parsed, ParseError):
            return IngestResult(item.label, Outcome.FAILED, reason=str(parsed))
        if isinstance(parsed, Exception):
            raise parsed
        parsed = self._templated(item, parsed)
        existing = by_name.get(item.name)
        twin = by_sha.get(item.sha256)
        if existing is None and twin is not None and known_before(twin, item, by_name):
            existing = twin  # the article takes the file's full name; its permalink stays
        outcome = Outcome.UPDATED if existing else Outcome.CREATED
        if self.dry_run:
            title = item.sidecar.get("headline") or parsed.title
            return IngestResult(item.label, outcome,
                                article_id=existing.id if existing else None, title=title)
        with transaction.atomic():
            saved = save_parsed_article(
                file_name=item.name, sha256=item.sha256, parsed=parsed,
                sidecar=item.sidecar, sources=self._sources,
                article=(Article.objects.select_for_update().get(pk=existing.id)
                         if existing else None),
            )
        self._known.remember(saved, item, existing, by_name, by_sha)
        self.templates.record(saved.id, item.name, parsed, _sidecar_outlet(item.sidecar))
        return IngestResult(item.label, outcome, article_id=saved.id, title=saved.title)


def ingest_file(
    path: Path,
    *,
    signatures: list[OutletSignature],
    max_bytes: int,
    dry_run: bool = False,
) -> IngestResult:
    """Ingest one file; never raises for bad input: the reason is in the result.

    Read it (size limit, sidecar) and hash it; unchanged when an article has this file's name (for
    a single file, its bare name), these bytes and this sidecar; a duplicate when another name
    has these bytes; else parse it and
    create or update the article in a savepoint. ``IngestRun`` does the same for many files with
    fewer queries; this is that, for one file.
    """
    with IngestRun(signatures=signatures, max_bytes=max_bytes, dry_run=dry_run) as run:
        batch = next(run.batches([path]))
        return next(iter(run.ingest(batch)))


def _sidecar_outlet(sidecar: dict) -> str | None:
    """The outlet a sidecar (or a manifest row) names, as the slug it is stored under."""
    name = sidecar.get("source")
    return (slugify(name)[:200] or None) if name else None


def _reparse_ids(ids: list[int]) -> None:
    from archive.curation.reparse import reparse  # curation builds on ingestion

    reparse(articles=Article.objects.filter(pk__in=ids))
