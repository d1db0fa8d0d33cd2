import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.helpers import CORPUS, SEED_FILES, run_command


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
