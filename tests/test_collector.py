"""The serving process's garbage collector (``config.collector``): the loaded application is
frozen and young objects are collected less often, as ``config.wsgi`` (what gunicorn loads)
leaves it."""

import gc
import json
import os
import subprocess
import sys

from config.collector import YOUNG_THRESHOLD, settle
from tests.helpers import ROOT


def test_settle_freezes_what_exists_and_raises_the_young_threshold():
    before = gc.get_threshold()
    try:
        settle()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_THRESHOLD, before[1], before[2])
        made_after = [object()]  # a container made after the freeze is still collected
        assert gc.is_tracked(made_after)
        assert made_after in gc.get_objects()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_wsgi_application_is_loaded_with_the_collector_settled():
    script = (
        "import gc, json\n"
        "import config.wsgi\n"
        "from django.urls import resolve\n"
        "print(json.dumps([gc.get_freeze_count(), gc.get_threshold()[0],\n"
        "                  resolve('/search/').url_name]))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    frozen, threshold, view = json.loads(run.stdout.strip().splitlines()[-1])
    assert frozen > 10_000  # Django, the apps, their URL patterns
    assert threshold == YOUNG_THRESHOLD
    assert view == "search"
