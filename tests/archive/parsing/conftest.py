"""Shared helpers for the parser tests: every parsed file goes through ``assert_accounted``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.parsing import LineKind, ParsedArticle, parse_article
from archive.parsing.fixture_signatures import load_fixture_signatures

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
FIXTURE = ROOT / "fixtures" / "sources.json"


def assert_accounted(article: ParsedArticle) -> None:
    """Every non-blank line of ``text`` appears exactly once in ``lines``, and headline + body +
    boilerplate + comments account for every one of them."""
    expected = [
        (number, line)
        for number, line in enumerate(re.split(r"\r\n|\r|\n", article.text), start=1)
        if line.strip()
    ]
    assert [(line.number, line.text) for line in article.lines] == expected

    kinds = [line.kind for line in article.lines]
    heads = [line for line in article.lines if line.kind is LineKind.HEADLINE]
    body = [line for line in article.lines if line.kind is LineKind.BODY]
    boiler = [line for line in article.lines if line.kind.is_boilerplate]
    comment_lines = [
        line for line in article.lines if line.kind in (LineKind.COMMENT_HEADING, LineKind.COMMENT)
    ]
    assert len(heads) + len(body) + len(boiler) + len(comment_lines) == len(kinds)

    assert len(heads) <= 1
    assert article.headline == (heads[0].text.strip() if heads else "")
    assert article.title
    assert article.headline_derived == (not heads)

    assert len(article.paragraphs) == len(body) > 0
    for paragraph, line in zip(article.paragraphs, body, strict=True):
        assert paragraph and paragraph in line.text
        if paragraph != line.text.strip():  # only the date marker's line carries a prefix
            assert line is article.lines[0] and line.text.lstrip().startswith("date ")

    assert [(b.kind, b.text, b.line) for b in article.boilerplate] == [
        (line.kind, line.text.strip(), line.number) for line in boiler
    ]

    section = article.comments
    if section is None:
        assert not comment_lines
    else:
        assert comment_lines[0].kind is LineKind.COMMENT_HEADING
        assert (section.heading, section.line) == (
            comment_lines[0].text.strip(),
            comment_lines[0].number,
        )
        assert list(section.comments) == [
            line.text.strip() for line in comment_lines if line.kind is LineKind.COMMENT
        ]
        # nothing but furniture and comments after the heading
        after = [line for line in article.lines if line.number > section.line]
        assert all(line.kind is LineKind.COMMENT or line.kind.is_boilerplate for line in after)


@pytest.fixture(scope="session")
def signatures():
    return load_fixture_signatures(FIXTURE)


@pytest.fixture
def parse(signatures):
    """Parse bytes or text with the fixture signatures, and check the accounting invariant."""

    def _parse(data: bytes | str, sigs=None, **kwargs) -> ParsedArticle:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        article = parse_article(raw, signatures if sigs is None else sigs, **kwargs)
        assert_accounted(article)
        return article

    return _parse


@pytest.fixture
def extractor_picks(monkeypatch):
    """``extractor_picks(text)``: trafilatura (``html._extract``) is made to pick ``text`` as the
    article, with no metadata, so a test decides what the extractor kept and sees what the
    recovery adds to it."""
    from types import SimpleNamespace

    from archive.parsing import html

    def pick(text: str) -> None:
        picked = SimpleNamespace(text=text, title="", author="", date=None, sitename="", url="",
                                 description="", comments="")
        monkeypatch.setattr(html, "_extract", lambda text, url, favor_recall: picked)

    return pick
