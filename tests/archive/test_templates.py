"""Templates across articles: lines repeated across N articles of one outlet (or file-name
prefix) are furniture. The rules alone (archive.parsing.templates), then through `ingest` and
`relearn_boilerplate`."""

from pathlib import Path

import pytest

from archive.models import Article, TemplateLine
from archive.parsing import LineKind, parse_article
from archive.parsing.templates import (
    apply_templates,
    candidate_lines,
    group_for,
    learn,
    template_key,
)
from tests.helpers import run_command

# A footer that reads like prose, so nothing on a single page tells it from the article: only
# its repetition across the outlet's pages does.
FOOTER = "The Harbour Gazette has covered the towns of the western coast since 1872."
STORIES = [
    "Ferry service resumes after storm",
    "Council approves new harbour budget",
    "Fishermen report record mackerel catch",
    "Lifeboat crew rescues two kayakers",
    "School extension gets planning permission",
    "Bridge repairs to begin in the spring",
]

WHO = ["Ann", "Bob", "Cy", "Dee", "Eve", "Flo"]


def story(n: int, footer: str = FOOTER) -> str:
    title = STORIES[n % len(STORIES)]
    return (f"{title}\n\nThe {title.lower()} was confirmed on Tuesday by officials in the town, "
            f"who said that the work number {n} had gone to plan.\n"
            f"Residents of ward {n} said they were pleased with the news, said {WHO[n % 6]}.\n"
            f"{footer}\n")


def write_stories(folder: Path, numbers, prefix: str = "harbour") -> None:
    folder.mkdir(exist_ok=True)
    for n in numbers:
        (folder / f"{prefix}_{n:03d}.txt").write_text(story(n), encoding="utf-8")


# --- the rules --------------------------------------------------------------------------------

def test_a_known_template_line_leaves_the_body_and_comes_back_when_unknown():
    parsed = parse_article(story(1).encode())
    assert FOOTER in parsed.paragraphs
    cleaned = apply_templates(parsed, {template_key(FOOTER)})
    assert FOOTER not in cleaned.paragraphs
    assert [(b.kind, b.text) for b in cleaned.boilerplate] == [(LineKind.TEMPLATE, FOOTER)]
    assert len(cleaned.paragraphs) == len(parsed.paragraphs) - 1
    restored = apply_templates(cleaned, set())
    assert restored.paragraphs == parsed.paragraphs and not restored.boilerplate


def test_a_page_that_is_all_template_keeps_its_body():
    parsed = parse_article(b"A headline\n\nOnly this line, which every page has.\n")
    assert apply_templates(parsed, {template_key(parsed.paragraphs[0])}) is parsed


def test_groups_are_the_outlet_else_a_file_name_prefix_or_host():
    assert group_for("reuters_0012.txt", "reuters") == "outlet:reuters"
    assert group_for("harbour_001.txt", None) == "prefix:harbour"
    assert group_for("nationnews.com-schools.html", None) == "prefix:nationnews.com"
    assert group_for("https://www.example.org/a/b", None) == "prefix:example.org"
    assert group_for("scrapes/gazette/harbour_001.txt", None) == "folder:scrapes/gazette"
    assert group_for("lonely.txt", None) == ""
    assert group_for("002_a9f091832ab1a092.txt", None) == ""  # a serial number: no site


def test_a_line_becomes_a_template_at_n_articles_and_long_lines_never_do():
    long_line = " ".join(["word"] * 41)
    lines = candidate_lines([(LineKind.BODY, FOOTER), (LineKind.BODY, long_line),
                             (LineKind.BODY, "12 comments"), (LineKind.NAVIGATION, "Share")])
    assert len(lines) == 2
    four = learn([("outlet:x", lines)] * 4, min_articles=5)
    assert four == {}
    five = learn([("outlet:x", lines)] * 5 + [("outlet:y", lines)], min_articles=5)
    assert five == {"outlet:x": {template_key(FOOTER): (FOOTER, 5),
                                 "0 comments": ("12 comments", 5)}}
    assert template_key("3 Comments") == template_key("12 comments")


# --- at ingest and for stored articles --------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_ingest_learns_a_template_in_a_batch_and_removes_it_from_every_article(tmp_path):
    write_stories(tmp_path / "in", range(6))
    run = run_command("ingest", str(tmp_path / "in"))
    assert run.ok, run.stderr
    line = TemplateLine.objects.get()
    assert (line.group, line.text, line.article_count) == ("prefix:harbour", FOOTER, 6)
    for article in Article.objects.all():
        assert FOOTER not in article.body
        assert {"kind": "template", "text": FOOTER, "line": 5} in article.boilerplate
        assert "said they were pleased" in article.body
    # A later article of the group is cleaned as it comes in.
    write_stories(tmp_path / "later", [7])
    assert run_command("ingest", str(tmp_path / "later")).ok
    assert FOOTER not in Article.objects.get(file_name="harbour_007.txt").body


@pytestmark_db
def test_below_the_threshold_nothing_is_removed(tmp_path, settings):
    settings.CLIPPINGS_TEMPLATE_MIN_ARTICLES = 7
    write_stories(tmp_path, range(6))
    assert run_command("ingest", str(tmp_path)).ok
    assert not TemplateLine.objects.exists()
    assert all(FOOTER in a.body for a in Article.objects.all())


@pytestmark_db
def test_relearn_boilerplate_finds_lines_spread_over_runs(tmp_path):
    write_stories(tmp_path / "a", range(3))
    write_stories(tmp_path / "b", range(3, 6))
    assert run_command("ingest", str(tmp_path / "a")).ok
    assert run_command("ingest", str(tmp_path / "b")).ok
    assert not TemplateLine.objects.exists()  # 3 + 3 articles: no run saw five

    dry = run_command("relearn_boilerplate", dry_run=True)
    assert dry.ok and "Dry run, nothing written" in dry.stdout
    assert "1 template lines in 1 groups would stand (1 new, 0 no longer); 6 articles would " \
           "be re-parsed" in dry.stdout
    assert not TemplateLine.objects.exists()
    assert all(FOOTER in a.body for a in Article.objects.all())

    done = run_command("relearn_boilerplate", verbosity=2)
    assert done.ok and "6 articles were re-parsed" in done.stdout
    assert "prefix:harbour: 1 lines" in done.stdout
    assert TemplateLine.objects.get().article_count == 6
    assert not any(FOOTER in a.body for a in Article.objects.all())

    again = run_command("relearn_boilerplate")
    assert "(0 new, 0 no longer); 0 articles were re-parsed" in again.stdout

    # A stricter threshold: the line is no longer a template and comes back into the bodies.
    stricter = run_command("relearn_boilerplate", min_articles=10)
    assert "(0 new, 1 no longer); 6 articles were re-parsed" in stricter.stdout
    assert not TemplateLine.objects.exists()
    assert all(FOOTER in a.body for a in Article.objects.all())


@pytestmark_db
def test_relearn_boilerplate_refuses_a_threshold_below_two_and_has_help():
    run = run_command("relearn_boilerplate", min_articles=1)
    assert run.error is not None and "at least 2" in str(run.error)
    from django.core.management import load_command_class

    help_text = load_command_class("archive", "relearn_boilerplate").create_parser(
        "manage.py", "relearn_boilerplate").format_help()
    assert "--dry-run" in help_text and "--min-articles" in help_text
