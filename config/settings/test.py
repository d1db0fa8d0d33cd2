"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import atexit
import shutil
import tempfile
import warnings
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105 (tests only)
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A naive datetime is a bug: make it fail loudly in tests.
warnings.filterwarnings(
    "error", r"DateTimeField .* received a naive datetime", RuntimeWarning, r"django\.db\.models"
)

# A throw-away search index per test run, never var/ (tests/conftest.py clears it per test).
HAYSTACK_CONNECTIONS["default"]["PATH"] = tempfile.mkdtemp(prefix="clippings-test-index-")  # noqa: F405
atexit.register(shutil.rmtree, HAYSTACK_CONNECTIONS["default"]["PATH"], ignore_errors=True)  # noqa: F405
# ...and the index-writer lock beside it (search/indexing/outbox.py).
_WRITER_LOCK = Path(HAYSTACK_CONNECTIONS["default"]["PATH"] + ".writer.lock")  # noqa: F405
atexit.register(_WRITER_LOCK.unlink, missing_ok=True)
