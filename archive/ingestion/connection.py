"""Database connection settings for a large ingest, put back when it ends.

An ingest with newsroom intelligence writes about 90 index entries an article (LSH bands,
mentions, quotes), most of them at random places in large indexes. SQLite's defaults suit a web
process that reads a little at a time: a 2 MB page cache, reads through system calls, and a
checkpoint of the write-ahead log every 1,000 pages. For the ingest's own connection only, for its
duration, :func:`bulk_write_settings` gives SQLite a page cache large enough for those indexes,
memory-mapped reads, and fewer, larger checkpoints (each page of the log is copied back once per
checkpoint, however often it changed since the last). Durability is unchanged (the journal mode
and ``synchronous`` stay as configured), and other connections — the web's — keep the defaults.
Figures: bench/README.md ("Intelligence").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections

# The pragmas set during an ingest, and their values (cache_size negative: KiB).
SQLITE_BULK_PRAGMAS = {
    "cache_size": -64 * 1024,  # 64 MiB at most, allocated only as pages are read
    "mmap_size": 1024**3,  # read the file through up to 1 GiB of mapped memory
    "wal_autocheckpoint": 10_000,  # pages (about 40 MB of log) between checkpoints
}


@contextmanager
def bulk_write_settings(using: str = "default") -> Iterator[None]:
    """Within the block, ``using``'s connection has the bulk-write settings (SQLite only;
    other databases are left as they are)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        before = {}
        for name, value in SQLITE_BULK_PRAGMAS.items():
            cursor.execute(f"PRAGMA {name}")  # names from the constant above, never input
            row = cursor.fetchone()
            if row is None:  # not applicable here (an in-memory database has no mmap_size)
                continue
            before[name] = row[0]
            cursor.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        if connection.connection is not None:  # (closed meanwhile: a new one has the defaults)
            with connection.cursor() as cursor:
                for name, value in before.items():
                    cursor.execute(f"PRAGMA {name} = {int(value)}")
