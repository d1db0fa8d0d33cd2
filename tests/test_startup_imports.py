"""What a process imports at start-up: numpy, scipy and datasketch (about 85 MB resident) only
where same-story clustering runs, not in every process that serves pages or the admin."""

import json
import os
import subprocess
import sys

from tests.helpers import ROOT

HEAVY = ("datasketch", "numpy", "scipy")


def imported_after(code: str) -> list[str]:
    """Which of ``HEAVY`` a fresh process has imported after Django's set-up and ``code``."""
    script = (
        "import django, json, sys\n"
        "django.setup()\n"
        f"{code}\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_serving_and_the_admin_do_not_import_the_clustering_libraries():
    code = (
        "from django.urls import resolve\n"
        "import archive.admin, search.views, archive.ingestion.services\n"
        "import newsroom.extraction.clusters, newsroom.extraction.pipeline\n"
        "resolve('/search/')"
    )
    assert imported_after(code) == []


def test_clustering_imports_them_when_it_runs():
    code = (
        "from newsroom.extraction.clusters import ClusterSettings, fingerprint, band_keys\n"
        "fp = fingerprint('The council met on Monday to discuss the harbour budget.', "
        "ClusterSettings())\n"
        "assert band_keys(fp, ClusterSettings())"
    )
    assert {"datasketch", "numpy"} <= set(imported_after(code))
