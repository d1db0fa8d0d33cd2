"""What the benchmarks that run the real commands in child processes share: the machine's load,
a throw-away PostgreSQL database, and the environment a child runs the project with."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def recreate_postgres(name: str, *, drop_only: bool = False) -> None:
    """Drop the database ``name`` (closing its connections) and, unless ``drop_only``, create it
    again empty."""
    import psycopg2

    connection = psycopg2.connect(f"{PG_SERVER}/postgres", connect_timeout=5)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def environment(database: str, data_dir: Path, pg_database: str) -> dict:
    """A child's environment: development settings with DEBUG off, its own data folder, and
    ``pg_database`` when ``database`` is "postgres" (else the folder's SQLite)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0",
               CLIPPINGS_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    if database == "postgres":
        env["DATABASE_URL"] = f"{PG_SERVER}/{pg_database}"
    return env
