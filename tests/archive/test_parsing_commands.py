"""``evaluate_parsing`` and ``suggest_signatures`` as an editor runs them."""

from __future__ import annotations

import json
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from archive.management.commands import evaluate_parsing
from archive.models import Article
from tests.factories import make_article, make_source
from tests.helpers import ROOT, run_command

REAL_PAGES = ROOT / "tests" / "archive" / "parsing" / "real_pages"

pytestmark = pytest.mark.django_db


def test_evaluate_parsing_prints_the_figures_per_half(sources):
    run = run_command("evaluate_parsing", str(REAL_PAGES))
    assert run.ok, run.error
    out = run.stdout
    assert "(text): 3 pages, 52 known outlets" in out
    # flowfx.de.tmux and wordsmith.org.maudlin are the even half, stluciatimes.com-dea the odd.
    assert "even (2)" in out and "odd (1)" in out and "all (3)" in out
    all_line = next(line for line in out.splitlines() if line.startswith("all (3)"))
    assert all_line.split()[2:9:2] == ["100.0", "100.0", "100.0", "0"]  # with, without, head
    assert "targets: all met" in out
    assert "1 page(s)" not in out


def test_evaluate_parsing_by_thirds_holds_out_the_last_third(sources):
    run = run_command("evaluate_parsing", str(REAL_PAGES), split="thirds")
    assert run.ok, run.error
    # By name: flowfx.de.tmux and stluciatimes.com-dea first, wordsmith.org.maudlin last.
    assert "first (2)" in run.stdout and "last (1)" in run.stdout and "all (3)" in run.stdout
    assert "even (" not in run.stdout


def test_evaluate_parsing_lists_the_misses_and_fails_the_check(sources, tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(REAL_PAGES, folder)
    truth = [json.loads(line) for line in (folder / "truth.jsonl").read_text().splitlines()]
    truth[0]["with"].append("A passage the page never had")
    truth[0]["without"].append("As usual, StackOverflow")  # a label that is wrong: it is body
    truth[0]["url"] = "https://www.cnn.com/2020/tmux"  # the outlet is then known, and missed
    truth.append({"name": "missing-page", "url": "", "with": ["x"], "without": []})
    (folder / "truth.jsonl").write_text("\n".join(json.dumps(t) for t in truth))
    run = run_command("evaluate_parsing", str(folder), "--errors", "--check")
    assert not run.ok and "targets not met" in str(run.error)
    assert "flowfx.de.tmux:\n  lost (with): 'A passage the page never had'" in run.stdout
    assert "missing-page:\n  cannot read missing-page.txt" in run.stdout
    assert "  kept (without): 'As usual, StackOverflow'" in run.stdout
    assert "right on 0 of the 1 pages of a known outlet" in run.stdout


def test_evaluate_parsing_refuses_what_is_not_a_labelled_set(tmp_path):
    run = run_command("evaluate_parsing", str(tmp_path))
    assert not run.ok and "has no truth.jsonl" in str(run.error)
    (tmp_path / "truth.jsonl").write_text('{"name": "a", "with": 3}\n')
    run = run_command("evaluate_parsing", str(tmp_path))
    assert not run.ok and '"with" must be a list' in str(run.error)
    (tmp_path / "truth.jsonl").write_text("\n")
    run = run_command("evaluate_parsing", str(tmp_path))
    assert not run.ok and "lists no pages" in str(run.error)


def test_evaluate_parsing_html_without_the_html_parser_says_so(sources, monkeypatch):
    monkeypatch.setattr(evaluate_parsing, "_html_parser", lambda: None)
    run = run_command("evaluate_parsing", str(REAL_PAGES), "--format", "html")
    assert run.ok, run.error
    assert "not available" in run.stdout


DEBRIS = "Click here for reprint permission"
COPYRIGHT = "© 2019 Example Media. All rights reserved."


def test_suggest_signatures_proposes_lines_frequent_in_one_outlet_and_rare_elsewhere():
    mine = make_source("Example News", slug="example-news", domain="example.com",
                       signatures="Example News")
    other = make_source("Other Daily", slug="other-daily")
    for n in range(6):
        make_article(f"Story {n}", source=mine, boilerplate=[
            {"kind": "navigation", "text": DEBRIS, "line": 9},
            {"kind": "copyright", "text": COPYRIGHT.replace("2019", str(2015 + n)), "line": 10},
            {"kind": "navigation", "text": "Share this article", "line": 11},
            {"kind": "copyright", "text": "© 2020 Example News", "line": 12},
        ])
    for n in range(20):
        make_article(f"Other {n}", source=other, boilerplate=[
            {"kind": "navigation", "text": "Share this article", "line": 3}])
    for n in range(6):  # hidden articles: their lines are never proposed (nor shown)
        make_article(f"Hidden {n}", source=mine, status=Article.Status.HIDDEN, boilerplate=[
            {"kind": "site", "text": "A secret line of hidden pages", "line": 5}])
    run = run_command("suggest_signatures", "example-news")
    assert run.ok, run.error
    lines = run.stdout.splitlines()
    proposed = [line.strip() for line in lines if line.startswith("  ") and
                not line.startswith("      ")]
    assert DEBRIS in proposed
    assert r"re:^©\s+\d+\s+Example\s+Media\.\s+All\s+rights\s+reserved\.$" in proposed
    assert "Share this article" not in proposed  # every outlet has it
    assert "© 2020 Example News" not in proposed  # the signatures already match it
    assert "secret" not in run.stdout
    assert "in 6 (100%) of its articles, 0 (0.0%) of others'" in run.stdout
    url = next(line for line in lines if line.startswith("Test them, then save: "))
    address = urlsplit(url.removeprefix("Test them, then save: "))
    assert address.path == f"/admin/archive/source/{mine.pk}/signatures/"
    query = parse_qs(address.query)
    assert query["preview"] == ["1"] and query["domain"] == ["example.com"]
    assert query["signatures"][0].startswith("Example News\n") and DEBRIS in query["signatures"][0]


def test_suggest_signatures_by_name_and_its_refusals():
    source = make_source("Lonely Times", slug="lonely")
    run = run_command("suggest_signatures", "lonely times")
    assert run.ok and "has no articles yet" in run.stdout
    make_article("Only one", source=source, boilerplate=[
        {"kind": "site", "text": "A line seen once only", "line": 3}])
    run = run_command("suggest_signatures", "lonely")
    assert run.ok and run.stdout.startswith("No line is in 20%")
    run = run_command("suggest_signatures", "nobody")
    assert not run.ok and "no outlet" in str(run.error)
    run = run_command("suggest_signatures", "lonely", "--min-share", "2")
    assert not run.ok and "--min-share" in str(run.error)
