"""SQLite FTS5 on the same articles as ``bench/search_bench.py``: the baseline its ratios are
against. ``build_fts`` loads the published articles into an FTS5 table (porter tokenizer) and a
table of their outlet and dates; ``fts_runner`` answers a ``search_bench.Query`` as the nearest
equivalent of the search page: 20 results with snippets, the count, outlet/year/month counts."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.search_bench import Query


def build_fts(path: Path) -> tuple[sqlite3.Connection, dict]:
    from archive.models import Article

    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    started = time.perf_counter()
    db.executescript("""
        CREATE VIRTUAL TABLE fts USING fts5(title, byline, body, tokenize='porter unicode61');
        CREATE TABLE meta (id INTEGER PRIMARY KEY, outlet TEXT, year TEXT, month TEXT,
                           published TEXT);
        CREATE INDEX meta_outlet ON meta(outlet);
    """)
    rows = (
        Article.objects.published().select_related("source")
        .only("id", "title", "byline", "body", "published", "source__name").order_by("pk")
    )
    batch_fts, batch_meta = [], []

    def flush():
        db.executemany("INSERT INTO fts(rowid, title, byline, body) VALUES (?,?,?,?)", batch_fts)
        db.executemany("INSERT INTO meta VALUES (?,?,?,?,?)", batch_meta)
        batch_fts.clear()
        batch_meta.clear()

    for a in rows.iterator(chunk_size=2000):
        batch_fts.append((a.id, a.title, a.byline, a.body))
        batch_meta.append((a.id, a.source.name if a.source else "Unknown outlet",
                           f"{a.published:%Y}" if a.published else None,
                           f"{a.published:%Y-%m}" if a.published else None,
                           f"{a.published:%Y-%m-%d}" if a.published else None))
        if len(batch_fts) >= 2000:
            flush()
    flush()
    db.commit()
    seconds = time.perf_counter() - started
    count = db.execute("SELECT count(*) FROM meta").fetchone()[0]
    print(f"FTS5 build: {count:,} articles in {seconds:.1f} s = {count / seconds:,.0f} articles/s")
    return db, {"seconds": seconds, "rate": count / seconds}


def fts_runner(db: sqlite3.Connection):
    """A function that runs a ``search_bench.Query`` and returns its count (0 when FTS5 cannot
    parse it)."""
    def run(q: Query) -> int:
        where = f" AND {q.where}" if q.where else ""
        base = f"FROM fts JOIN meta m ON m.id = fts.rowid WHERE fts MATCH ?{where}"  # noqa: S608
        args = (q.match, *q.args)
        try:
            snippet = "snippet(fts, 2, '<mark>', '</mark>', '…', 24)"
            db.execute(
                f"SELECT fts.rowid, fts.title, {snippet} {base} "  # noqa: S608
                f"ORDER BY {q.order} LIMIT 20 OFFSET {q.offset}", args).fetchall()
            total = db.execute(f"SELECT count(*) {base}", args).fetchone()[0]  # noqa: S608
            for column in ("outlet", "year", "month"):
                db.execute(f"SELECT m.{column}, count(*) {base} GROUP BY 1 ORDER BY 2 DESC",  # noqa: S608
                           args).fetchall()
        except sqlite3.OperationalError:  # a query FTS5 cannot parse counts as found nothing
            return 0
        return total
    return run
