"""`manage.py ingest`: the seed corpus, idempotency, and every kind of bad input."""

import hashlib
import json
import shutil

import pytest

from archive.ingestion import services
from archive.models import Article, CommentBlock, Source
from tests.helpers import CORPUS, SEED_FILES, run_command

pytestmark = pytest.mark.django_db


def article(prefix: str) -> Article:
    return Article.objects.select_related("source").get(file_name__startswith=prefix)


def accounted_lines(a: Article) -> list[str]:
    """Headline + body + boilerplate + comments, as lines."""
    lines = [a.headline] if a.headline else []
    lines += list(a.body.split("\n\n"))
    lines += [b["text"] for b in a.boilerplate]
    for block in a.comment_blocks.all():
        lines += [block.heading, *block.comments]
    return lines


def assert_every_line_accounted_for(a: Article) -> None:
    text = bytes(a.raw).decode(a.encoding if a.encoding != "utf-8" else "utf-8-sig")
    pieces = " ".join(accounted_lines(a))
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("date ") and stripped[5:15].count("-") == 2:
            stripped = stripped[15:].strip()  # the date marker is metadata, the rest is body
        if stripped:
            assert stripped in pieces, f"line lost by cleaning: {stripped!r}"


def test_seed_corpus_is_ingested_exactly(seeded):
    assert "5 created" in seeded.stdout
    assert Article.objects.count() == 5

    a0 = article("000_")
    assert a0.headline == "Civil Rights Groups Want To End Prosecution of Illegal Border Crossing"
    assert a0.source.slug == "breitbart"
    assert str(a0.published) == "2015-07-30"  # from its sidecar: the raw text has no date
    assert not a0.comment_blocks.exists()
    removed = {b["text"] for b in a0.boilerplate}
    assert {"AP Photo", "AP File Photo",
            "Please let us know if you're having issues with commenting."} <= removed

    a1 = article("001_")
    assert a1.headline.startswith("Civil Rights Groups Press Attorney General")
    assert a1.source.slug == "huffpost"  # the sidecar's: the raw text names no outlet
    assert str(a1.published) == "2015-07-28"
    assert "Skip to footer" in {b["text"] for b in a1.boilerplate}

    a2 = article("002_")
    assert a2.headline == "" and a2.headline_derived
    assert a2.title and a2.title != ""
    assert str(a2.published) == "2018-03-22"
    assert a2.source.name == "The Washington Times"
    block = a2.comment_blocks.get()
    assert block.heading == "Join the discussion"
    assert block.comments[0].startswith("Calling (havent-)A-CLU")
    assert block.comments[-1] == "Sounds treasonous to me."
    assert block.comment_count == len(block.comments)
    assert not any(comment in a2.body for comment in block.comments)
    kinds = {b["kind"] for b in a2.boilerplate}
    assert {"copyright", "licensing", "separator"} <= kinds

    a3 = article("003_")
    assert a3.source.slug == "reuters"
    assert str(a3.published) == "2018-04-06"
    assert a3.byline == "Sarah N. Lynch and Mica Rosenberg"
    assert any(b["kind"] == "credit" and b["text"].startswith("Reporting by")
               for b in a3.boilerplate)
    assert any("(Photo: Screen capture)" in b["text"] for b in a3.boilerplate)

    a4 = article("004_")
    assert a4.headline == "500 groups urge Obama to halt immigration police program"
    assert a4.byline == "Anna Gorman"
    assert a4.source.slug == "los-angeles-times"
    assert str(a4.published) == "2009-08-31"
    assert "Advertisement" not in a4.body and "\nShare" not in a4.body

    for a in Article.objects.all():
        raw = (CORPUS / a.file_name).read_bytes()
        assert bytes(a.raw) == raw
        assert a.raw_sha256 == hashlib.sha256(raw).hexdigest()
        assert a.word_count == len(a.body.split())
        assert_every_line_accounted_for(a)


def test_second_run_changes_nothing(seeded):
    before = {a.id: a.updated_at for a in Article.objects.all()}
    run = run_command("ingest", str(CORPUS), verbosity=1)
    assert run.ok
    assert "5 unchanged" in run.stdout
    assert {a.id: a.updated_at for a in Article.objects.all()} == before


def test_edited_file_updates_its_article_in_place(sources, corpus_copy):
    assert run_command("ingest", str(corpus_copy), verbosity=0).ok
    original = article("004_")
    path = corpus_copy / original.file_name
    path.write_bytes(path.read_bytes().replace(b"500 groups urge", b"Five hundred groups urge"))
    run = run_command("ingest", str(corpus_copy))
    assert run.ok and "1 updated" in run.stdout and "4 unchanged" in run.stdout
    updated = article("004_")
    assert updated.id == original.id
    assert updated.headline.startswith("Five hundred groups urge")
    assert updated.get_absolute_url() != original.get_absolute_url()  # new slug, same id
    assert Article.objects.count() == 5


def test_same_file_under_two_names_is_stored_once(sources, corpus_copy):
    shutil.copy(SEED_FILES[0], corpus_copy / "copy-of-000.txt")
    run = run_command("ingest", str(corpus_copy))
    assert run.ok, run.stderr
    assert "1 duplicate" in run.stdout
    assert "same bytes as 000_" in run.stderr
    assert Article.objects.count() == 5


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  \n", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "png image"),
        (b"Advertisement\n\nShare\n\nSkip to footer\n", "no article body"),
    ],
    ids=["empty", "blank-lines", "png", "boilerplate-only"],
)
def test_bad_file_fails_alone_with_a_reason(sources, corpus_copy, content, reason):
    (corpus_copy / "bad.txt").write_bytes(content)
    run = run_command("ingest", str(corpus_copy))
    assert not run.ok and run.error.returncode == 1
    assert "1 of 6 files failed" in str(run.error)
    failure = [line for line in run.stderr.splitlines() if "FAILED" in line]
    assert len(failure) == 1 and "bad.txt" in failure[0] and reason in failure[0].lower()
    assert Article.objects.count() == 5  # the batch went on
    assert not Article.objects.filter(file_name="bad.txt").exists()


def test_comments_only_file_fails(sources, tmp_path):
    path = tmp_path / "comments.txt"
    path.write_text("Join the discussion\nFirst!\nThis is outrageous.\n", encoding="utf-8")
    run = run_command("ingest", str(path))
    assert not run.ok and "no article body" in run.stderr.lower()
    assert Article.objects.count() == 0 and CommentBlock.objects.count() == 0


def test_file_over_the_size_limit_fails(sources, tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Headline\n\n" + b"word " * 100)
    run = run_command("ingest", str(path), max_bytes=100)
    assert not run.ok
    assert "big.txt" in run.stderr and "100-byte limit" in run.stderr
    assert Article.objects.count() == 0


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_other_encodings_are_decoded_and_raw_bytes_kept(sources, tmp_path, encoding):
    text = (
        "Mayor\u2019s budget plan draws fire\n\n"
        "The mayor\u2019s \u201cbold\u201d plan was criticised on Tuesday by the council, "
        "which said the numbers did not add up and asked for a new draft by Friday.\n"
    )
    raw = text.encode(encoding)
    (tmp_path / "encoded.txt").write_bytes(raw)
    run = run_command("ingest", str(tmp_path))
    assert run.ok, run.stderr
    stored = Article.objects.get()
    assert stored.headline == "Mayor\u2019s budget plan draws fire"
    assert "\u201cbold\u201d" in stored.body
    assert bytes(stored.raw) == raw


def test_sidecar_wins_over_detection(sources, tmp_path):
    shutil.copy(CORPUS / "001_0309def1f13ec770.txt", tmp_path / "story.txt")
    (tmp_path / "story.json").write_text(json.dumps({
        "url": "https://example.com/2015/09/border",
        "source": "The Huffington Post Desk",
        "published": "2015-09-29",
        "byline": "Roque Planas",
        "headline": "A better headline",
    }))
    run = run_command("ingest", str(tmp_path))
    assert run.ok, run.stderr
    stored = Article.objects.select_related("source").get()
    assert stored.headline == stored.title == "A better headline"
    assert str(stored.published) == "2015-09-29"
    assert stored.byline == "Roque Planas"
    assert stored.url == "https://example.com/2015/09/border"
    assert stored.source.name == "The Huffington Post Desk"
    assert run_command("ingest", str(tmp_path)).stdout.count("1 unchanged") == 1


def test_sidecar_with_a_bad_date_fails_the_file_and_writes_nothing(sources, tmp_path):
    shutil.copy(SEED_FILES[0], tmp_path / "story.txt")
    (tmp_path / "story.json").write_text(json.dumps({"published": "2018-02-30"}))
    run = run_command("ingest", str(tmp_path))
    assert not run.ok
    assert "story.txt" in run.stderr and "not a date" in run.stderr
    assert Article.objects.count() == 0


def test_dry_run_writes_nothing(sources):
    run = run_command("ingest", str(CORPUS), dry_run=True)
    assert run.ok and "Dry run" in run.stdout and "5 created" in run.stdout
    assert Article.objects.count() == 0


def test_globs_and_folders(sources, corpus_copy):
    nested = corpus_copy / "nested" / "deeper"
    nested.mkdir(parents=True)
    shutil.move(corpus_copy / SEED_FILES[1].name, nested / SEED_FILES[1].name)
    (corpus_copy / "notes.md").write_text("# not an article")
    run = run_command("ingest", str(corpus_copy / "00[0-2]_*.txt"), str(nested))
    assert run.ok, run.stderr
    assert Article.objects.count() == 3
    assert run_command("ingest", str(corpus_copy)).ok
    assert Article.objects.count() == 5


def test_a_path_that_matches_nothing_is_a_clear_error(db, tmp_path):
    run = run_command("ingest", str(tmp_path / "missing"))
    assert not run.ok and "no such file" in str(run.error)


def test_a_failure_while_writing_leaves_nothing_half_written(sources, monkeypatch):
    build = services._new_comment_block

    def explode(article, parsed):
        if parsed.comments is not None:
            raise RuntimeError("disk on fire")
        return build(article, parsed)

    monkeypatch.setattr(services, "_new_comment_block", explode)
    run = run_command("ingest", str(CORPUS))
    assert not run.ok and "disk on fire" in run.stderr
    # 002 has comments: its article must not exist without them; the other four are fine.
    assert not Article.objects.filter(file_name__startswith="002_").exists()
    assert Article.objects.count() == 4


def test_sources_fixture_loads_idempotently_without_overwriting_edits(db):
    assert run_command("load_sources").ok
    count = Source.objects.count()
    assert count >= 30
    Source.objects.filter(slug="reuters").update(signatures="edited by an admin")
    run = run_command("load_sources")
    assert run.ok and f"{count} already known" in run.stdout
    assert Source.objects.get(slug="reuters").signatures == "edited by an admin"
