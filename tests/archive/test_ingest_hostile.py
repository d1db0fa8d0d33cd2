"""Issue 13: ingest never aborts and never overwrites. Every failure of the issue, through
``manage.py ingest`` (``call_command``): each bad file is one line and the run goes on."""

import json
import os
from pathlib import Path

import pytest

from archive.models import Article, Source
from tests.factories import make_source
from tests.helpers import folder_listing_fails, run_command

pytestmark = pytest.mark.django_db


def write(path: Path, text: str = "", *, sidecar: dict | str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text or f"Headline of {path.stem}\n\nThe body of {path.stem}, a few words.\n")
    if sidecar is not None:
        data = sidecar if isinstance(sidecar, str) else json.dumps(sidecar)
        path.with_suffix(".json").write_text(data)
    return path


def ingest(*paths, **options):
    return run_command("ingest", *map(str, paths), **options)


def failures(run) -> list[str]:
    return [line for line in run.stderr.splitlines() if line.startswith("FAILED")]


def test_a_file_name_that_is_not_utf8_fails_alone(tmp_path):
    for n in range(5):
        write(tmp_path / f"ok{n}.txt")
    bad = os.path.join(os.fsencode(tmp_path), b"bad\xff\xfename.txt")
    with open(bad, "wb") as handle:
        handle.write(b"A headline\n\nA body of a few words.\n")
    run = ingest(tmp_path)
    assert Article.objects.count() == 5
    assert failures(run) == [
        f"FAILED {tmp_path}/bad\\xff\\xfename.txt: the file name is not valid UTF-8: "
        "rename the file"
    ]
    assert "6 files: 5 created, 0 updated, 0 unchanged, 0 duplicate, 1 failed." in run.stdout


def test_a_sidecar_nested_10000_deep_fails_alone(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "deep.txt", sidecar="[" * 10_000 + "]" * 10_000)
    write(tmp_path / "z.txt")
    run = ingest(tmp_path)
    assert failures(run) == [f"FAILED {tmp_path}/deep.txt: sidecar deep.json is nested too "
                             "deeply to be a sidecar"]
    assert sorted(Article.objects.values_list("file_name", flat=True)) == ["a.txt", "z.txt"]


def test_anything_going_wrong_with_one_file_fails_it_alone(tmp_path, monkeypatch):
    from archive.ingestion import inputs as ingest_run

    real = ingest_run.read_sidecar

    def broken(path):
        if path.name == "cursed.txt":
            raise RuntimeError("the disk said no")
        return real(path)

    monkeypatch.setattr(ingest_run, "read_sidecar", broken)
    for name in ("a.txt", "cursed.txt", "z.txt"):
        write(tmp_path / name)
    run = ingest(tmp_path)
    assert failures(run) == [
        f"FAILED {tmp_path}/cursed.txt: cannot read the file (RuntimeError: the disk said no)"
    ]
    assert Article.objects.count() == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_the_same_file_name_in_two_folders_is_two_articles(tmp_path, workers):
    write(tmp_path / "a" / "x.txt", "First x\n\nThe first file called x.\n")
    write(tmp_path / "b" / "x.txt", "Second x\n\nThe second file called x.\n")
    first = ingest(tmp_path, workers=workers)
    assert "2 created" in first.stdout, first.stderr
    assert dict(Article.objects.values_list("file_name", "title")) == {
        "a/x.txt": "First x", "b/x.txt": "Second x"}
    again = ingest(tmp_path, verbosity=2, workers=workers)
    assert "2 unchanged" in again.stdout  # re-runs no longer flip one article between them


def test_a_glob_names_files_from_where_it_starts(tmp_path):
    write(tmp_path / "2018" / "x.txt", "Old x\n\nThe old one.\n")
    write(tmp_path / "2019" / "x.txt", "New x\n\nThe new one.\n")
    assert ingest(f"{tmp_path}/20*/*.txt").ok
    assert sorted(Article.objects.values_list("file_name", flat=True)) == [
        "2018/x.txt", "2019/x.txt"]


def test_two_files_of_one_name_given_in_one_call_are_never_one_article(tmp_path):
    one = write(tmp_path / "a" / "x.txt", "First x\n\nThe first file called x.\n")
    two = write(tmp_path / "b" / "x.txt", "Second x\n\nThe second file called x.\n")
    run = ingest(one, two)
    assert Article.objects.get().title == "First x"
    assert failures(run) == [
        f"FAILED {two}: same name (x.txt) as {one} in this run; ingest the folder that holds "
        "both, so that each has its own name"
    ]


def test_an_article_stored_under_its_bare_name_keeps_its_permalink(tmp_path, client):
    """Before issue 13 an article was known by its bare file name: found again under its
    folder, the same file takes its full name, keeping its id (and so its permalink)."""
    nested = write(tmp_path / "2018" / "x.txt", "Kept x\n\nThe article that was there before.\n")
    assert ingest(nested).ok  # a file given by itself is known by its bare name, as before
    old = Article.objects.get()
    assert old.file_name == "x.txt"
    run = ingest(tmp_path, verbosity=2)
    assert f"updated {nested} → #{old.pk} Kept x" in run.stdout
    assert Article.objects.get().pk == old.pk
    assert Article.objects.get().file_name == "2018/x.txt"
    assert "1 unchanged" in ingest(tmp_path).stdout
    assert client.get(f"/articles/{old.pk}/{old.slug}/").status_code == 200


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("\u200b\ufeff\u3000\n".encode(), "only white space and invisible characters"),
        ("\u3000\u3000 \u200b\n\n\ufeff\u2060\n".encode(), "only white space and invisible"),
        (b"\x89\x03\xfe\xa7", "bytes that no text encoding reads with confidence"),
        (b"\xc9WVt\x06fv\xcf\xb0\xb4", "no text encoding reads with confidence"),
        (b"?!\n", "no words: the file has no letters or digits"),
    ],
)
def test_blank_and_tiny_binary_files_are_refused_with_a_reason(tmp_path, raw, reason):
    (tmp_path / "junk.txt").write_bytes(raw)
    write(tmp_path / "real.txt")
    run = ingest(tmp_path)
    assert len(failures(run)) == 1 and reason in failures(run)[0]
    assert list(Article.objects.values_list("file_name", flat=True)) == ["real.txt"]


def test_a_short_article_in_a_legacy_encoding_is_still_taken(tmp_path):
    (tmp_path / "cafe.txt").write_bytes(b"Caf\xe9 opens\n\nThe caf\xe9 opened on Monday.\n")
    assert ingest(tmp_path).ok
    assert Article.objects.get().title == "Café opens"


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ('{"headline": "\\ud800"}', "headline holds a lone surrogate"),
        ('{"headline": "A \\udfff tail"}', "headline holds a lone surrogate"),
        ({"headline": "   "}, "headline is blank"),
        ({"headline": "\u200b\u3000"}, "headline is blank"),
        ({"byline": "Ann\x00Lee"}, "byline holds a NUL character"),
        ({"byline": "Ann\x07Lee"}, "byline holds the control character U+0007"),
        ({"headline": "h" * 501}, "headline is 501 characters long; at most 500 fit"),
        ({"byline": "b" * 301}, "byline is 301 characters long; at most 300 fit"),
        ({"source": "s" * 201}, "source is 201 characters long; at most 200 fit"),
        ({"url": "https://example.com/" + "u" * 990}, "url is 1,010 characters long"),
        ({"published": "2018-W01-1"}, "published '2018-W01-1' is not a date (YYYY-MM-DD)"),
        ({"published": "20180101"}, "published '20180101' is not a date (YYYY-MM-DD)"),
        ({"published": "2018-02-30"}, "is not a date (YYYY-MM-DD)"),
        ({"published": "٢٠١٨-٠١-٠١"}, "is not a date (YYYY-MM-DD)"),
        ({"published": "0999-12-31"}, "published '0999-12-31' is before the year 1000"),
        ({"headline": 5}, "headline must be a string"),
        ({"pubished": "2018-01-01"}, "unknown keys 'pubished'"),
    ],
)
def test_a_sidecar_is_validated_completely_before_anything_is_stored(tmp_path, sidecar, reason):
    write(tmp_path / "bad.txt", sidecar=sidecar)
    write(tmp_path / "good.txt", sidecar={"headline": "Good one", "published": "2018-01-01"})
    run = ingest(tmp_path)
    [line] = failures(run)
    assert line.startswith(f"FAILED {tmp_path}/bad.txt: sidecar bad.json") and reason in line
    good = Article.objects.get()
    assert (good.title, str(good.published)) == ("Good one", "2018-01-01")
    assert "internal error" not in run.stderr


def test_outlets_whose_names_slugify_alike_stay_apart(tmp_path, client):
    make_source("!!!", slug="source")
    fox = make_source("Fox News", slug="fox-news")
    names = ["人民日报", "朝日新聞", "!!!", "Fox News!", "Fox News", "fox-news", "FOX NEWS"]
    for n, name in enumerate(names):
        write(tmp_path / f"f{n}.txt", sidecar={"source": name})
    assert ingest(tmp_path).ok
    outlet = dict(Article.objects.values_list("file_name", "source__name"))
    assert [outlet[f"f{n}.txt"] for n in range(len(names))] == [
        "人民日报", "朝日新聞", "!!!", "Fox News!", "Fox News", "Fox News", "Fox News"]
    assert Source.objects.count() == 5
    assert Article.objects.filter(source=fox).count() == 3
    for source in Source.objects.all():  # every outlet has its own page
        assert client.get(source.get_absolute_url()).status_code == 200


def test_hidden_files_and_folders_are_listed_as_skipped(tmp_path):
    write(tmp_path / "seen.txt")
    write(tmp_path / ".hidden.txt")
    write(tmp_path / ".git" / "inside.txt")
    run = ingest(tmp_path)
    assert f"skipped {tmp_path}/.hidden.txt: a hidden file (its name starts with a dot)" in (
        run.stderr)
    assert f"skipped {tmp_path}/.git/inside.txt: in a hidden folder (its name starts with a dot)" \
        in run.stderr
    assert "1 file: 1 created, 0 updated, 0 unchanged, 0 duplicate, 0 failed " \
        "(2 hidden files skipped)." in run.stdout
    assert list(Article.objects.values_list("file_name", flat=True)) == ["seen.txt"]


def test_an_unreadable_folder_is_reported_and_the_rest_ingested(tmp_path, monkeypatch):
    """Not counted among the hidden files: its own warning says why it was passed over."""
    write(tmp_path / "seen.txt")
    write(tmp_path / "locked" / "inside.txt")
    folder_listing_fails(monkeypatch, "locked", PermissionError(13, "Permission denied"))
    run = ingest(tmp_path)
    assert f"skipped {tmp_path}/locked: a folder that could not be read, passed over " \
        "(Permission denied)" in run.stderr
    assert "1 file: 1 created, 0 updated, 0 unchanged, 0 duplicate, 0 failed." in run.stdout
    assert list(Article.objects.values_list("file_name", flat=True)) == ["seen.txt"]


def test_a_path_too_long_to_keep_fails_alone(tmp_path):
    deep = tmp_path
    for n in range(30):
        deep = deep / f"folder-number-{n:02d}"
    write(deep / "x.txt")
    write(tmp_path / "short.txt")
    run = ingest(tmp_path)
    [line] = failures(run)
    assert "characters long; at most 500 are kept" in line
    assert list(Article.objects.values_list("file_name", flat=True)) == ["short.txt"]


def test_the_original_of_a_nested_file_downloads_under_its_own_name(tmp_path, client):
    write(tmp_path / "2018" / "march" / "x.txt")
    assert ingest(tmp_path).ok
    article = Article.objects.get()
    response = client.get(f"/articles/{article.pk}/{article.slug}/original/", {"download": 1})
    assert response["Content-Disposition"] == 'attachment; filename="x.txt"'
