"""`manage.py ingest` gives the same archive however it works: parsing in worker processes
(``--workers``), new articles created together in bulk, or one file at a time."""

import os
import shutil

import pytest

from archive.ingestion import services
from archive.models import Article, CommentBlock
from bench.generate import generate
from tests.helpers import SEED_FILES, run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(tmp_path):
    """60 generated pages, many with reader comments, some with sidecars."""
    folder = tmp_path / "scrape"
    generate(folder, 60, seed=5, progress=False, comment_rate=0.4, sidecar_rate=0.1)
    return folder


@pytest.fixture
def scrape(pages):
    """The pages plus the awkward cases: a copy under a second name, a file whose name is also
    used in a sub-folder (its own article: issue 13), an empty file and a boilerplate-only
    file."""
    folder = pages
    first = sorted(folder.glob("*.txt"))[0]
    shutil.copy(first, folder / "copy-of-first.txt")
    (folder / "sub").mkdir()
    shutil.copy(SEED_FILES[4], folder / "sub" / first.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "furniture.txt").write_bytes(b"Advertisement\n\nShare\n")
    return folder


def archive() -> list[tuple]:
    rows = []
    for a in Article.objects.select_related("source").order_by("file_name", "raw_sha256"):
        blocks = [(b.heading, b.position, b.comments, b.comment_count)
                  for b in a.comment_blocks.order_by("position")]
        rows.append((a.file_name, a.raw_sha256, a.title, a.slug, a.headline_derived,
                     a.source.slug if a.source else None, a.published, a.byline, a.url, a.body,
                     a.boilerplate, a.word_count, a.encoding, a.sidecar, a.parse_notes, blocks,
                     a.history.count()))
    return rows


def ingest(folder, workers: int):
    run = run_command("ingest", str(folder), workers=workers, verbosity=2)
    # (Not "Indexed N articles left pending…": the test's transaction never commits, so the
    # second run finishes the first one's index writes, as after a crash.)
    lines = sorted(line for line in (run.stdout + run.stderr).splitlines()
                   if not line.startswith(("created", "updated", "unchanged", "Indexed ")))
    return run, lines


def test_worker_processes_and_bulk_creation_give_the_same_archive(sources, scrape):
    one_run, one_messages = ingest(scrape, workers=1)
    one = archive()
    Article.objects.all().delete()
    Article.history.all().delete()
    pool_run, pool_messages = ingest(scrape, workers=2)

    assert archive() == one
    assert pool_messages == one_messages
    assert str(pool_run.error) == str(one_run.error) == "2 of 64 files failed (reasons above)."
    summary = "64 files: 61 created, 0 updated, 0 unchanged, 1 duplicate, 2 failed."
    assert summary in one_run.stdout and summary in pool_run.stdout
    assert CommentBlock.objects.filter(comment_count__gt=0).count() > 10

    # A re-run writes nothing: the two files that share a name are two articles (issue 13).
    again, _ = ingest(scrape, workers=2)
    assert "64 files: 0 created, 0 updated, 61 unchanged, 1 duplicate, 2 failed." in again.stdout
    assert [row[:-1] for row in archive()] == [row[:-1] for row in one]  # all but history


@pytest.mark.parametrize("workers", [1, 2])
def test_a_write_failure_in_a_bulk_batch_fails_that_file_alone(sources, pages, monkeypatch,
                                                                workers):
    build = services._new_comment_block
    victims = []

    def explode(article, parsed):
        """Fail, every time, for the first article that has reader comments."""
        if parsed.comments is not None and not victims:
            victims.append(article.file_name)
        if victims and article.file_name == victims[0]:
            raise RuntimeError("disk on fire")
        return build(article, parsed)

    monkeypatch.setattr(services, "_new_comment_block", explode)
    run, _ = ingest(pages, workers=workers)
    assert not run.ok and "1 of 60 files failed" in str(run.error)
    [failed] = [line for line in run.stderr.splitlines() if "FAILED" in line]
    assert victims[0] in failed and "disk on fire" in failed
    assert "60 files: 59 created, 0 updated, 0 unchanged, 0 duplicate, 1 failed." in run.stdout
    assert not Article.objects.filter(file_name=victims[0]).exists()
    assert Article.objects.count() == 59
    assert all(a.history.count() == 1 for a in Article.objects.all())


def test_a_run_collects_garbage_less_often_and_restores_the_setting(sources, tmp_path,
                                                                     monkeypatch):
    import gc

    from archive.ingestion import run as run_module

    seen = []
    real = services.create_parsed_articles
    monkeypatch.setattr(run_module, "create_parsed_articles",
                        lambda **kw: seen.append(gc.get_threshold()[0]) or real(**kw))
    before = gc.get_threshold()
    shutil.copy(SEED_FILES[0], tmp_path / SEED_FILES[0].name)
    result = run_command("ingest", str(tmp_path))
    assert result.ok, result.stderr
    assert seen == [run_module.GC_THRESHOLD]  # raised while the batch was written
    assert gc.get_threshold() == before  # and put back afterwards


@pytest.mark.skipif(not hasattr(os, "nice"), reason="process priorities (POSIX)")
def test_parse_workers_defer_to_the_writing_process():
    """The writer is the one serial step: the workers run at a lower priority, the writer's own
    is left alone."""
    from archive.ingestion.parallel import WORKER_NICENESS, ParsePool

    before = os.nice(0)
    with ParsePool([], max_bytes=1000, workers=2) as pool:
        niceness = {pool._pool.apply(os.nice, (0,)) for _ in range(4)}
        parsed = pool.submit([b"A headline\n\nA body of text, long enough to keep."]).get()
    assert niceness == {min(before + WORKER_NICENESS, 19)}
    assert os.nice(0) == before
    assert parsed[0][0].title == "A headline"


def test_parse_tasks_are_bounded_in_files_and_in_bytes():
    """Many small text files go 25 to a task; saved pages, ~40 times a text file's work each,
    go a few to a task, so that the last task of a run does not keep one worker busy alone."""
    from archive.ingestion.parallel import CHUNK, CHUNK_BYTES, Document, chunked

    texts = [b"x" * 100 for _ in range(2 * CHUNK + 5)]
    assert [len(chunk) for chunk in chunked(texts)] == [CHUNK, CHUNK, 5]
    pages = [Document(bytes([n]) * (CHUNK_BYTES // 3), "html") for n in range(7)]
    tasks = list(chunked(pages))
    assert [len(task) for task in tasks] == [3, 3, 1]
    assert [document for task in tasks for document in task] == pages  # order kept
    huge = Document(b"h" * (2 * CHUNK_BYTES), "html")
    assert list(chunked([huge, pages[0]])) == [[huge], [pages[0]]]
