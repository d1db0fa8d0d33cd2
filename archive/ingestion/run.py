"""One ``ingest`` call over many files, fast: batched look-ups, parsing ahead in worker processes.

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
  (:mod:`newsroom.batch`).
"""

from __future__ import annotations

import gc
import hashlib
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.db import transaction
from django.utils.text import slugify

from archive.models import Article, Source
from archive.parsing import OutletSignature, ParsedArticle, ParseError
from archive.parsing.html import HTML_SUFFIXES
from archive.parsing.outlets import compile_signatures

from .files import RawFile, display
from .hooks import WorkerPlan, active_extractions
from .manifests import is_manifest, read_manifest
from .parallel import Document, ParsePool, parse_or_error
from .services import (
    IngestResult,
    NewArticle,
    Outcome,
    create_parsed_articles,
    save_parsed_article,
)
from .sidecar import SidecarError, read_sidecar
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
# The longest name (path relative to the ingested root) an article can be known by.
MAX_NAME_CHARS = Article._meta.get_field("file_name").max_length


@dataclass
class _File:
    path: Path
    name: str = ""  # the article's identity: the path relative to the ingested root, or a
    # manifest row's (its url, else "pages.jsonl#12")
    label: str = ""  # what messages call it: the path, or "pages.jsonl#12"
    raw_format: str = "text"  # "text" or "html"
    loaded: bool = False  # a manifest row: its bytes and metadata came with it
    size: int = 0
    failure: str = ""  # a one-line reason: the file cannot be read, or is too large
    raw: bytes = b""
    sidecar: dict = field(default_factory=dict)
    sha256: str = ""
    parsed: ParsedArticle | Exception | None = None  # parsed ahead (workers), if it was
    prepared: tuple | None = None  # its extraction hooks' first halves, made ahead with it

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name
        self.label = self.label or str(self.path)
        if not self.loaded and self.path.suffix.lower() in HTML_SUFFIXES:
            self.raw_format = "html"

    @property
    def document(self) -> Document:
        """What a parse worker needs: the bytes, their format and the page's known URL."""
        return Document(self.raw, self.raw_format, self.sidecar.get("url", ""))


@dataclass
class _Batch:
    files: list[_File]
    pending: object = None  # a ParsePool handle for the files parsed ahead
    ahead: list[int] = field(default_factory=list)  # indexes of the files parsed ahead

    def collect(self) -> None:
        if self.pending is not None:
            for index, (parsed, prepared) in zip(self.ahead, self.pending.get(), strict=True):
                self.files[index].parsed = parsed
                self.files[index].prepared = prepared
            self.pending = None


@dataclass(frozen=True)
class _Stored:
    """What the run knows of an article: enough to tell unchanged files and duplicates."""

    id: int
    file_name: str
    sha256: str
    sidecar: dict


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
        # The run's own writes, which win over what a batch look-up returned before them.
        self._by_name: dict[str, _Stored | None] = {}
        self._by_sha: dict[str, _Stored | None] = {}

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

    def _files(self, paths: Iterable[RawFile | Path]) -> Iterator[_File]:
        """One item per file, and one per row of each manifest."""
        names: dict[str, Path] = {}  # two files of one name in a run would be one article
        for raw_file in paths:
            if isinstance(raw_file, Path):
                raw_file = RawFile(raw_file, raw_file.name)
            if is_manifest(raw_file.path):
                for row in read_manifest(raw_file.path):
                    item = _File(raw_file.path, name=row.name, label=row.label, loaded=True,
                                 raw_format=row.raw_format, raw=row.raw,
                                 sidecar=row.sidecar or {}, failure=row.failure,
                                 size=len(row.raw))
                    if not item.failure and item.size > self.max_bytes:
                        item.failure = (f"{item.size:,} bytes is over the "
                                        f"{self.max_bytes:,}-byte limit")
                    yield item
                continue
            item = _File(raw_file.path, raw_file.name)
            try:
                item.name.encode("utf-8")
                item.size = item.path.stat().st_size
            except UnicodeEncodeError:
                item.failure = "the file name is not valid UTF-8: rename the file"
            except OSError as error:
                item.failure = f"cannot read the file ({error.strerror or error})"
            if not item.failure and len(item.name) > MAX_NAME_CHARS:
                item.failure = (f"its path below the folder given is {len(item.name):,} "
                                f"characters long; at most {MAX_NAME_CHARS:,} are kept")
            if not item.failure and names.setdefault(item.name, item.path) != item.path:
                item.failure = (f"same name ({display(item.name)}) as "
                                f"{display(names[item.name])} in this run; ingest the folder "
                                "that holds both, so that each has its own name")
            if item.size > self.max_bytes:
                item.failure = f"{item.size:,} bytes is over the {self.max_bytes:,}-byte limit"
            yield item

    def _group(self, paths: Iterable[RawFile | Path]) -> Iterator[list[_File]]:
        group: list[_File] = []
        held = 0
        for item in self._files(paths):
            if group and (len(group) >= BATCH_FILES or held + item.size > BATCH_BYTES):
                yield group
                group, held = [], 0
            group.append(item)
            held += item.size if not item.failure else 0
        if group:
            yield group

    def _prepare(self, files: list[_File]) -> _Batch:
        batch = _Batch(files)
        if self._pool is None:
            return batch  # read and parse each file when its turn comes, as ingest_file does
        for item in files:
            self._read(item)
        stored = self._lookup(files)
        batch.ahead = [i for i, item in enumerate(files)
                       if not item.failure and self._decide(item, *stored) is None]
        if batch.ahead:
            batch.pending = self._pool.submit([files[i].document for i in batch.ahead])
        return batch

    # --- files --------------------------------------------------------------------------------

    def ingest(self, batch: _Batch) -> Iterator[IngestResult]:
        """Each file's result, in order. Call inside a transaction; each file is all-or-nothing."""
        if self._pool is None:
            for item in batch.files:
                self._read(item)
        by_name, by_sha = self._lookup(batch.files)
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

    def _templated(self, item: _File, parsed: ParsedArticle) -> ParsedArticle:
        """The parse less its outlet's known template lines (its extraction, made by a worker
        on the whole body, is then made again by the writer)."""
        result = self.templates.apply(item.name, parsed, _sidecar_outlet(item.sidecar))
        if result is not parsed:
            item.prepared = None
        return result

    def _create_in_bulk(self, files: list[_File], by_name: dict,
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
        plan: list[IngestResult | _File] = []
        for item in files:
            if item.failure:
                plan.append(IngestResult(item.label, Outcome.FAILED, reason=item.failure))
                continue
            decided = self._decide(item, by_name, by_sha)
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
        new = [entry for entry in plan if isinstance(entry, _File)]
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
            self._remember(article, item, None, by_name, by_sha)
            self.templates.record(article.id, item.name, item.parsed,
                                  _sidecar_outlet(item.sidecar))
            results[id(item)] = IngestResult(item.label, Outcome.CREATED, article_id=article.id,
                                             title=article.title)
        return [results.get(id(entry), entry) for entry in plan]

    def _read(self, item: _File) -> None:
        if item.failure or item.sha256:
            return
        if item.loaded:  # a manifest row: its bytes and metadata are in hand
            item.sha256 = hashlib.sha256(item.raw).hexdigest()
            return
        try:
            item.raw = item.path.read_bytes()
            item.sidecar = read_sidecar(item.path)
        except OSError as error:
            item.failure = f"cannot read the file ({error.strerror or error})"
            return
        except SidecarError as error:
            item.failure = str(error)
            return
        except Exception as error:  # noqa: BLE001 - anything else: this file's failure alone
            item.failure = f"cannot read the file ({type(error).__name__}: {error})"[:500]
            return
        if len(item.raw) > self.max_bytes:  # it grew since it was measured
            item.failure = f"{len(item.raw):,} bytes is over the {self.max_bytes:,}-byte limit"
            return
        item.sha256 = hashlib.sha256(item.raw).hexdigest()

    def _lookup(self, files: list[_File]) -> tuple[dict, dict]:
        """What the database holds for these files' names and bytes, then the run's own writes."""
        names = {item.name for item in files if not item.failure}
        shas = {item.sha256 for item in files if not item.failure}
        rows = Article.objects.filter(file_name__in=names) | Article.objects.filter(
            raw_sha256__in=shas
        )
        found = [_Stored(*row) for row in rows.order_by().values_list(
            "id", "file_name", "raw_sha256", "sidecar")]
        by_name = {s.file_name: s for s in found} | {
            name: s for name, s in self._by_name.items() if name in names}
        by_sha = {s.sha256: s for s in found} | {
            sha: s for sha, s in self._by_sha.items() if sha in shas}
        return by_name, by_sha

    def _decide(self, item: _File, by_name: dict, by_sha: dict) -> IngestResult | None:
        """The outcome that needs no parsing (unchanged, duplicate), or ``None``: parse it."""
        article = by_name.get(item.name)
        if article and article.sha256 == item.sha256 and article.sidecar == item.sidecar:
            return IngestResult(item.label, Outcome.UNCHANGED, article_id=article.id, title="")
        twin = by_sha.get(item.sha256)
        if twin and twin.file_name != item.name and not _known_before(twin, item, by_name):
            return IngestResult(item.label, Outcome.DUPLICATE,
                                reason=f"same bytes as {twin.file_name}", article_id=twin.id)
        return None

    def _ingest(self, item: _File, by_name: dict, by_sha: dict) -> IngestResult:
        if item.failure:
            return IngestResult(item.label, Outcome.FAILED, reason=item.failure)
        decided = self._decide(item, by_name, by_sha)
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
        if existing is None and twin is not None and _known_before(twin, item, by_name):
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
        self._remember(saved, item, existing, by_name, by_sha)
        self.templates.record(saved.id, item.name, parsed, _sidecar_outlet(item.sidecar))
        return IngestResult(item.label, outcome, article_id=saved.id, title=saved.title)

    def _remember(self, saved: Article, item: _File, previous: _Stored | None,
                  by_name: dict, by_sha: dict) -> None:
        stored = _Stored(saved.id, item.name, item.sha256, item.sidecar)
        if previous is not None and previous.file_name != item.name:
            for table in (by_name, self._by_name):
                table[previous.file_name] = None  # that article has a new name
        if previous is not None and previous.sha256 != item.sha256:
            for table in (by_sha, self._by_sha):
                table[previous.sha256] = None  # that article no longer has those bytes
        for table in (by_name, self._by_name):
            table[stored.file_name] = stored
        for table in (by_sha, self._by_sha):
            table[stored.sha256] = stored


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


def _known_before(twin: _Stored, item: _File, by_name: dict) -> bool:
    """Whether ``twin`` (an article with this file's bytes) is this very file, stored before
    issue 13 under its bare file name (``x.txt``) and now found as ``2018/x.txt``: the article
    then takes the full name and keeps its id and permalink, instead of the file being called
    a duplicate of itself."""
    bare = PurePosixPath(item.name).name
    return bare != item.name and twin.file_name == bare and by_name.get(item.name) is None


def _sidecar_outlet(sidecar: dict) -> str | None:
    """The outlet a sidecar (or a manifest row) names, as the slug it is stored under."""
    name = sidecar.get("source")
    return (slugify(name)[:200] or None) if name else None


def _reparse_ids(ids: list[int]) -> None:
    from archive.curation.reparse import reparse  # curation builds on ingestion

    reparse(articles=Article.objects.filter(pk__in=ids))
