"""Parsing raw files in worker processes while the main process writes to the database.

Parsing is pure Python and CPU-bound (about 1 ms a page), so on a machine with several cores a
large ingest parses ahead in a pool of processes. The workers never touch the database: they get
raw bytes and return what :func:`archive.parsing.parse_article` returns or raises (a
:class:`~archive.parsing.ParseError`, or any other exception, handed back to be reported exactly
as if it had been raised in the main process).

With a ``WorkerPlan`` the workers also run the first half of each registered extraction hook on
each parsed body (:mod:`archive.ingestion.hooks`; the newsroom's entities, quotes and signatures
cost several times the parse), which the writer then only stores. When an extraction fails, the
worker hands back ``None`` for it and the writer runs it again, to report it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from archive.parsing import OutletSignature, ParsedArticle, parse_document
from archive.parsing.outlets import OutletMatcher, compile_signatures

from .hooks import WorkerPlan

# Files per task sent to a worker: large enough to amortise the hand-over, small enough to share
# a batch fairly between workers. A task also holds at most CHUNK_BYTES of files (but at least
# one): 25 saved pages are a second of the extractor's work, and the last such task of a run
# would keep one worker busy while the other waits.
CHUNK = 25
CHUNK_BYTES = 512 * 1024
# How much the workers defer to the writing process. The writer is the one step that cannot run
# in parallel: when a worker takes its core, the whole ingest waits on it later (workers idle,
# two batches ahead). With the workers at a lower priority, they run on whatever the writer
# leaves: measured on 10,000 articles with intelligence, half the idle CPU time and about 12%
# more articles a second (bench/README.md, "Intelligence").
WORKER_NICENESS = 10

_matcher: OutletMatcher | None = None
_max_bytes: int | None = None
_plan: WorkerPlan = WorkerPlan()

Parsed = tuple[ParsedArticle | Exception, tuple | None]


class Document(NamedTuple):
    """Raw bytes to parse: ``raw_format`` "text" (a scraped text file) or "html" (a saved page,
    whose known ``url`` helps the extractor)."""

    raw: bytes
    raw_format: str = "text"
    url: str = ""


def parse_or_error(
    document: Document | bytes, matcher: OutletMatcher, max_bytes: int | None
) -> ParsedArticle | Exception:
    if not isinstance(document, Document):
        document = Document(document)
    try:
        return parse_document(document.raw, matcher, max_bytes=max_bytes,
                              raw_format=document.raw_format, url=document.url)
    except Exception as error:  # noqa: BLE001 - handed back to the caller to report per file
        return error


def prepare_or_none(parsed: ParsedArticle | Exception, plan: WorkerPlan) -> tuple | None:
    if isinstance(parsed, Exception):
        return None
    return plan.prepare(parsed.body)


def _init_worker(signatures: Sequence[OutletSignature], max_bytes: int | None,
                 plan: WorkerPlan) -> None:
    global _matcher, _max_bytes, _plan
    if hasattr(os, "nice"):  # (not on Windows)
        os.nice(WORKER_NICENESS)
    _matcher = compile_signatures(signatures)
    _max_bytes = max_bytes
    _plan = plan


def _parse_chunk(documents: list[Document | bytes]) -> list[Parsed]:
    results = []
    for document in documents:
        parsed = parse_or_error(document, _matcher, _max_bytes)
        results.append((parsed, prepare_or_none(parsed, _plan)))
    return results


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


# An ingest is parsed in a pool of processes (one per core) when it holds this many files, or
# this many bytes: below, starting the pool (about a third of a second: fork, imports) costs
# more than it saves. Parsing costs about the same per byte in both formats (a 4 KB text file
# about 1 ms, a 190 KB saved page about 40 ms through the extractor), so a few dozen saved pages
# are worth the pool where a few dozen text files are not.
PARALLEL_MIN_FILES = 1000
PARALLEL_MIN_BYTES = 4 * 1024 * 1024


def workers_for(paths: Iterable[Path]) -> int:
    """Parse processes for an ingest of these files when the caller asked for none."""
    paths = list(paths)
    if len(paths) >= PARALLEL_MIN_FILES:
        return default_workers()
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):  # (reported when the file is read)
            total += path.stat().st_size
        if total >= PARALLEL_MIN_BYTES:
            return default_workers()
    return 1


def chunked(documents: Sequence[Document | bytes]) -> Iterator[list[Document | bytes]]:
    """The documents in order, in tasks of at most CHUNK files and CHUNK_BYTES bytes."""
    chunk: list[Document | bytes] = []
    size = 0
    for document in documents:
        raw = document.raw if isinstance(document, Document) else document
        if chunk and (len(chunk) >= CHUNK or size + len(raw) > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(document)
        size += len(raw)
    if chunk:
        yield chunk


class ParsePool:
    """A pool of parsing processes; ``submit(documents)`` (:class:`Document` or raw text bytes)
    returns a handle whose ``get()`` gives one ``(parsed or error, prepared extraction or None)``
    per document, in order. Use as a context
    manager: the processes end with it."""

    def __init__(self, signatures: Sequence[OutletSignature], *, max_bytes: int | None,
                 workers: int, plan: WorkerPlan | None = None) -> None:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._pool = context.Pool(
            workers, _init_worker, (tuple(signatures), max_bytes, plan or WorkerPlan())
        )

    def submit(self, documents: Sequence[Document | bytes]) -> _Pending:
        return _Pending(self._pool.map_async(_parse_chunk, list(chunked(documents))))

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Pending:
    def __init__(self, result) -> None:
        self._result = result
        self._values: list[Parsed] | None = None

    def get(self) -> list[Parsed]:
        if self._values is None:
            self._values = [item for chunk in self._result.get() for item in chunk]
        return self._values
