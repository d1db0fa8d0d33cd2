"""An ingest's drain in the background: the batch's segment is built by the builder process and
committed from a thread while the caller goes on; its rows go only after that commit, and the
index is then the one a foreground drain makes (``outbox.run_in_background``)."""

from __future__ import annotations

import multiprocessing

import pytest
from django.core.management import call_command
from haystack import connections

from search.engine import builder_process
from search.indexing import outbox
from search.indexing.sync import expected_identifiers
from search.models import IndexOutbox
from tests.factories import make_article
from tests.helpers import run_command

from .batch_index import add_articles, assert_same, prepared_documents, reference_index


@pytest.fixture
def in_background():
    outbox.run_in_background()
    yield
    outbox.run_in_background(False)


@pytest.fixture
def submitted(monkeypatch) -> list[int]:
    """How many documents each batch sent to the builder process had."""
    sizes = []
    submit = builder_process.BuilderProcess.submit
    monkeypatch.setattr(
        builder_process.BuilderProcess,
        "submit",
        lambda self, *args: sizes.append(len(args[2])) or submit(self, *args),
    )
    return sizes


def _indexed() -> set[str]:
    return connections["default"].get_backend().indexed_identifiers()


@pytest.mark.django_db
def test_a_background_drain_commits_the_same_index_and_then_drops_its_rows(
    tmp_path, search_index, on_commit, in_background, submitted
):
    with on_commit():
        add_articles(40)
    outbox.settle()
    assert submitted and sum(submitted) >= 40  # built by the builder process
    assert not IndexOutbox.objects.exists()
    with on_commit():  # a second batch: the same builder process, its word table warm
        add_articles(20, seed=4)
    outbox.settle()
    assert not IndexOutbox.objects.exists()
    assert _indexed() == expected_identifiers()[0]
    backend = connections["default"].get_backend()
    backend.index = backend.index.refresh()
    reference = reference_index(
        tmp_path / "reference", backend.schema, prepared_documents(), like=backend.index
    )
    assert_same(backend.index, reference)


@pytest.mark.django_db
def test_a_failed_background_write_leaves_its_rows_for_the_next_drain(
    search_index, on_commit, in_background, monkeypatch
):
    def fail(self):
        self._busy = False
        self._connection.recv()
        raise builder_process.BuildFailed("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(builder_process.BuilderProcess, "result", fail)
        with on_commit():
            first = make_article(title="Levee report", body="The levee held.")
        outbox.settle()
    assert list(IndexOutbox.objects.values_list("article_id", flat=True)) == [first.pk]
    assert _indexed() == set()
    assert not outbox._background.enabled  # what failed is retried in the foreground
    with on_commit():
        make_article(title="Harbour news", body="Boats.")
    assert not IndexOutbox.objects.exists()
    assert _indexed() == expected_identifiers()[0] and len(_indexed()) == 2


@pytest.mark.django_db(transaction=True)
def test_the_ingest_command_builds_in_the_background_and_returns_with_the_index_complete(
    search_index, corpus_copy, submitted
):
    """``ingest`` switches its process to background writes (``ingest_starting``) and, through
    ``ingest_finished``, commits the last one before it returns: nothing is left pending for an
    exit handler, no builder process is left running, and the process writes in the foreground
    again afterwards."""
    call_command("load_sources", verbosity=0)
    run = run_command("ingest", str(corpus_copy))
    assert run.ok, run.stderr
    assert submitted  # the segment was built by the builder process
    assert outbox._background.pending is None and not outbox._background.enabled
    assert not IndexOutbox.objects.exists()
    assert _indexed() == expected_identifiers()[0] and len(_indexed()) >= 5
    # No builder is left idle: a forked child keeps the process's sockets and pipes open.
    assert not [child for child in multiprocessing.active_children()
                if child.name == "clippings-segment-builder"]
