"""gunicorn settings for production (``make serve``; docs/deployment.md).

Sized from the cores this process may use: one worker process per core (searches are CPU work
in Python, so more processes than cores only queue), each with two threads: a second thread
keeps a worker answering while the first waits on the disk or streams a long export, and more
threads only share the worker's one core under the GIL, so that every request in a worker takes
as long as all of them (wrk's timeouts fell from 180 to 100 a minute going from 4 threads to 2;
bench/README.md, "Production server"). Every value can
be overridden from the environment (``GUNICORN_BIND``, ``WEB_CONCURRENCY``, ``GUNICORN_THREADS``,
``GUNICORN_WORKER_CLASS``, ``GUNICORN_TIMEOUT``) or on the command line; bench/README.md
("Production server") compares threads per worker under load.
"""

import os


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", _cores()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A request that takes longer is a bug or an attack: the worker is replaced, the others go on.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Seconds a stopping worker may take to finish its requests.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then: the search index's caches and any slow leak are bounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# The app is imported once, before forking: workers share its memory (the index is opened by
# each worker, after the fork).
preload_app = True
# Behind a reverse proxy on this machine: trust its X-Forwarded-Proto for HTTPS detection.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
wsgi_app = "config.wsgi:application"
raw_env = ["DJANGO_SETTINGS_MODULE=" + os.environ.get("DJANGO_SETTINGS_MODULE",
                                                      "config.settings.prod")]


def post_fork(server, worker):
    """Nothing opened before the fork is shared: each worker opens its own database connection
    and search index (file offsets shared between processes would mix their reads)."""
    from django.db import connections
    from haystack import connections as search_connections

    connections.close_all()
    for alias in search_connections.connections_info:
        search_connections.reload(alias)
