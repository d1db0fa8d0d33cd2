"""The parser's shortcuts give exactly the answers of the slow paths they replace."""

from __future__ import annotations

import pickle
import random
import re

import pytest
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad

from archive.parsing import (
    Line,
    LineKind,
    furniture_words,
    outlet_checks,
    parse_article,
    signature_from_text,
)
from archive.parsing.mojibake import MAX_LEAD, may_need_repair
from archive.parsing.outlets import (
    DATELINE_PARAGRAPHS,
    DATELINE_STRENGTH,
    KIND_STRENGTH,
    SITE_NAME_STRENGTH,
    _line_evidence,
    collect_evidence,
    compile_signatures,
    dateline_tag,
    detect_outlet,
    names_parent_only,
)
from archive.parsing.regexes import (
    alternation,
    anchored_at_start,
    by_first_letter,
    joinable,
    key_char,
    top_level_branches,
)
from archive.parsing.templates import apply_templates, template_key
from tests.archive.parsing.conftest import CORPUS


def test_the_badness_shortcut_agrees_with_ftfy():
    assert MAX_LEAD is not None, "ftfy's regex changed shape: may_need_repair fell back"
    rng = random.Random(7)
    pool = [c for c in "".join(MOJIBAKE_CATEGORIES.values()) + "abcXYZ .,!?\n\t0'\"-—’“”éÃÂâ€œ"
            if c != "\\"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 12))) for _ in range(20_000)]
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for codec in ("cp1252", "latin-1", "mac_roman", "cp1251"):
            texts.append(text.encode("utf-8").decode(codec, errors="replace"))
        texts.append(text)
    flagged = 0
    for text in texts:
        expected = not text.isascii() and is_bad(text)
        assert may_need_repair(text) == expected, repr(text)
        flagged += expected
    assert 1000 < flagged < len(texts)  # both answers were exercised


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [(r"a(b)c", True), (r"(a)\1", False), (r"(?P<x>a)(?P=x)", False), (r"(a)?(?(1)b|c)", False),
     (r"\(?(?:x)", True)],
)
def test_patterns_that_refer_to_their_groups_never_join_an_alternation(pattern, expected):
    assert joinable(re.compile(pattern)) is expected


def test_an_alternation_matches_where_any_pattern_does():
    patterns = [re.compile(p, f) for p, f in [
        (r"^Reporting by .+(Editing by|Writing by)", re.I), (r"(\w+) \1", 0),
        (r"AP\b", 0), (r"(?i)news", 0), (r"copyright", re.I)]]
    combined, alone = alternation(patterns)
    assert {p.pattern for p in alone} == {r"(\w+) \1", r"(?i)news"}
    for text in ["Reporting by A; Editing by B", "the the", "AP Photo", "CAPE", "NEWS",
                 "COPYRIGHT 2018", "nothing here", "ap photo"]:
        fast = bool(combined.search(text)) or any(p.search(text) for p in alone)
        assert fast == any(p.search(text) for p in patterns), text


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [(r"^[A-Z][A-Za-z .,'-]{1,40} \(Reuters\) [-—–]", "("), (r"^Click here$", None),
     (r"may not be published, broadcast", None),  # commas are everywhere in prose
     (r"(?:a|b)#x", "#"), (r"x(?:a#|b#)", "#"), (r"\[AP\]|\(AP\)", None)],
)
def test_a_key_char_is_punctuation_every_match_holds(pattern, expected):
    assert key_char(re.compile(pattern, re.IGNORECASE)) == expected


def test_only_patterns_anchored_at_the_start_are_tried_there_only():
    assert anchored_at_start(re.compile(r"^[A-Z]+ \(Reuters\) -"))
    assert anchored_at_start(re.compile(r"\Aby "))
    assert not anchored_at_start(re.compile(r"^a|b"))
    assert not anchored_at_start(re.compile(r"(?m)^a"))
    assert not anchored_at_start(re.compile(r"(Reuters)"))


TRICKY = [
    signature_from_text("reuters", "Reuters", "reuters.com",
                        "Thomson Reuters\nre:^[A-Z][A-Za-z .,'-]{1,40} \\(Reuters\\) [-—–]"),
    signature_from_text("fox", "Fox", "foxnews.com", "Fox News\nre:(\\w+) \\1"),
    signature_from_text("fox-network", "Fox Network", "", "Fox News Network, LLC"),
    signature_from_text("times", "Times", "times.com", "Washington Times\nre:(?P<w>said) (?P=w)"),
    signature_from_text("post", "Post", "washpost.com", "The Washington Post\n@washingtonpost.com"),
    signature_from_text("sz", "SZ", "", "Süddeutsche Zeitung"),
]
LINES = [
    (LineKind.BODY, "WASHINGTON (Reuters) - The vote was close."),
    (LineKind.BODY, "He told Fox News it was said said twice, as the the Washington Times put it."),
    (LineKind.COPYRIGHT, "© 2018 Fox News Network, LLC. All rights reserved."),
    (LineKind.CONTACT, "jane.doe@news.washingtonpost.com"),
    (LineKind.BODY, "Write to jane.doe@washingtonpost.com with tips."),
    (LineKind.CREDIT, "Thomson Reuters contributed to this report."),
    (LineKind.PHOTO, "AP Photo/Times staff, reporter@times.com"),
    (LineKind.COMMENT, "Reuters and Fox News and The Washington Post are all fake"),
    (LineKind.SITE, "A nothing line"),
    # Letters that IGNORECASE folds onto others: "ſ" is "s", and lower() keeps "SÜD" apart.
    (LineKind.COPYRIGHT, "© 2019 Fox Newſ Network, LLC. All rights reserved."),
    (LineKind.CREDIT, "Reporting by SÜDDEUTSCHE ZEITUNG staff"),
]


def naive_evidence(lines, signatures):
    """The scan the shortcuts replace: every line against every signature (and the dateline
    of the first paragraphs against every outlet's tags, and the title's site name); a parent
    company's copyright stays weak unless other evidence names the same outlet."""
    best = {}
    plain, parents = {}, set()
    tags = compile_signatures(signatures).tags
    for line in lines[:outlet_checks.TITLE_LINES]:
        site = outlet_checks.title_site(line.text.strip())
        slug = tags.get(site) if site else None
        if slug:
            best[slug] = (SITE_NAME_STRENGTH, line.text.strip())
            plain[slug] = SITE_NAME_STRENGTH
    paragraphs = [line for line in lines if line.kind is LineKind.BODY][:DATELINE_PARAGRAPHS]
    for line in paragraphs:
        tag = dateline_tag(line.text.strip())
        slug = tags.get(tag.casefold()) if tag else None
        if slug:
            plain[slug] = max(plain.get(slug, 0), DATELINE_STRENGTH)
        if slug and (slug not in best or best[slug][0] < DATELINE_STRENGTH):
            best[slug] = (DATELINE_STRENGTH, line.text.strip())
            parents.discard(slug)
    for line in lines:
        if line.kind in (LineKind.COMMENT, LineKind.COMMENT_HEADING):
            continue
        text = line.text.strip()
        emails = re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", text)
        for signature in signatures:
            strength = _line_evidence(signature, line, text, emails)
            if not strength:
                continue
            parent = (line.kind in (LineKind.COPYRIGHT, LineKind.LICENSING)
                      and strength == KIND_STRENGTH[line.kind]
                      and names_parent_only(signature, text))
            if not parent:
                plain[signature.slug] = max(plain.get(signature.slug, 0), strength)
            if signature.slug not in best or strength > best[signature.slug][0]:
                best[signature.slug] = (strength, text)
                (parents.add if parent else parents.discard)(signature.slug)
    for slug in parents:
        if plain.get(slug, 0) < 2:
            best[slug] = (1, best[slug][1])
    return best


@pytest.mark.parametrize("count", range(1, len(LINES) + 1))
def test_outlet_evidence_is_what_the_line_by_line_scan_finds(count):
    for start in range(len(LINES)):
        picked = (LINES[start:] + LINES[:start])[:count]
        lines = [Line(n, text, kind) for n, (kind, text) in enumerate(picked, 1)]
        expected = naive_evidence(lines, TRICKY)
        found = {e.slug: (e.strength, e.line) for e in collect_evidence(lines, TRICKY)}
        assert found == expected
        decisive = {slug: e for slug, e in expected.items() if e[0] >= 2}
        found = {e.slug: (e.strength, e.line)
                 for e in collect_evidence(lines, TRICKY, min_strength=2)}
        assert found == decisive
        slug, line = detect_outlet(lines, TRICKY)
        top = max((s for s, _ in expected.values()), default=0)
        leaders = [k for k, (s, _) in expected.items() if s == top]
        if top >= 2 and len(leaders) == 1:
            assert (slug, line) == (leaders[0], expected[leaders[0]][1])
        else:
            assert (slug, line) == (None, "")


def test_a_parse_comes_back_whole_from_a_worker():
    """Parse workers pickle their parses with the lines as plain tuples
    (``ParsedArticle.__reduce__``): the writer must get the same parse, with Lines."""
    parses = [parse_article(path.read_bytes()) for path in sorted(CORPUS.glob("*.txt"))]
    first = parses[0]
    parses.append(apply_templates(first, {template_key(first.paragraphs[0])}))
    assert any(p.comments for p in parses)
    for parsed in parses:
        back = pickle.loads(pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301
        assert back == parsed and back is not parsed
        assert [type(line) for line in back.lines] == [Line] * len(parsed.lines)
        assert [(line.number, line.text, line.kind) for line in back.lines] == [
            (line.number, line.text, line.kind) for line in parsed.lines
        ]
        assert all(isinstance(line.kind, LineKind) for line in back.lines)
        assert back.body == parsed.body and back.word_count == parsed.word_count
        assert back.__dict__.keys() == parsed.__dict__.keys()


def test_branches_grouped_by_first_letter_match_as_the_plain_alternation():
    branches = top_level_branches(r"share|shares?d|sign\s+(?:in|up)|S[|)]x|log\s*in|our\s+app")
    assert branches == [r"share", r"shares?d", r"sign\s+(?:in|up)", r"S[|)]x", r"log\s*in",
                        r"our\s+app"]
    grouped = by_first_letter(branches, ignore_case=True)
    assert grouped.startswith(r"(?:s(?:hare|hares?d|ign\s+(?:in|up)|[|)]x)|l(?:")
    plain = re.compile(rf"\b(?:{'|'.join(branches)})\b", re.IGNORECASE)
    fast = re.compile(rf"\b{grouped}\b", re.IGNORECASE)
    for text in ["Share", "sharesd and SHARED", "Sign in | Log In", "ſign up", "s)x, S|X",
                 "our  app", "design", "nothing", "reshare share"]:
        assert [m.span() for m in fast.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], text
    with pytest.raises(ValueError, match="plain letter"):
        by_first_letter([r"(?:our|the)\s+app"], ignore_case=True)
    with pytest.raises(ValueError, match="plain letter"):
        by_first_letter([r"s?hare"], ignore_case=False)


def test_the_furniture_vocabulary_finds_what_its_plain_alternation_finds():
    plain_furniture = re.compile(rf"\b(?:{furniture_words._FURNITURE_WORDS})\b", re.IGNORECASE)
    plain_prompt = re.compile(rf"\b(?:{furniture_words._PROMPT_PHRASES})", re.IGNORECASE)
    lines = [line for path in sorted(CORPUS.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ["Sign up for our newsletter", "Follow Jane Doe on X", "Disclaimer: none",
              "Advertising disclosure (paid): we may earn a commission", "SHARE | Tweet",
              "Download the Daily Planet app", "Comments are moderated", "Log in to comment"]
    found = 0
    for text in lines:
        for fast, plain in ((furniture_words.FURNITURE, plain_furniture),
                            (furniture_words.PROMPT, plain_prompt)):
            assert [m.span() for m in fast.finditer(text)] == \
                [m.span() for m in plain.finditer(text)], text
            found += bool(plain.search(text))
    assert found >= 20


def test_a_class_opening_with_a_caret_and_a_bracket_is_stepped_over():
    # "[^]|]": "]" first after "^" is one of the class's characters, and so is the "|"
    assert top_level_branches(r"a[^]|]b|c") == [r"a[^]|]b", "c"]


def test_a_leading_choice_is_spelt_out_only_when_no_quantifier_follows_it():
    """Spelling out "(?:our|the)?\\s*app" as "our?\\s*app|the?\\s*app" would match other text
    ("ou app", not "app"): such a branch is refused, as ``by_first_letter`` refuses "s?hare"."""
    for phrases in (r"(?:our|the)?\s*app", r"(?:in|on)+line", r"(?:a|b){2}c"):
        with pytest.raises(ValueError, match="plain letter"):
            furniture_words._grouped(phrases)
    grouped = furniture_words._grouped(r"^follow\s+us|(?:our|the)\s+app|share")
    assert grouped == r"^follow\s+us|(?:o(?:ur\s+app)|t(?:he\s+app)|s(?:hare))"


def test_the_gate_and_supplier_patterns_find_what_their_plain_alternations_find():
    """``PROMPT_GATE`` and ``SUPPLIER`` were grouped by first letter too; SUPPLIER's plain
    alternation is the one it replaced."""
    plain_gate = re.compile(rf"\b(?:{furniture_words._GATE_WORDS})")
    plain_supplier = re.compile(
        r"\b(?:provided|supplied|distributed|syndicated|licensed)\s+(?:by|through|from)\b|"
        r"\bcourtesy\s+of\b|\bcontributed\b",
        re.IGNORECASE,
    )
    lines = [
        line
        for path in sorted(CORPUS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    lines += [
        "Provided by Reuters; COURTESY OF the family",
        "Syndicated through AP, licensed from Getty",
        "Contributed photo, supplied by the club",
        "distributed   from the wire, ſyndicated by no one",
        "Sign up: never miss an update in your inbox",
        "Apps, carts and bags: we may earn an affiliate commission",
    ]
    found = 0
    for text in lines:
        for fast, plain in (
            (furniture_words.PROMPT_GATE, plain_gate),
            (outlet_checks.SUPPLIER, plain_supplier),
        ):
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], text
            found += bool(plain.search(text))
    assert found >= 10
