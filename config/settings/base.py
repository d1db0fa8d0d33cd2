"""Settings shared by every environment. Everything secret or machine-specific comes from the
environment (see ``.env.example``); the defaults are safe for a local machine."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


# Where the embedded database, the search index and other run-time data live (git-ignored).
DATA_DIR = Path(os.environ.get("CLIPPINGS_DATA_DIR") or BASE_DIR / "var").resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    # The admin with the Clippings site (attention panel on the index): archive/apps.py.
    "archive.apps.ClippingsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: its runserver never shows debug pages off loopback (config/apps.py).
    "config.apps.ServingConfig",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Three layered apps: each imports only the ones above it here (docs/architecture.md).
    # Before haystack, so that search's update_index (which rebuild_index calls) replaces
    # haystack's: it builds the whole index on every core (search/indexing/bulk.py).
    "archive.apps.ArchiveConfig",
    "newsroom.apps.NewsroomConfig",
    "search.apps.SearchConfig",
    "haystack",
    "simple_history",
    # Admin hardening (issue 13): login throttling, opt-in two-factor sign-in (TOTP).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the application server itself, compressed and cached (docs/deployment.md).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (archive/admin/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the admin user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Answers a locked-out login with 429 (last, as django-axes asks).
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'clippings.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers (the web) and a writer (an ingest) work side by side. Writers wait for
    # each other instead of failing with "database is locked": every transaction takes the write
    # lock when it begins (IMMEDIATE; a DEFERRED one that reads first and then writes cannot
    # wait, SQLite fails it at once), and a writer waits up to SQLITE_BUSY_TIMEOUT seconds for
    # another's transaction (an ingest batch holds the lock for a few seconds at most).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "60")),
        }
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Article bodies and raw pages are TOASTed: lz4 compresses them several times faster than
    # PostgreSQL's default pglz, which was a large share of the server's CPU during ingestion.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c default_toast_compression=lz4"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served by whitenoise. Production (prod.py) serves hashed, compressed copies that collectstatic
# writes to STATIC_ROOT; elsewhere the files are found where they are, nothing is collected.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "search:saved-searches"
LOGOUT_REDIRECT_URL = "archive:home"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # reset and invitation links work for three days

# E-mail (alerts, password resets, invitations): Django's backend. Production sends by SMTP with
# the settings below; dev prints mails on the console (EMAIL_BACKEND there), or writes them to
# files with EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend and EMAIL_FILE_PATH.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or "30")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "Clippings <alerts@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account (from
# anywhere) or from one address (for any account), that account or address is refused (429) for
# AXES_COOLOFF_TIME; a successful sign-in clears the account's count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind N reverse proxies that append to X-Forwarded-For, the client is the Nth address from
# the right (never trust the header without a proxy: anyone could pick their address).
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
CLIPPINGS_PROXY_COUNT = int(os.environ.get("CLIPPINGS_PROXY_COUNT", "0"))
# Two-factor sign-in: the name authenticator apps show.
OTP_TOTP_ISSUER = "Clippings"

# --- Clippings ---------------------------------------------------------------------------------
# Files larger than this are refused by `ingest` (overridable with --max-bytes).
CLIPPINGS_MAX_FILE_BYTES = int(os.environ.get("CLIPPINGS_MAX_FILE_BYTES", 10 * 1024 * 1024))
CLIPPINGS_CORPUS_DIR = BASE_DIR / "corpus"
# A line found in at least this many articles of one outlet (or file-name prefix) is that
# outlet's page template: removed from bodies as furniture (search/parsing/templates.py).
CLIPPINGS_TEMPLATE_MIN_ARTICLES = int(os.environ.get("CLIPPINGS_TEMPLATE_MIN_ARTICLES", 5))
# Absolute permalinks outside a request (exports, feeds built by commands).
CLIPPINGS_SITE_URL = os.environ.get("CLIPPINGS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Run the newsroom's extraction (entities, quotes, same-story clusters) on every ingested article.
CLIPPINGS_INTELLIGENCE_AT_INGEST = env_bool("CLIPPINGS_INTELLIGENCE_AT_INGEST", True)
# Same-story clustering: MinHash Jaccard thresholds for bodies and quotes, and permutations.
CLIPPINGS_STORY_BODY_THRESHOLD = 0.5
CLIPPINGS_STORY_QUOTE_THRESHOLD = 0.15
CLIPPINGS_STORY_NUM_PERM = 128

# Search: our Whoosh backend (search/engine/); the index lives beside the database. Views use
# only the haystack API, so another haystack engine can be configured here alone.
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "search.engine.whoosh.ClippingsWhooshEngine",
        "PATH": str(DATA_DIR / "whoosh"),
        "INCLUDE_SPELLING": True,
        "BATCH_SIZE": 1000,
    }
}
# Index after the database transaction commits (search/indexing/signals.py).
HAYSTACK_SIGNAL_PROCESSOR = "search.indexing.signals.OnCommitSignalProcessor"
HAYSTACK_ITERATOR_LOAD_PER_QUERY = 1000
