"""The boilerplate gate's needles: words a rule cannot match without, read from the regex.
A line without them is not tried against the rule; these tests hold that this never changes
an answer."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from archive.parsing import boilerplate
from archive.parsing.boilerplate import BYLINE, BYLINE_MAX_WORDS, MAX_BOILERPLATE_CHARS, RULES
from archive.parsing.regexes import (
    FOLDS_TO_ASCII,
    has_needles,
    needles,
    starts_with_wildcard,
)
from tests.archive.parsing.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r".{0,200}\ball\s+rights\s+reserved\.?", re.I, (("reserved",), ("rights",))),
        (r"x(?:cat|dog)s?y", 0, (("cat", "dog"), ("x",))),
        (r"ab?c", 0, (("a",), ("c",))),  # "b" is optional: not a needle
        (r"(?:abc)*d", 0, (("d",),)),  # a repeat that may be absent gives none
        (r"(?:abc)+d", 0, (("abc",), ("d",))),
        (r"foo|ba", 0, (("ba", "foo"),)),  # one word of each branch
        (r"foo|[a-z]+", 0, ()),  # a branch without a literal: nothing is certain
        (r"Café au lait", 0, ((" au lait",), ("caf",))),  # non-ASCII letters are left out
        (r"ABC", re.I, (("abc",),)),
    ],
)
def test_needles_are_read_from_the_regex(pattern, flags, expected):
    assert needles(re.compile(pattern, flags)) == expected


def test_only_rules_starting_with_a_wildcard_are_gated():
    assert starts_with_wildcard(re.compile(r".{1,200}\s+contributed"))
    assert starts_with_wildcard(re.compile(r".{1,9}a|.*b"))
    assert starts_with_wildcard(re.compile(r"(?:.{0,9}x)"))
    assert not starts_with_wildcard(re.compile(r"a.{0,9}"))
    assert not starts_with_wildcard(re.compile(r"[^x]{0,9}a"))
    assert not starts_with_wildcard(re.compile(r".{1,9}a|b"))


def test_only_these_characters_fold_to_an_ascii_letter():
    """The gate lower-cases a line to look for a word; that is exact unless the line holds a
    character that a case-insensitive regex takes for another ASCII letter."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(cp) for cp in range(128, 0x110000) if letter.fullmatch(chr(cp))}
    assert found == set(FOLDS_TO_ASCII)


def _reference(line: str):
    """``classify_line`` without any gate: every rule in order."""
    text = line.strip()
    if not text or len(text) > MAX_BOILERPLATE_CHARS:
        return None
    for kind in boilerplate.ORDER:
        for rule in RULES[kind]:
            if not rule.fullmatch(text):
                continue
            if rule is BYLINE and (len(text.split()) > BYLINE_MAX_WORDS
                                   or boilerplate._looks_like_sentence(text)):
                continue
            return kind
    return None


def _lines() -> list[str]:
    lines = []
    for folder in (CORPUS, ROOT / "bench" / "eval" / "articles", ROOT / "bench" / "eval_heldout"):
        for path in sorted(folder.rglob("*.txt")):
            lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
    lines += [
        "© 2018 Fox News Network, LLC. All rights reserved.",
        "Copyright 2019 The Associated Press. ALL RIGHTS RESERVED",
        "Jane Roe contributed to this report.",
        "(Photo: Screen capture)",
        "A man walks by (AP Photo/Jane Roe)",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Content provided under a licensing agreement with Acquire Media's NewsEdge technology.",
    ]
    return lines


def test_the_gate_never_changes_a_line_kind(tmp_path):
    from bench.generate import generate  # pages full of furniture from many made-up outlets

    generate(str(tmp_path), 300, seed=5, progress=False)
    lines = _lines()
    for path in sorted(tmp_path.glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    rng = random.Random(11)
    exotic = FOLDS_TO_ASCII + "éÉ’“”—"
    variants = []
    for line in lines:
        variants.append(line.upper())
        variants.append(line.swapcase())
        if line:  # a character that folds to ASCII, or another non-ASCII one, put in anywhere
            at = rng.randrange(len(line) + 1)
            variants.append(line[:at] + rng.choice(exotic) + line[at:])
    # Words of the needles spelt with the folding characters: "reſerved", "\u212anown"…
    variants += ["All rights reſerved.", "ALL RIGHTS RESERVED", "all rights reserved",
                 "Jane Roe contributed to this report.".replace("s", "ſ"),
                 "Content supplied under a licensing agreement with Acquire Media newsedge "
                 "technology.".replace("i", "ı")]
    kinds = 0
    for line in lines + variants:
        expected = _reference(line)
        assert boilerplate.classify_line(line) == expected, line
        kinds += expected is not None
    assert kinds > 100  # the lines exercise the rules, not only the "no match" answer


def test_every_gated_rule_holds_its_needles_where_it_matches():
    _, _, gated, _ = boilerplate._any_rule(boilerplate.ORDER)
    assert len(gated) >= 5  # the wildcard rules of copyright, licensing, credit and photo
    matched = 0
    for line in _lines():
        text = line.strip()
        for rule, words in gated:
            if rule.fullmatch(text):
                matched += 1
                assert has_needles(text.lower(), words), (rule.pattern, text)
    assert matched >= 7
