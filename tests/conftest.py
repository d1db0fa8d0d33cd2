import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.helpers import CORPUS, SEED_FILES, run_command

# Property-based tests (Hypothesis): few examples while developing, many in CI (.ci/run sets
# HYPOTHESIS_PROFILE=ci). No deadline: the machine is shared and timings are noise; function
# fixtures (the test database, the client) hold for every example of a test, as intended.
_HYPOTHESIS = {"suppress_health_check": [HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow],
               "deadline": None}
hypothesis_settings.register_profile("dev", max_examples=40, **_HYPOTHESIS)
hypothesis_settings.register_profile("ci", max_examples=300, database=None, **_HYPOTHESIS)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def search_index():
    """An empty search index for every test, in the test run's temporary directory (never var/).

    haystack keeps its own reference to HAYSTACK_CONNECTIONS, so the path is set in place and the
    connection reloaded rather than overridden."""
    from haystack import connections

    path = Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    shutil.rmtree(path, ignore_errors=True)
    connections.reload("default")
    yield path
    shutil.rmtree(path, ignore_errors=True)
    connections.reload("default")


@pytest.fixture
def sources(db):
    call_command("load_sources", verbosity=0)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the shipped corpus."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def seeded(sources):
    """The five seed articles ingested."""
    run = run_command("ingest", str(CORPUS))
    assert run.ok, run.stderr
    return run


@pytest.fixture
def indexed(sources, django_capture_on_commit_callbacks):
    """The seed corpus ingested and indexed (ingest indexes each batch when its transaction
    commits; the callbacks run here as a real commit would run them)."""
    with django_capture_on_commit_callbacks(execute=True):
        run = run_command("ingest", str(CORPUS))
    assert run.ok, run.stderr
    return run


@pytest.fixture
def outlet(db):
    """One outlet for the reading, sharing and export tests."""
    from tests.factories import make_source

    return make_source("The Harbour Gazette", slug="harbour-gazette", domain="gazette.example")
