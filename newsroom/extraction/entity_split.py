"""The context-free half of the entity extractor: splitting a run of capitalised words into
the chunks that may name one entity each (``entities.py`` runs these once per distinct run).

Everything here depends on the run's words and on whether it starts a sentence, never on the
text around it, and offsets only ever move by the lengths of words: a run split at offset 0
gives the same chunks as at its place in the article, shifted. ``entity_plans.py`` relies on
both to cache the result per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .entity_rules import COMMON, DATE_WORDS, NAME_STARTS, ORG_CUES, TITLE_NOUNS
from .gazetteer import (
    CONNECTORS,
    FIRST_NAMES,
    HONORIFICS,
    PARTY_WORDS,
    PERSON_TITLES,
    PLACE_CUES,
    PLACES,
    TITLE_WORDS,
)
from .text import ABBREVIATION_DOT


@dataclass(slots=True)
class Chunk:
    """Words of the text that may name an entity, and where they are (``end`` exclusive)."""

    tokens: list[str]
    start: int
    end: int
    sentence_start: bool
    title: list[str] = field(default_factory=list)  # titles dropped before a person's name


def split_parts(chunk: Chunk) -> Iterable[Chunk]:
    """Split at dates ("Lynch Tuesday") and after possessives ("DHS’s Civil Rights Office")."""
    tokens: list[str] = []
    start = chunk.start
    position = chunk.start
    sentence_start = chunk.sentence_start
    for token in chunk.tokens:
        at = position
        position += len(token) + 1
        if token.lower() in DATE_WORDS:
            if tokens:
                yield Chunk(tokens, start, at - 1, sentence_start)
            tokens, start, sentence_start = [], position, False
            continue
        if token.endswith(("’s", "'s")):
            tokens.append(token[:-2])
            yield Chunk(tokens, start, at + len(token) - 2, sentence_start)
            tokens, start, sentence_start = [], position, False
            continue
        if not tokens:
            start = at
        tokens.append(token)
    if tokens:
        yield Chunk(tokens, start, chunk.end, sentence_start)


def split_chunk(chunk: Chunk) -> Iterable[Chunk]:
    """Drop sentence-initial common words and leading titles (kept on the chunk).

    Note: the chunks keep the run's ``start`` even when leading words are dropped ("The Kansas
    Republican" → "Kansas" from offset 0); ``offset`` is counted but not applied. Mentions'
    offsets have always been so; changing it changes extraction results (context windows).
    """
    tokens = list(chunk.tokens)
    start = chunk.start
    offset = 0
    while tokens and " ".join(tokens[:2]) not in NAME_STARTS and tokens[
        0
    ].lower().strip("’'") in COMMON and (
        chunk.sentence_start or tokens[0].lower() in {"the", "a", "an", "according"}
        or len(tokens) == 1
    ):
        offset += len(tokens[0]) + 1
        tokens.pop(0)
        while tokens and tokens[0] in CONNECTORS:
            offset += len(tokens[0]) + 1
            tokens.pop(0)
    title: list[str] = []
    if tokens:
        # Titles before a person: everything up to the last title word, when a name follows.
        last_title = -1
        for position, token in enumerate(tokens[:-1]):
            if plain(token) in TITLE_NOUNS or plain(token) in HONORIFICS:
                last_title = position
        rest = tokens[last_title + 1 :]
        if (
            last_title >= 0
            and rest
            and rest[0][:1].isupper()
            and not org_like(rest)
            and not (len(rest) == 1 and cue(rest[0], PLACE_CUES | ORG_CUES | TITLE_WORDS))
        ):
            head = tokens[: last_title + 1]
            if any(plain(t) in PERSON_TITLES or plain(t) in HONORIFICS for t in head):
                title = head
                tokens = rest
                # "Coconino County Sheriff Jim Driscoll": the words before the first title
                # word may name a place or organisation of their own.
                first_title = next(
                    i for i, t in enumerate(head) if plain(t) in TITLE_NOUNS or
                    plain(t) in HONORIFICS
                )
                if first_title:
                    prefix = head[:first_title]
                    yield Chunk(prefix, start, start + len(" ".join(prefix)), False,
                                 ["<prefix>"])
    if not tokens:
        return
    # Possessive endings: "Trump’s" → "Trump".
    if tokens[-1].endswith(("’s", "'s")):
        tokens[-1] = tokens[-1][:-2]
    yield Chunk(tokens, start, chunk.end, chunk.sentence_start, title)


def split_of_and_party(chunk: Chunk) -> Iterable[Chunk]:
    """"Raymond Choi of Minnesota" is a person and a place; "Kansas Republican" a place and a
    party; "House Republicans" an organisation and a party."""
    tokens = chunk.tokens
    if len(tokens) >= 2 and tokens[-1] in PARTY_WORDS and not chunk.title:
        rest = tokens[:-1]
        yield Chunk(rest, chunk.start, chunk.start + len(" ".join(rest)), chunk.sentence_start)
        yield Chunk(tokens[-1:], chunk.end - len(tokens[-1]), chunk.end, False)
        return
    if "of" in tokens:
        cut = len(tokens) - 1 - tokens[::-1].index("of")
        left, right = tokens[:cut], tokens[cut + 1 :]
        if right and name_of(right) in PLACES and (
            chunk.title or (len(left) >= 2 and left[0].lower() in FIRST_NAMES)
        ):
            yield Chunk(left, chunk.start, chunk.start + len(" ".join(left)),
                         chunk.sentence_start, chunk.title)
            yield Chunk(right, chunk.end - len(" ".join(right)), chunk.end, False)
            return
    yield chunk


def plain(token: str) -> str:
    return token.lower().replace(ABBREVIATION_DOT, ".").rstrip(".")


def cue(token: str, cues) -> bool:
    lowered = token.lower()
    return lowered in cues or (lowered.endswith("s") and lowered[:-1] in cues)


def org_like(tokens: list[str]) -> bool:
    return any(cue(t, ORG_CUES) for t in tokens)


def name_of(tokens: list[str]) -> str:
    return " ".join(tokens).replace(ABBREVIATION_DOT, ".")
