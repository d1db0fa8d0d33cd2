"""The durable queue between database writes and the search index (the outbox).

``enqueue(ids)`` appends one ``IndexOutbox`` row per article in the caller's transaction; after
the commit, ``drain()`` rebuilds those articles' documents from the database and deletes the
rows. Draining holds one index-writer lock (a file lock beside the index, shared by every process
and thread on the machine) from reading the database to deleting the rows, so two drains never
write an older state over a newer one: a hide committed 0.5 s after an ingest cannot be undone by
the ingest's late re-index (the "ghosts" of issue 13).

What a crash leaves behind is only rows, never a lost change: any later drain (the next write's,
``ingest``'s, ``sync_index``'s, ``process_index_queue``'s) finishes the work. A failing index write
is retried with back-off; a batch that still fails is retried article by article, and the rows
of an article that keeps failing record the error and are left for the next pass, up to
``MAX_ATTEMPTS`` drains (then ``process_index_queue --retry-failed`` or ``sync_index``).

An ingest process drains in the background (``run_in_background``): a batch's segment is built
by a builder process and committed from a thread while the ingest writes its next batch; the
lock is held from reading the database to that commit, and the rows are deleted by the next
drain, after it (another drain in between does them again: harmless).
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from haystack.constants import DEFAULT_ALIAS

from search.engine.builder_process import close_builders
from search.models import IndexOutbox

from .sync import reindex_articles, start_reindex_articles, with_story_mates

try:
    import fcntl
except ImportError:  # pragma: no cover (not POSIX: one process only, a thread lock suffices)
    fcntl = None

log = logging.getLogger(__name__)

BATCH_SIZE = 500
MAX_ATTEMPTS = 5
# A drain in the background (``run_in_background``) writes its rows' articles in one write: an
# ingest batch of 500 files, the articles its surname joins and templates touched, their stories'
# other members. More than this is drained as usual, in the foreground.
BACKGROUND_MAX_ROWS = 2_000
BACKGROUND_MAX_IDS = 4_000
# Pauses between tries of a failing batch (the index lock of another writer, a full disk…).
RETRY_DELAYS = (0.2, 1.0, 3.0)
# How long a drain waits for another drain (an ingest's batch, a rebuild) before leaving its rows
# for the next pass.
LOCK_TIMEOUT_SECONDS = 120.0

_local = threading.local()
_thread_lock = threading.Lock()


@dataclass
class DrainResult:
    articles: int = 0  # distinct articles brought in line with the database
    rows: int = 0  # outbox rows done and deleted
    failed_rows: int = 0  # rows left with an error (retried by a later drain)
    locked: bool = False  # another writer held the lock for the whole timeout: nothing done


def enqueue(article_ids: Iterable[int]) -> int:
    """Append a pending re-index for each article, in the current transaction (or at once in
    autocommit), and drain the queue when that transaction commits."""
    ids = sorted({int(pk) for pk in article_ids if pk is not None})
    if not ids:
        return 0
    IndexOutbox.objects.bulk_create([IndexOutbox(article_id=pk) for pk in ids],
                                    batch_size=BATCH_SIZE)
    schedule_drain()
    return len(ids)


def schedule_drain(using: str = "default") -> None:
    """Drain after the current transaction commits. (Every enqueue schedules one: after the first
    has emptied the queue, the others cost one query each.)"""
    transaction.on_commit(_drain_after_commit, using=using, robust=True)


def _drain_after_commit() -> None:
    result = drain()
    if result.locked or result.failed_rows:
        log.warning("search index: %d pending writes left for the next pass (%s)",
                    IndexOutbox.objects.count(),
                    "another writer held the lock" if result.locked else "index writes failed")


def pending_count(*, include_failing: bool = True) -> int:
    rows = IndexOutbox.objects.all()
    return rows.count() if include_failing else rows.ready(MAX_ATTEMPTS).count()


def drain(*, using: str = DEFAULT_ALIAS, include_failing: bool = False,
          lock_timeout: float = LOCK_TIMEOUT_SECONDS,
          sleep: Callable[[float], None] = time.sleep) -> DrainResult:
    """Bring the index in line with the database for every article in the outbox, then delete
    their rows. Rows appended while this runs (later changes) are left for the next drain."""
    settle()
    result = DrainResult()
    if _background.enabled and not include_failing and _start_in_background(
            using, lock_timeout, result):
        return result
    with index_writer_lock(using=using, timeout=lock_timeout) as acquired:
        if not acquired:
            result.locked = True
            return result
        cursor = 0
        while True:
            rows = IndexOutbox.objects.filter(pk__gt=cursor)
            if not include_failing:
                rows = rows.ready(MAX_ATTEMPTS)
            batch = list(rows.order_by("pk").values_list("pk", "article_id")[:BATCH_SIZE])
            if not batch:
                return result
            cursor = batch[-1][0]
            _drain_batch(batch, using, sleep, result)


# --- draining while the writing process goes on (ingest) ----------------------------------------


@dataclass
class _Pending:
    thread: threading.Thread
    rows: list[int]  # outbox rows done once the write commits
    committed: bool = False


class _Background:
    enabled = False  # set by run_in_background() (an ingest process)
    pending: _Pending | None = None


_background = _Background()


def run_in_background(enabled: bool = True) -> None:
    """From now on in this process (an ingest), a drain of one batch of rows builds its segment
    in the builder process (``search.engine.builder_process``) and commits from a thread, while
    the caller goes on writing the next batch. The index-writer lock is held until that commit,
    and the rows are deleted by the next drain (or ``settle()``), after it: a crash in between
    leaves only rows, done again by the next drain. Searches of this process see the batch
    once it commits."""
    _background.enabled = enabled
    if not enabled:
        settle()
        # Its builder processes too: a forked child holds copies of every file the process had
        # open (sockets, pipes), so one kept idle after the ingest keeps them from closing.
        close_builders()


def settle() -> None:
    """Wait for the write a background drain left running, then delete its rows (or leave them
    for the next drain, which then runs in the foreground, if it failed)."""
    pending, _background.pending = _background.pending, None
    if pending is None:
        return
    pending.thread.join()
    if pending.committed:
        IndexOutbox.objects.filter(pk__in=pending.rows).delete()


def _start_in_background(using: str, lock_timeout: float, result: DrainResult) -> bool:
    """Start the write of every pending row if they are one batch; False: drain as usual."""
    if getattr(_local, "held", 0):
        return False  # this thread holds the lock already (sync_index): in the foreground
    rows = list(IndexOutbox.objects.ready(MAX_ATTEMPTS).order_by("pk")
                .values_list("pk", "article_id")[: BACKGROUND_MAX_ROWS + 1])
    if not rows or len(rows) > BACKGROUND_MAX_ROWS:
        return False
    handle = _acquire(using, lock_timeout)
    if handle is None:
        result.locked = True
        return True
    try:
        ids = sorted(with_story_mates(article_id for _, article_id in rows))
        pending = start_reindex_articles(ids, using=using) if len(ids) <= BACKGROUND_MAX_IDS \
            else None
    except Exception as error:  # noqa: BLE001 - the usual drain retries and reports it
        log.warning("search index: background write not started (%s)", error)
        pending = None
    if pending is None:
        _release(handle)
        return False
    state = _Pending(threading.Thread(), [pk for pk, _ in rows])

    def commit() -> None:
        try:
            pending.finish()
            state.committed = True
        except Exception:  # noqa: BLE001 - the rows stay; the next drain does them again
            log.exception("search index: a background write failed; retried by the next drain")
            _background.enabled = False  # the next drain retries in the foreground
        finally:
            _release(handle)

    state.thread = threading.Thread(target=commit, name="clippings-index-commit")
    _background.pending = state
    state.thread.start()
    result.articles += len(ids)
    result.rows += len(rows)
    return True


def _acquire(using: str, timeout: float):
    """The index-writer lock as an open file (released by ``_release``, from any thread), or
    ``None`` after ``timeout`` seconds."""
    path = lock_path(using)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+b")  # noqa: SIM115 - closed by _release
    deadline = time.monotonic() + timeout
    while not _try_lock(handle):
        if time.monotonic() >= deadline:
            handle.close()
            return None
        time.sleep(0.02)
    return handle


def _release(handle) -> None:
    _unlock(handle)
    handle.close()


def _settle_at_exit() -> None:
    from search.engine.background_merges import finish_merges

    try:
        settle()
    except Exception:  # noqa: BLE001 - the database is gone: the rows are done again later
        log.warning("search index: rows of the last background write left for the next drain")
    finish_merges()  # one its commit started


atexit.register(_settle_at_exit)


def _drain_batch(batch: list[tuple[int, int]], using: str, sleep, result: DrainResult) -> None:
    ids = sorted(with_story_mates(article_id for _, article_id in batch))
    error = _with_retries(lambda: reindex_articles(ids, using=using), sleep)
    if error is None:
        done = [pk for pk, _ in batch]
        result.articles += len(ids)
    else:  # find the articles that fail; the others are done
        failing = {}
        for pk in ids:
            try:
                reindex_articles([pk], using=using)
            except Exception as one_error:  # noqa: BLE001 (recorded on the row, retried later)
                failing[pk] = f"{type(one_error).__name__}: {one_error}"[:2000]
        done = [pk for pk, article_id in batch if article_id not in failing]
        result.articles += len(ids) - len(failing)
        for article_id, message in failing.items():
            log.error("search index: article #%s could not be indexed: %s", article_id, message)
            failed = IndexOutbox.objects.filter(pk__in=[p for p, a in batch if a == article_id])
            result.failed_rows += failed.update(attempts=F("attempts") + 1, last_error=message)
    IndexOutbox.objects.filter(pk__in=done).delete()
    result.rows += len(done)


def _with_retries(write: Callable[[], object], sleep) -> Exception | None:
    for attempt in range(len(RETRY_DELAYS) + 1):
        try:
            write()
            return None
        except Exception as error:  # noqa: BLE001 (retried, then reported by the caller)
            if attempt == len(RETRY_DELAYS):
                return error
            log.warning("search index write failed (%s), retrying", error)
            sleep(RETRY_DELAYS[attempt])
    return None  # pragma: no cover


def lock_path(using: str = DEFAULT_ALIAS) -> Path:
    """The writer lock: a file beside the index directory (never inside it: clearing the index
    must not take the lock with it)."""
    index_path = settings.HAYSTACK_CONNECTIONS[using].get("PATH")
    base = Path(index_path) if index_path else Path(settings.DATA_DIR) / using
    return base.parent / f"{base.name}.writer.lock"


@contextmanager
def index_writer_lock(*, using: str = DEFAULT_ALIAS,
                      timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[bool]:
    """Hold the index-writer lock (re-entrant within a thread); yields False if it could not be
    had within ``timeout`` seconds."""
    held = getattr(_local, "held", 0)
    if held:
        _local.held = held + 1
        try:
            yield True
        finally:
            _local.held -= 1
        return
    path = lock_path(using)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    with open(path, "a+b") as handle:
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                yield False
                return
            time.sleep(0.02)
        _local.held = 1
        try:
            yield True
        finally:
            _local.held = 0
            _unlock(handle)


def _try_lock(handle) -> bool:
    if fcntl is None:  # pragma: no cover
        return _thread_lock.acquire(blocking=False)
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle) -> None:
    if fcntl is None:  # pragma: no cover
        _thread_lock.release()
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
