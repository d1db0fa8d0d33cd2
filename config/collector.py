"""The garbage collector of a serving process: what the application loaded is frozen, and young
objects are collected less often.

Measured at 100,000 articles (bench/README.md, "The engine's part for few-hit kinds, fuzzy and
GC"): with CPython's defaults a full collection walked the ~100,000 objects the loaded site holds
(modules, classes, functions, URL patterns, templates) and took 50-150 ms, landing on one search
of the benchmark's mix as that kind's p95; and a young collection ran every 700 allocations,
~930 of them over 422 searches.

- ``gc.freeze()`` after loading moves every object that exists then out of the collector's
  reach: a full collection walks only what was made since. gunicorn loads the application
  before forking (``preload_app``), so every worker starts with them frozen, and a collection
  no longer writes to the pages the workers share with the master. An object frozen here that
  later becomes garbage only through a reference cycle is never freed; what the application
  holds at start-up lives as long as the process, and workers are recycled (``max_requests``).
- ``YOUNG_THRESHOLD`` allocations (CPython's default: 700) between young collections: a search
  page makes tens of thousands, most freed by reference counting. Frozen, over two mixes: 700 gave
  ~940 collections, 7 of them above 10 ms (full ones); 10,000 gave 52, 12-16 above 10 ms (each
  freeing a page's worth of cyclic garbage at once); 5,000 gave 104, 1-7 above 10 ms, none
  above 25 ms. Cyclic garbage waits a little longer to be freed (the serving process's RSS
  after the mix: 136 -> 140 MB).
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 5_000


def settle() -> None:
    """Collect what loading left, freeze what remains, and collect young objects less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
