"""What a run of capitalised words names, worked out once per distinct run (``run_plan``) and
then checked against the text around each occurrence (``expand``).

The rules (``verdict``, in the order they have always been tried) mostly look at the words
alone: "Jeff Sessions" is a person wherever it appears. A few look around the chunk — "said"
after an unknown two-word name, "in" before a place, an all-capital word the article also
writes in lower case — and those come last in the order. So a chunk's classification is a list
of tests, each giving a kind when it passes; the words-only tests pass ``ALWAYS`` and end the
list. ``run_plan`` splits a run (``entity_split``) and computes these lists at offset 0; it is
cached (bounded), because the same runs ("Trump", "U.S. Attorney General Jeff Sessions") come
back within and across articles. ``expand`` runs the few remaining tests at the run's offset.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .entity_rules import (
    CAMEL,
    MAX_NAME_WORDS,
    ORG_CUES,
    ORGANISATION,
    PERSON,
    PERSON_VERBS,
    PLACE,
    PLACE_FIRST,
    place_before,
    said_before,
)
from .entity_split import (
    Chunk,
    cue,
    name_of,
    org_like,
    plain,
    split_chunk,
    split_of_and_party,
    split_parts,
)
from .gazetteer import (
    ACRONYMS,
    FIRST_NAMES,
    KNOWN_ORGS,
    ORG_ALIASES,
    PARTY_WORDS,
    PLACE_CUES,
    PLACES,
    TITLE_WORDS,
)

# The tests of a classification step.
ALWAYS = 0  # the words decide
SAID_NEARBY = 1  # "said"/"told"/an apposition after, or "said," before ("Jane Roe said")
NOT_A_WORD = 2  # the article never writes the word in lower case ("NASA", not "WE")
AFTER_IN = 3  # "in"/"near"/"from" before it
# Step: (test, kind, name, the lower-cased word for NOT_A_WORD). Raw: (start, end, kind, name).
Step = tuple[int, str, str, "str | None"]
Raw = tuple[int, int, str, str]
# Plan entries: (FIXED, start, end, kind, name); (TESTED, start, end, steps); (AT_AND, whole,
# left, right), each (start, end, steps): "ACLU and Century Foundation" when both sides name.
FIXED, TESTED, AT_AND = 0, 1, 2

_ORG_OR_PLACE_CUES = ORG_CUES | PLACE_CUES
_LOWER_WORD = re.compile(r"(?<![.!?]\s)\b([a-z][a-z’'-]+)\b")


class Context:
    """The masked text, and the lower-case words it uses (found only if a rule asks)."""

    __slots__ = ("masked", "_lower_words")

    def __init__(self, masked: str):
        self.masked = masked
        self._lower_words: set[str] | None = None

    def lower_words(self) -> set[str]:
        if self._lower_words is None:
            self._lower_words = set(_LOWER_WORD.findall(self.masked))
        return self._lower_words


@lru_cache(maxsize=8192)
def run_plan(run: str, sentence_start: bool) -> tuple:
    """The entries of one run of capitalised words at offset 0 (see the module's docstring)."""
    plan: list = []
    for part in split_parts(Chunk(run.split(" "), 0, len(run), sentence_start)):
        for piece in split_chunk(part):
            for final in split_of_and_party(piece):
                plan += _entries(final)
    return tuple(plan)


def expand(entry: tuple, offset: int, context: Context) -> list[Raw]:
    """A ``TESTED`` or ``AT_AND`` entry of a run found at ``offset``, decided in ``context``."""
    if entry[0] == TESTED:
        _, start, end, steps = entry
        found = decide(steps, offset + start, offset + end, context)
        return [(offset + start, offset + end, *found)] if found else []
    _, whole, *sides = entry
    split = []
    for start, end, steps in sides:
        found = decide(steps, offset + start, offset + end, context)
        if not found or found[0] == "?":
            break
        split.append((offset + start, offset + end, *found))
    else:
        return split
    start, end, steps = whole
    found = decide(steps, offset + start, offset + end, context)
    return [(offset + start, offset + end, *found)] if found else []


def decide(steps: tuple[Step, ...], start: int, end: int, context: Context):
    """The first step whose test passes for the chunk at ``start:end``: ``(kind, name)``."""
    for test, kind, name, word in steps:
        if test == ALWAYS:
            return kind, name
        if test == NOT_A_WORD:
            if word not in context.lower_words():
                return kind, name
            continue
        masked = context.masked
        before = masked[start - 40 if start > 40 else 0 : start]
        if test == SAID_NEARBY:
            if PERSON_VERBS.match(masked[end : end + 40]) or said_before(before):
                return kind, name
        elif place_before(before):
            return kind, name
    return None


def _entries(chunk: Chunk) -> list[tuple]:
    """``chunk``'s plan entries. "ACLU and Century Foundation" is two organisations;
    "Immigration and Customs Enforcement" is one: split at "and" when both sides name something
    ("?" does not count) and one side is a single word, the left one a known organisation, or
    both end alike ("X Library and Y Library")."""
    tokens = chunk.tokens
    if "and" in tokens and not chunk.title:
        cut = tokens.index("and")
        left, right = tokens[:cut], tokens[cut + 1 :]
        sides = (
            Chunk(left, chunk.start, chunk.start + len(" ".join(left)), False),
            Chunk(right, chunk.end - len(" ".join(right)), chunk.end, False),
        )
        if not left or not right:
            # "and" at an end is no part of a name: "Democrats and" (once the party word after
            # it is split off), "and Trump" (after a date): the name is the other side.
            return _entries(sides[0] if left else sides[1])
        steps = [verdict(side) for side in sides]
        if (
            all(any(kind != "?" for _, kind, _, _ in s) for s in steps)
            and (
                len(left) == 1
                or len(right) == 1
                or name_of(left) in KNOWN_ORGS
                or left[-1] == right[-1]  # "X Library and Y Library"
            )
        ):
            pairs = list(zip(sides, steps, strict=True))
            if all(s[0][0] == ALWAYS for s in steps):  # both sides name, whatever the text
                return [(FIXED, side.start, side.end, *s[0][1:3]) for side, s in pairs]
            whole = (chunk.start, chunk.end, verdict(chunk))
            return [(AT_AND, whole, *((side.start, side.end, s) for side, s in pairs))]
    steps = verdict(chunk)
    if not steps:
        return []
    if steps[0][0] == ALWAYS:
        return [(FIXED, chunk.start, chunk.end, *steps[0][1:3])]
    return [(TESTED, chunk.start, chunk.end, steps)]


def verdict(chunk: Chunk) -> tuple[Step, ...]:
    """How to classify ``chunk``: steps tried in order (``decide``); no step → not a name.

    The rules in their order; only the last ones (from the unknown two- or three-word name on)
    need the text around the chunk, and each of those becomes a step with its test."""
    if len(chunk.tokens) > MAX_NAME_WORDS:
        return ()  # a title-case sentence or a shouted line, not a name
    name = name_of(chunk.tokens)
    bare = name.removeprefix("U.S. ")
    if chunk.title == ["<prefix>"]:  # the words before a title: only sure things count
        if name in PLACES or (len(chunk.tokens) > 1 and cue(chunk.tokens[-1], PLACE_CUES)):
            return _sure(PLACE, name)
        if bare in KNOWN_ORGS or name in ACRONYMS:
            return _sure(ORGANISATION, name)
        return ()
    if name in ORG_ALIASES or name in PARTY_WORDS:
        return _sure(ORGANISATION, name)
    if bare in KNOWN_ORGS or name.replace(".", "") in ACRONYMS:
        return _sure(ORGANISATION, name)
    if name in PLACES:
        # "Washington" after a title is a person, not the city.
        return _sure(PERSON, name) if chunk.title else _sure(PLACE, name)
    if chunk.title:
        if org_like(chunk.tokens):
            return _sure(ORGANISATION, name)
        return _sure(PERSON, name)
    tokens = chunk.tokens
    if len(tokens) == 1 and cue(tokens[0], _ORG_OR_PLACE_CUES):
        return ()  # "Libraries are…", "Police said": a common noun, not a name
    if any(cue(t, ORG_CUES) for t in tokens[-2:]) or (len(tokens) > 2 and org_like(tokens)):
        return _sure(ORGANISATION, name)
    if cue(tokens[-1], PLACE_CUES) or (len(tokens) > 1 and tokens[0].lower() in PLACE_FIRST) or (
        tokens[0] in PLACES and len(tokens) == 2 and tokens[1] in {"State", "City"}
    ):
        return _sure(PLACE, name)
    if (
        tokens[0].lower() in FIRST_NAMES
        and 2 <= len(tokens) <= 4
        and all(t[:1].isupper() for t in tokens)
        and tokens[0] not in PLACES
    ):
        return _sure(PERSON, name)
    steps: list[Step] = []
    if (
        2 <= len(tokens) <= 3
        and all(t[:1].isupper() and t[1:].islower() for t in tokens)
        and tokens[0] not in PLACES
        and not any(plain(t) in TITLE_WORDS for t in tokens)
    ):
        steps.append((SAID_NEARBY, PERSON, name, None))
    if len(tokens) == 1 and CAMEL.match(tokens[0]):
        steps.append((ALWAYS, ORGANISATION, name, None))
        return tuple(steps)
    if (
        len(tokens) == 1
        and tokens[0].isupper()
        and 2 <= len(tokens[0]) <= 6
        and tokens[0].isalpha()
    ):
        steps.append((NOT_A_WORD, ORGANISATION, name, tokens[0].lower()))
    if len(tokens) <= 3 and not chunk.sentence_start and all(t[1:].islower() for t in tokens):
        steps.append((AFTER_IN, PLACE, name, None))
    if len(tokens) == 1 and not chunk.sentence_start:
        # maybe a surname mentioned earlier or later: resolved by ``aliases.resolve``
        steps.append((ALWAYS, "?", name, None))
    return tuple(steps)


def _sure(kind: str, name: str) -> tuple[Step, ...]:
    return ((ALWAYS, kind, name, None),)
