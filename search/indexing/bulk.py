"""Building the whole index on every core: what ``rebuild_index`` / ``update_index`` run.

The documents of each search index (articles, then comment blocks) are cut into runs of
consecutive primary keys of at most ``SEGMENT_DOCS``; a pool of worker processes (one per core)
reads each run from the database in batches, prepares the documents (``index.full_prepare``,
the intelligence fields read per batch) and writes the run as one Whoosh segment
(``search.engine.segments.SegmentBuilder``). The parent holds the index's write lock from
start to end, then lists the new segments in one commit that also deletes what the index held
for these models before: searchers see the old index until that commit, then the new one.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
from collections.abc import Callable

from django.db import connections as db_connections
from haystack import connections
from haystack.constants import DEFAULT_ALIAS, DJANGO_CT
from haystack.utils import get_model_ct
from whoosh import query as Q

SEGMENT_DOCS = 12_500  # documents a worker puts in one segment (about 150 MB while building)
READ_BATCH = 1_000  # objects read from the database and prepared together
PARALLEL_MIN_DOCS = 4_000  # below this, build in this process


def _runs(pks: list[int], size: int) -> list[tuple[int, int, int]]:
    """(first pk, last pk, count) of consecutive slices of ``pks`` (sorted)."""
    return [(pks[i], pks[min(i + size, len(pks)) - 1], min(size, len(pks) - i))
            for i in range(0, len(pks), size)]


_progress = None  # a shared counter, set in each worker by the pool's initializer


def _init_worker(counter) -> None:
    global _progress
    _progress = counter
    # Whoosh names segments and temporary files with the random module: forked workers
    # start with the parent's state and would all write the same file names.
    random.seed()


def _build_run(task: tuple[str, str, int, int]):
    """Write one segment holding the documents of ``model_label`` with lo <= pk <= hi."""
    using, model_label, lo, hi = task
    from django.apps import apps

    backend = connections[using].get_backend()
    if not backend.setup_complete:
        backend.setup()
    index = connections[using].get_unified_index().get_index(apps.get_model(model_label))
    from search.engine.segments import SegmentBuilder

    builder = SegmentBuilder(backend.storage, backend.index.indexname, backend.index.schema)
    queryset = index.index_queryset(using=using).filter(pk__gte=lo, pk__lte=hi).order_by("pk")
    last = None
    while True:
        batch_qs = queryset if last is None else queryset.filter(pk__gt=last)
        batch = list(batch_qs[:READ_BATCH])
        if not batch:
            break
        last = batch[-1].pk
        for document in backend._prepare(index, batch):
            builder.add_document(document)
        if _progress is not None:
            with _progress.get_lock():
                _progress.value += len(batch)
    return builder.finish() if len(builder) else None


def build_all(*, using: str = DEFAULT_ALIAS, models=None, workers: int | None = None,
              on_progress: Callable[[int, int], None] | None = None) -> int:
    """Replace every document of ``models`` (default: every indexed model) with freshly built
    ones, using ``workers`` processes (default: one per core). Returns documents written."""
    backend = connections[using].get_backend()
    if not backend.setup_complete:
        backend.setup()
    unified = connections[using].get_unified_index()
    chosen = list(models) if models is not None else list(unified.get_indexed_models())
    if workers is None:
        workers = os.cpu_count() or 1
    tasks, total = [], 0
    for model in chosen:
        index = unified.get_index(model)
        pks = list(index.index_queryset(using=using).order_by("pk").values_list("pk", flat=True))
        total += len(pks)
        label = model._meta.label
        # at least one run per worker, so that every core has work
        size = max(1, min(SEGMENT_DOCS, -(-len(pks) // max(1, workers))))
        tasks += [(using, label, lo, hi) for lo, hi, _ in _runs(pks, size)]
    workers = max(1, min(workers, len(tasks)))
    writer = backend._writer(total)  # the lock, held until the commit
    try:
        writer.delete_by_query(Q.Or([Q.Term(DJANGO_CT, get_model_ct(m)) for m in chosen]))
        # Worker processes read committed rows through their own connections: inside a
        # transaction (nothing committed yet, a connection that must not be closed) build here.
        in_transaction = any(conn.in_atomic_block for conn in db_connections.all())
        parallel = total >= PARALLEL_MIN_DOCS and not in_transaction
        segments = _run_tasks(tasks, workers if parallel else 1, total, on_progress)
    except BaseException:
        writer.cancel()
        raise
    from search.engine.merging import commit_segments

    commit_segments(writer, [s for s in segments if s is not None], merge=False)
    return sum(s.doc_count_all() for s in segments if s is not None)


def _run_tasks(tasks, workers: int, total: int, on_progress) -> list:
    if workers <= 1:
        segments = []
        for task in tasks:
            segments.append(_build_run(task))
            if on_progress is not None:
                on_progress(sum(s.doc_count_all() for s in segments if s), total)
        return segments
    for conn in db_connections.all():  # forked children must open their own connections
        conn.close()
    ctx = mp.get_context("fork")
    counter = ctx.Value("l", 0)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(counter,)) as pool:
        pending = pool.map_async(_build_run, tasks, chunksize=1)
        while not pending.ready():
            pending.wait(0.5)
            if on_progress is not None:
                on_progress(counter.value, total)
        segments = pending.get()
    if on_progress is not None:
        on_progress(total, total)
    return segments
