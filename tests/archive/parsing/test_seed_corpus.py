"""The five seed files must parse exactly as curated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archive.parsing import LineKind

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def _seed(parse, prefix: str):
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return parse(path.read_bytes())


def _kinds(article) -> dict[str, LineKind]:
    return {line.text.strip(): line.kind for line in article.lines}


def test_all_seed_files_parse_and_account_for_every_line(parse):
    paths = sorted(CORPUS.glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        article = parse(path.read_bytes())
        assert article.encoding == "utf-8" and not article.repaired
        assert article.text == path.read_bytes().decode("utf-8")


def test_000_breitbart(parse):
    article = _seed(parse, "000")
    assert article.headline == (
        "Civil Rights Groups Want To End Prosecution of Illegal Border Crossing"
    )
    assert not article.headline_derived
    kinds = _kinds(article)
    assert kinds["AP Photo"] is LineKind.PHOTO
    assert kinds["AP File Photo"] is LineKind.PHOTO
    assert kinds["Please let us know if you're having issues with commenting."].is_boilerplate
    assert article.source == "breitbart"
    assert "commenting" in article.source_evidence
    assert article.published is None
    assert article.comments is None
    assert all("AP Photo" not in p for p in article.paragraphs)
    assert article.paragraphs[0].startswith("A coalition of civil rights groups")


def test_001_unknown_outlet(parse):
    article = _seed(parse, "001")
    assert article.headline == (
        "Civil Rights Groups Press Attorney General To Stop Prosecuting Border Crossings"
    )
    assert _kinds(article)["Skip to footer"] is LineKind.NAVIGATION
    assert article.source is None and article.source_evidence == ""
    assert article.published is None
    assert article.comments is None
    third = article.lines[1]
    assert third.number == 3 and third.kind is LineKind.BODY
    assert article.paragraphs[0].startswith('"Criminalizing migration')


def test_002_washington_times_with_comments(parse):
    article = _seed(parse, "002")
    assert article.headline == "" and article.headline_derived
    assert article.title.startswith("Civil rights groups said Wednesday")
    assert len(article.title) <= 101 and article.title.endswith("…")
    assert any("derived" in note for note in article.notes)
    assert article.published == dt.date(2018, 3, 22)
    assert article.source == "the-washington-times"
    assert "News World Communications" in article.source_evidence

    kinds = _kinds(article)
    assert kinds["© Copyright (c) 2018 News World Communications, Inc."] is LineKind.COPYRIGHT
    assert kinds["—-"] is LineKind.SEPARATOR
    assert (
        kinds[
            "This content is published through a licensing agreement with Acquire Media "
            "using its NewsEdge technology."
        ]
        is LineKind.LICENSING
    )

    # The marker's line is body: its text minus the marker is the first paragraph.
    assert article.lines[0].kind is LineKind.BODY
    assert article.paragraphs[0].startswith("Civil rights groups said Wednesday")
    assert "date" not in article.paragraphs[0][:10]
    assert article.paragraphs[-1].startswith("Localities are urged")

    section = article.comments
    assert section is not None and section.heading == "Join the discussion"
    raw_lines = [line for line in article.text.splitlines() if line.strip()]
    heading_at = raw_lines.index("Join the discussion")
    assert list(section.comments) == [line.strip() for line in raw_lines[heading_at + 1 :]]
    assert section.comments[0].startswith("Calling (havent-)A-CLU")
    assert section.comments[-1] == "Sounds treasonous to me."
    assert not set(section.comments) & set(article.paragraphs)


def test_003_reuters(parse):
    article = _seed(parse, "003")
    assert article.headline == (
        "US Attorney General Jeff Sessions renews calls to prosecute first-time border crossers"
    )
    kinds = _kinds(article)
    assert kinds["Attorney General Jeff Sessions (Photo: Screen capture)"] is LineKind.PHOTO
    credit = next(line for line in article.lines if line.text.startswith("Reporting by"))
    assert credit.kind is LineKind.CREDIT
    assert article.byline == "Sarah N. Lynch and Mica Rosenberg"
    assert article.source == "reuters"
    assert article.published is None  # "In December 2017, …" is not a publication date
    assert any(p.startswith("In December 2017") for p in article.paragraphs)


def test_004_los_angeles_times(parse):
    article = _seed(parse, "004")
    assert article.headline == "500 groups urge Obama to halt immigration police program"
    assert article.lines[0].kind is LineKind.ADVERTISING
    for line in article.lines:
        if line.text.strip() in {"Advertisement", "Share", "--"}:
            assert line.kind.is_boilerplate, line
    assert _kinds(article)["anna.gorman@latimes.com"] is LineKind.CONTACT
    assert article.byline == "Anna Gorman"
    assert article.source == "los-angeles-times"
    assert article.source_evidence == "anna.gorman@latimes.com"
    assert len(article.paragraphs) == 9


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_parse_without_signatures_has_no_source(parse, prefix):
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    assert parse(path.read_bytes(), sigs=()).source is None
