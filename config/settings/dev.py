"""Local development: the zero-setup default (SQLite and the index under ``var/``)."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A development-only key: prod.py refuses to start without a real SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
# Mails (alerts, password resets) are printed on the console unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = (
    os.environ.get("EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend"
)
