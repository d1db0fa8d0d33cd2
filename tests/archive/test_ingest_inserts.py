"""New articles are written by ``archive.ingestion.inserts`` (rows prepared a column at a time
from ``Model._meta``) instead of ``bulk_create_with_history``: the database must hold exactly the
same rows either way, on SQLite and on PostgreSQL, history included."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import isolate_apps
from simple_history.utils import bulk_create_with_history

from archive.ingestion import inserts, services
from archive.models import Article, CommentBlock, Source, TemplateLine
from bench.generate import generate
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

# Set by the database at each write: checked present, not compared.
STAMPS = {"id", "created_at", "updated_at", "history_id", "history_date"}


def table(queryset, *, key, links=()) -> list[dict]:
    """Every column of the rows, ids replaced by what they stand for (a file name, an outlet's
    slug), timestamps checked and left out."""
    names = {a.pk: a.file_name for a in Article.objects.all()}
    ids = {
        "article": names,
        "block": {b.pk: (names[b.article_id], b.position) for b in CommentBlock.objects.all()},
        "source": dict(Source.objects.values_list("pk", "slug")),
    }
    rows = []
    for row in queryset.values():
        for stamp in STAMPS & row.keys():
            assert row[stamp] is not None
        row = {k: v for k, v in row.items() if k not in STAMPS or k == "id"}
        row["id"] = ids[key][row["id"]] if key else None
        for link, kind in [*((link, "article") for link in links), ("source_id", "source")]:
            if row.get(link) is not None:
                row[link] = ids[kind][row[link]]
        if "raw" in row:
            row["raw"] = bytes(row["raw"])
        rows.append(row)
    return sorted(rows, key=repr)


def database() -> dict[str, list[dict]]:
    history_article = Article.history.model.objects.all()
    history_block = CommentBlock.history.model.objects.all()
    return {
        "articles": table(Article.objects.all(), key="article", links=["merged_into_id"]),
        "article history": table(history_article, key="article", links=["merged_into_id"]),
        "comment blocks": table(CommentBlock.objects.all(), key="block", links=["article_id"]),
        "comment block history": table(history_block, key="block", links=["article_id"]),
        "outlets": table(Source.objects.all(), key="source"),
        "template lines": table(TemplateLine.objects.all(), key=None),
    }


def wipe() -> None:
    Article.objects.all().delete()  # (and their comment blocks)
    Article.history.model.objects.all().delete()
    CommentBlock.history.model.objects.all().delete()
    TemplateLine.objects.all().delete()
    Source.objects.exclude(pk__in=list(FIXTURE_OUTLETS)).delete()


FIXTURE_OUTLETS: set[int] = set()


@pytest.fixture
def pages(sources, tmp_path):
    """126 pages: 120 generated (reader comments, sidecars, some naming new outlets), and six
    whose footer is learnt as a template line."""
    FIXTURE_OUTLETS.clear()
    FIXTURE_OUTLETS.update(Source.objects.values_list("pk", flat=True))
    folder = tmp_path / "scrape"
    generate(folder, 120, seed=9, progress=False, comment_rate=0.4, sidecar_rate=0.3)
    for n in range(6):  # a site's footer, learnt as a template line and removed from all six
        (folder / f"gazette-{n}.txt").write_text(
            f"Harbour news number {n}\n\nThe council met on day {n} and voted on the budget "
            f"for the harbour works.\n\nRead more from the Gazette every morning at dawn.\n")
    return folder


def test_the_fast_insert_stores_what_bulk_create_with_history_stores(pages, monkeypatch):
    calls = []
    real = inserts.insert_with_history
    monkeypatch.setattr(services, "insert_with_history",
                        lambda objs, model: calls.append(model) or real(objs, model))
    fast = run_command("ingest", str(pages), workers=1)
    assert fast.ok, fast.stderr
    assert calls.count(Article) == 1 and calls.count(CommentBlock) == 1  # one bulk batch
    written = database()
    wipe()

    monkeypatch.setattr(services, "insert_with_history",
                        lambda objs, model: bulk_create_with_history(objs, model))
    orm = run_command("ingest", str(pages), workers=1)
    assert orm.stdout.splitlines()[-1] == fast.stdout.splitlines()[-1]
    assert database() == written
    assert len(written["articles"]) == 126
    created = [row for row in written["article history"] if row["history_type"] == "+"]
    assert len(created) == 126  # (and "~" rows: the six re-parsed without their footer)
    assert len(written["comment blocks"]) == len(written["comment block history"]) > 20
    assert written["template lines"] and any(a["sidecar"] for a in written["articles"])

    again = run_command("ingest", str(pages), workers=1)  # idempotent: nothing more written
    assert "126 files: 0 created, 0 updated, 126 unchanged" in again.stdout
    assert database() == written


def test_values_of_every_kind_go_in_as_the_orm_puts_them(db):
    """Dates, JSON (nested, non-ASCII, empty), bytes of every value, empty and NULL links,
    booleans, long text: the same row as ``bulk_create_with_history``, column for column."""
    outlet = Source.objects.create(name="Ñews", slug="news")

    def fresh(n, way):
        return Article(
            title=f"Tïtle {n}", headline="", headline_derived=True, slug="t", body="x\n\ny" * 50,
            raw=bytes(range(256)) * 3, raw_sha256=f"{way}{n}" * 32, file_name=f"{way}{n}/ñ.txt",
            published=dt.date(1999, 12, 31) if n else None, source=outlet if n else None,
            boilerplate=[{"kind": "share", "text": "“Share” 😀", "line": 3}], sidecar={},
            parse_notes=["a", {"b": [1, 2.5, None, True]}], word_count=2**31 - 1,
        )

    mine, theirs = [fresh(0, "a"), fresh(1, "a")], [fresh(0, "b"), fresh(1, "b")]
    inserts.insert_with_history(mine, Article)
    bulk_create_with_history(theirs, Article)
    assert all(a.pk and not a._state.adding and a._state.db == "default" for a in mine)
    stored = {a.pk: a for a in Article.objects.all()}
    histories = {h.id: h for h in Article.history.all()}
    for new, old in zip(mine, theirs, strict=True):
        for field in Article._meta.concrete_fields:
            if field.attname in ("id", "file_name", "raw_sha256", "created_at", "updated_at"):
                continue
            assert field.value_from_object(stored[new.pk]) == \
                field.value_from_object(stored[old.pk]), field.name
        for field in Article.history.model._meta.concrete_fields:
            if field.attname in STAMPS | {"file_name", "raw_sha256"}:
                continue
            assert field.value_from_object(histories[new.pk]) == \
                field.value_from_object(histories[old.pk]), field.name
        assert histories[new.pk].created_at == stored[new.pk].created_at


def test_values_passed_unprepared_are_those_django_would_send_unchanged(db):
    """The fields whose values go in as they are return them unchanged from
    ``get_db_prep_save`` on this database."""
    samples = {str: "a ’ b", int: 2**40, bool: True}
    checked = 0
    for model in (Article, CommentBlock, Article.history.model, CommentBlock.history.model):
        for field in model._meta.concrete_fields:
            kind = inserts.unchanged_type(field)
            if kind is not None:
                value = samples[kind]
                assert field.get_db_prep_save(value, connection) is value, field
                assert field.get_db_prep_save(None, connection) is None, field
                checked += 1
    assert checked > 20


def test_a_failing_row_leaves_nothing_written(db):
    """A row the database refuses (a second article with the same bytes) fails the statement:
    neither articles nor history rows are left, and the instances get no key."""
    Article.objects.create(title="T", body="b", raw=b"r", raw_sha256="f" * 64, file_name="a")
    batch = [Article(title="T", body="b", raw=b"r", raw_sha256=f"{n}" * 64, file_name=f"b{n}")
             for n in range(3)]
    batch[2].raw_sha256 = "f" * 64
    with pytest.raises(IntegrityError), transaction.atomic():
        inserts.insert_with_history(batch, Article)
    assert Article.objects.count() == 1 and Article.history.count() == 1
    assert all(a.pk is None for a in batch)


@isolate_apps("django.contrib.contenttypes")
def test_what_is_not_supported_is_refused():
    class Stamped(models.Model):  # noqa: DJ008 - a model of this test alone, in no migration
        made = models.DateTimeField(db_default=models.functions.Now())

        class Meta:
            app_label = "contenttypes"

    with pytest.raises(Exception, match="not written"):
        inserts.insert_with_history([Stamped()], Stamped)
