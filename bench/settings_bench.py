"""Settings for ``bench/ingest_bench.py``: the real app, measuring ingestion alone.

The database comes from ``DATABASE_URL`` (the benchmark points it at a throw-away SQLite file or
PostgreSQL database) and ``CLIPPINGS_DATA_DIR`` (a temporary directory), exactly as in
production. What is switched off is what issue 2's figure excludes: search indexing (haystack's
base signal processor never indexes, so ``ingest``'s ``bulk_indexing()`` has nothing to index)
and the newsroom-intelligence pass at ingest (measured in its own section of bench/README.md).
Tables are created by the real migrations.
"""

import os
import tempfile

from config.settings.base import *  # noqa: F403

SECRET_KEY = "bench-only-insecure-key"  # noqa: S105 (benchmarks only)
DEBUG = False  # DEBUG would keep every SQL query in memory
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
# The index (if a benchmark writes one) lives in the benchmark's CLIPPINGS_DATA_DIR, as in
# production; without one, in a temporary directory: never var/.
if not os.environ.get("CLIPPINGS_DATA_DIR"):
    HAYSTACK_CONNECTIONS["default"]["PATH"] = tempfile.mkdtemp(prefix="clippings-bench-index-")  # noqa: F405
CLIPPINGS_INTELLIGENCE_AT_INGEST = False

