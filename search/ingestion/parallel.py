"""Parsing raw files in worker processes while the main process writes to the database.

Parsing is pure Python and CPU-bound (about 1 ms a page), so on a machine with several cores a
large ingest parses ahead in a pool of processes. The workers never touch the database: they get
raw bytes and return what :func:`search.parsing.parse_article` returns or raises (a
:class:`~search.parsing.ParseError`, or any other exception, handed back to be reported exactly
as if it had been raised in the main process).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

from search.parsing import OutletSignature, ParsedArticle, parse_article
from search.parsing.outlets import OutletMatcher, compile_signatures

# Files per task sent to a worker: large enough to amortise the hand-over, small enough to share
# a batch fairly between workers.
CHUNK = 25

_matcher: OutletMatcher | None = None
_max_bytes: int | None = None


def parse_or_error(
    raw: bytes, matcher: OutletMatcher, max_bytes: int | None
) -> ParsedArticle | Exception:
    try:
        return parse_article(raw, matcher, max_bytes=max_bytes)
    except Exception as error:  # noqa: BLE001 - handed back to the caller to report per file
        return error


def _init_worker(signatures: Sequence[OutletSignature], max_bytes: int | None) -> None:
    global _matcher, _max_bytes
    _matcher = compile_signatures(signatures)
    _max_bytes = max_bytes


def _parse_chunk(raws: list[bytes]) -> list[ParsedArticle | Exception]:
    return [parse_or_error(raw, _matcher, _max_bytes) for raw in raws]


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


class ParsePool:
    """A pool of parsing processes; ``submit(raws)`` returns a handle whose ``get()`` gives one
    result per raw file, in order. Use as a context manager: the processes end with it."""

    def __init__(self, signatures: Sequence[OutletSignature], *, max_bytes: int | None,
                 workers: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._pool = context.Pool(workers, _init_worker, (tuple(signatures), max_bytes))

    def submit(self, raws: Sequence[bytes]) -> _Pending:
        chunks = [list(raws[i : i + CHUNK]) for i in range(0, len(raws), CHUNK)]
        return _Pending(self._pool.map_async(_parse_chunk, chunks))

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
        self._values: list[ParsedArticle | Exception] | None = None

    def get(self) -> list[ParsedArticle | Exception]:
        if self._values is None:
            self._values = [item for chunk in self._result.get() for item in chunk]
        return self._values
