"""Large tier merges in a forked process, swapped in by a later commit (merges that do not block
the writer).

A tier merge of thousands of documents (``merging.merge_segments``) took ingest's writing process
tens of seconds at 10,000 articles, while the other core waited. A commit that plans such a merge
(``commit_segments``: a group of ``MIN_DOCS`` live documents or more) commits its own segment
at once and hands the merge to a child process (``start``), which writes the merged segment and
its ``.words`` files into a folder beside the index (never inside it: the next commit's clean-up
would delete files no TOC lists yet). A later commit of this process (``swap_in``, under the
index's write lock) moves the finished files into the index and lists the merged segment where
its first source stood, in place of the sources:

- documents deleted from a source since the child started are marked deleted in the merged
  segment (the child dropped those deleted before it started, renumbering the rest in order);
- if a source is gone (another process merged or cleared it), the merge is thrown away;
- at most one merge is in flight per index and process; the segments it reads are left out of
  other merges until it is swapped in;
- ``finish_merges`` (also run at the process's exit) waits for a merge in flight and commits it.

Searches see the sources until the TOC that swaps them: same documents, same answers.
"""

from __future__ import annotations

import atexit
import bisect
import contextlib
import logging
import multiprocessing
import os
import shutil
import tempfile
from dataclasses import dataclass

log = logging.getLogger(__name__)

MIN_DOCS = 2_000  # live documents in a group from which it is merged in the background
LOCK_TIMEOUT_SECONDS = 120.0


@dataclass
class _Flight:
    process: multiprocessing.Process
    connection: object  # the parent's end of the pipe
    folder: str  # where the child writes the merged segment's files
    # (segment id, documents in all, deleted documents) of each source when the child started
    sources: list[tuple[str, int, frozenset[int]]]
    storage: object
    indexname: str
    schema: object


_flights: dict[tuple[str, str], _Flight] = {}


def _key(storage, indexname: str) -> tuple[str, str] | None:
    folder = getattr(storage, "folder", None)
    return (os.path.abspath(folder), indexname) if folder else None


def large(group: list) -> bool:
    """Whether ``group`` is merged in the background (when the index is on disk)."""
    return sum(segment.doc_count() for segment in group) >= MIN_DOCS


def busy(storage, indexname: str) -> set[str]:
    """The ids of the segments a merge in flight reads."""
    flight = _flights.get(_key(storage, indexname))
    return {segid for segid, _, _ in flight.sources} if flight is not None else set()


def start(storage, indexname: str, schema, group: list) -> bool:
    """Merge ``group`` in a child process; False (nothing started) when the index is not in a
    folder or a merge of this index is already in flight."""
    key = _key(storage, indexname)
    if key is None or key in _flights:
        return False
    folder = tempfile.mkdtemp(
        prefix=f".{os.path.basename(key[0])}-merge-", dir=os.path.dirname(key[0])
    )
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_merge_in_child,
        args=(sending, key[0], folder, indexname, schema, group),
        name="clippings-merge",
    )
    process.start()
    sending.close()
    _flights[key] = _Flight(
        process,
        receiving,
        folder,
        [(s.segment_id(), s.doc_count_all(), frozenset(s.deleted_docs())) for s in group],
        storage,
        indexname,
        schema,
    )
    return True


def _merge_in_child(connection, index_folder, folder, indexname, schema, group) -> None:
    from whoosh.filedb.filestore import FileStorage

    from .merging import merge_segments
    from .words import write_missing

    try:
        into = FileStorage(folder)
        merged = merge_segments(FileStorage(index_folder), indexname, schema, group, into=into)
        write_missing(into, schema, [merged])
        connection.send(("merged", merged))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which drops it
        connection.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


def swap_in(storage, indexname: str, segments: list, *, wait: bool = False) -> list:
    """``segments`` (the TOC being committed) with a finished merge of this index in place of
    its sources; unchanged when none is finished (``wait``: wait for one in flight)."""
    key = _key(storage, indexname)
    flight = _flights.get(key) if key is not None else None
    if flight is None or not (wait or flight.connection.poll()):
        return segments
    del _flights[key]
    try:
        outcome, merged = flight.connection.recv()
    except (EOFError, OSError) as error:
        outcome, merged = "failed", f"no answer from the merge: {error}"
    flight.connection.close()
    flight.process.join()
    try:
        if outcome != "merged":
            log.warning("search index: a background merge failed (%s); it is done later", merged)
            return segments
        by_id = {segment.segment_id(): segment for segment in segments}
        if any(segid not in by_id for segid, _, _ in flight.sources):
            return segments  # merged or cleared meanwhile: the merge is out of date
        _carry_deletions(merged, flight.sources, by_id)
        for entry in os.scandir(flight.folder):
            if entry.is_file():  # (a storage's scratch folder stays behind)
                os.replace(entry.path, os.path.join(key[0], entry.name))
        sources = {segid for segid, _, _ in flight.sources}
        first = min(i for i, s in enumerate(segments) if s.segment_id() in sources)
        before = [s for s in segments[:first] if s.segment_id() not in sources]
        after = [s for s in segments[first:] if s.segment_id() not in sources]
        return before + ([merged] if merged.doc_count() else []) + after
    finally:
        shutil.rmtree(flight.folder, ignore_errors=True)


def _carry_deletions(merged, sources, by_id: dict) -> None:
    """Mark deleted in ``merged`` the documents deleted from its sources since it started."""
    base = 0
    for segid, count, deleted in sources:
        dropped = sorted(deleted)
        for docnum in set(by_id[segid].deleted_docs()) - deleted:
            merged.delete_document(base + docnum - bisect.bisect_left(dropped, docnum))
        base += count - len(deleted)


def finish_merges() -> int:
    """Wait for every merge in flight and commit it; how many were committed. (A merge still
    running when a process ends would otherwise be lost, its work to be done again.)"""
    from whoosh.index import FileIndex

    from .merging import commit_segments

    done = 0
    for key, flight in list(_flights.items()):
        if key not in _flights:
            continue
        try:
            flight.process.join()
            index = FileIndex(flight.storage, flight.schema, flight.indexname)
            writer = index.writer(timeout=LOCK_TIMEOUT_SECONDS, delay=0.05)
        except Exception as error:  # noqa: BLE001 - the index is gone or locked: drop it
            log.warning("search index: a background merge was dropped (%s)", error)
            _drop(key)
            continue
        if key in _flights:
            commit_segments(writer, [], merge=False, wait=True)
            done += 1
        else:
            writer.cancel()
    return done


def _drop(key) -> None:
    flight = _flights.pop(key, None)
    if flight is not None:
        with contextlib.suppress(OSError):
            flight.connection.close()
        flight.process.join()
        shutil.rmtree(flight.folder, ignore_errors=True)


atexit.register(finish_merges)
