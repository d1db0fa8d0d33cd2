"""People, organisations and places in an article: a rule and gazetteer extractor (pure Python).

Why rules rather than a statistical model: see ``docs/intelligence.md`` (installs from PyPI with
nothing to download, thousands of articles a second on one core, and it is measured on the
hand-labelled evaluation set in ``bench/eval``).

1. Chunk capitalised sequences ("Department of Homeland Security", "U.S. Attorney General Jeff
   Sessions"), allowing connectors inside (of, for, and, the…), dropping sentence-initial common
   words and possessive endings.
2. Classify each chunk: a title or honorific before a name makes a person and is removed
   ("Attorney General Jeff Sessions" → person "Jeff Sessions"); a known given name makes a
   person; an organisation cue word (Union, Foundation, Department…) or a known organisation or
   acronym makes an organisation; the shipped place list makes a place; an unknown two- or
   three-word name followed by "said"/"told" or an apposition (", a …") is a person. Anything
   else is dropped: precision over recall.
3. Resolve aliases within the article: a surname alone or after an honorific ("Mr. Sessions",
   "Sessions") is the person of that surname named in full; an acronym is the long form whose
   initials it spells (ACLU = American Civil Liberties Union), or the shipped expansion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .aliases import ArticleEntities, Mention, initials, resolve, resolve_with
from .aliases import Chunk as _Chunk
from .entity_rules import (
    _CAMEL,
    _COMMON,
    _DATE_WORDS,
    _DATELINE,
    _NAME_STARTS,
    _PERSON_VERBS,
    _PLACE_BEFORE,
    _RUN,
    _SAID_BEFORE,
    _SENTENCE_OPENERS,
    _TITLE_NOUNS,
    MAX_NAME_WORDS,
    ORG_CUES,
    ORGANISATION,
    PERSON,
    PLACE,
    PLACE_FIRST,
)
from .gazetteer import (
    ACRONYMS,
    CONNECTORS,
    FIRST_NAMES,
    HONORIFICS,
    KNOWN_ORGS,
    ORG_ALIASES,
    PARTY_WORDS,
    PERSON_TITLES,
    PLACE_CUES,
    PLACES,
    TITLE_WORDS,
)
from .text import ABBREVIATION_DOT, mask_abbreviations


def extract_entities(text: str) -> ArticleEntities:
    text, datelines = _datelines(text)
    masked = mask_abbreviations(text)
    lower_words = set(re.findall(r"(?<![.!?]\s)\b([a-z][a-z’'-]+)\b", masked))
    raw: list[tuple[_Chunk, str, str]] = []
    unresolved: list[_Chunk] = []
    for chunk in _chunks(masked):
        if (
            len(chunk.tokens) == 1
            and chunk.sentence_start
            and chunk.tokens[0].lower() in _COMMON
        ):
            continue  # "The", "But", "In": the most common run, never a name
        for part in _split_parts(chunk):
            for piece in (p for c in _split_chunk(part) for p in _split_of_and_party(c)):
                for final in _split_and(piece, masked, lower_words):
                    classified = _classify(final, masked, lower_words)
                    if classified:
                        raw.append((final, *classified))
    raw = datelines + raw
    result = resolve(raw, unresolved)
    result.unresolved = [(c.start, c.end, _name(c.tokens)) for c in unresolved]
    return result


def _split_parts(chunk: _Chunk) -> Iterable[_Chunk]:
    """Split at dates ("Lynch Tuesday") and after possessives ("DHS’s Civil Rights Office")."""
    tokens: list[str] = []
    start = chunk.start
    position = chunk.start
    sentence_start = chunk.sentence_start
    for token in chunk.tokens:
        at = position
        position += len(token) + 1
        if token.lower() in _DATE_WORDS:
            if tokens:
                yield _Chunk(tokens, start, at - 1, sentence_start)
            tokens, start, sentence_start = [], position, False
            continue
        if token.endswith(("’s", "'s")):
            tokens.append(token[:-2])
            yield _Chunk(tokens, start, at + len(token) - 2, sentence_start)
            tokens, start, sentence_start = [], position, False
            continue
        if not tokens:
            start = at
        tokens.append(token)
    if tokens:
        yield _Chunk(tokens, start, chunk.end, sentence_start)


def _split_of_and_party(chunk: _Chunk) -> Iterable[_Chunk]:
    """"Raymond Choi of Minnesota" is a person and a place; "Kansas Republican" a place and a
    party; "House Republicans" an organisation and a party."""
    tokens = chunk.tokens
    if len(tokens) >= 2 and tokens[-1] in PARTY_WORDS and not chunk.title:
        rest = tokens[:-1]
        yield _Chunk(rest, chunk.start, chunk.start + len(" ".join(rest)), chunk.sentence_start)
        yield _Chunk(tokens[-1:], chunk.end - len(tokens[-1]), chunk.end, False)
        return
    if "of" in tokens:
        cut = len(tokens) - 1 - tokens[::-1].index("of")
        left, right = tokens[:cut], tokens[cut + 1 :]
        if right and _name(right) in PLACES and (
            chunk.title or (len(left) >= 2 and left[0].lower() in FIRST_NAMES)
        ):
            yield _Chunk(left, chunk.start, chunk.start + len(" ".join(left)),
                         chunk.sentence_start, chunk.title)
            yield _Chunk(right, chunk.end - len(" ".join(right)), chunk.end, False)
            return
    yield chunk


def _split_and(chunk: _Chunk, masked: str, lower_words: set[str]) -> Iterable[_Chunk]:
    """"ACLU and Century Foundation" is two organisations; "Immigration and Customs
    Enforcement" is one."""
    if "and" in chunk.tokens and not chunk.title:
        cut = chunk.tokens.index("and")
        left, right = chunk.tokens[:cut], chunk.tokens[cut + 1 :]
        left_chunk = _Chunk(left, chunk.start, chunk.start + len(" ".join(left)), False)
        right_chunk = _Chunk(right, chunk.end - len(" ".join(right)), chunk.end, False)
        left_kind = _classify(left_chunk, masked, lower_words)
        right_kind = _classify(right_chunk, masked, lower_words)
        if (
            left
            and right
            and left_kind
            and right_kind
            and "?" not in (left_kind[0], right_kind[0])
            and (
                len(left) == 1
                or len(right) == 1
                or _name(left) in KNOWN_ORGS
                or left[-1] == right[-1]  # "X Library and Y Library"
            )
        ):
            yield left_chunk
            yield right_chunk
            return
    yield chunk


def _datelines(text: str) -> tuple[str, list]:
    """"SAN DIEGO — …", "FLAGSTAFF, Ariz. (Reuters) - …": the city is a place. Returns the text
    with each dateline city blanked (same length) and the place mentions."""
    found = []
    for match in _DATELINE.finditer(text):
        city = match.group("city")
        if len(city) < 3 or city in ACRONYMS:
            continue
        name = " ".join(w.capitalize() if w.isalpha() else w.title() for w in city.split())
        chunk = _Chunk(name.split(), match.start("city"), match.end("city"), True)
        found.append((chunk, PLACE, name))
        text = text[: match.start("city")] + " " * len(city) + text[match.end("city") :]
    return text, found


def _chunks(masked: str) -> Iterable[_Chunk]:
    """Runs of capitalised words (with connectors inside: "Department of Homeland Security"),
    found by one regular expression; each knows whether it starts a sentence."""
    for match in _RUN.finditer(masked):
        start = match.start()
        before = masked[max(0, start - 3) : start].rstrip(" ")
        sentence_start = not before or before[-1] in _SENTENCE_OPENERS
        yield _Chunk(match.group(0).split(" "), start, match.end(), sentence_start)


def _split_chunk(chunk: _Chunk) -> Iterable[_Chunk]:
    """Drop sentence-initial common words and leading titles (kept on the chunk)."""
    tokens = list(chunk.tokens)
    start = chunk.start
    offset = 0
    while tokens and " ".join(tokens[:2]) not in _NAME_STARTS and tokens[
        0
    ].lower().strip("’'") in _COMMON and (
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
            if _plain(token) in _TITLE_NOUNS or _plain(token) in HONORIFICS:
                last_title = position
        rest = tokens[last_title + 1 :]
        if (
            last_title >= 0
            and rest
            and rest[0][:1].isupper()
            and not _org_like(rest)
            and not (len(rest) == 1 and _cue(rest[0], PLACE_CUES | ORG_CUES | TITLE_WORDS))
        ):
            head = tokens[: last_title + 1]
            if any(_plain(t) in PERSON_TITLES or _plain(t) in HONORIFICS for t in head):
                title = head
                tokens = rest
                # "Coconino County Sheriff Jim Driscoll": the words before the first title
                # word may name a place or organisation of their own.
                first_title = next(
                    i for i, t in enumerate(head) if _plain(t) in _TITLE_NOUNS or
                    _plain(t) in HONORIFICS
                )
                if first_title:
                    prefix = head[:first_title]
                    yield _Chunk(prefix, start, start + len(" ".join(prefix)), False,
                                 ["<prefix>"])
    if not tokens:
        return
    # Possessive endings: "Trump’s" → "Trump".
    if tokens[-1].endswith(("’s", "'s")):
        tokens[-1] = tokens[-1][:-2]
    yield _Chunk(tokens, start, chunk.end, chunk.sentence_start, title)


def _plain(token: str) -> str:
    return token.lower().replace(ABBREVIATION_DOT, ".").rstrip(".")


def _cue(token: str, cues) -> bool:
    lowered = token.lower()
    return lowered in cues or (lowered.endswith("s") and lowered[:-1] in cues)


def _org_like(tokens: list[str]) -> bool:
    return any(_cue(t, ORG_CUES) for t in tokens)


def _name(tokens: list[str]) -> str:
    return " ".join(tokens).replace(ABBREVIATION_DOT, ".")


def _classify(chunk: _Chunk, masked: str, lower_words: set[str]) -> tuple[str, str] | None:
    if len(chunk.tokens) > MAX_NAME_WORDS:
        return None  # a title-case sentence or a shouted line, not a name
    name = _name(chunk.tokens)
    bare = name.removeprefix("U.S. ")
    if chunk.title == ["<prefix>"]:  # the words before a title: only sure things count
        if name in PLACES or (len(chunk.tokens) > 1 and _cue(chunk.tokens[-1], PLACE_CUES)):
            return PLACE, name
        if bare in KNOWN_ORGS or name in ACRONYMS:
            return ORGANISATION, name
        return None
    if name in ORG_ALIASES or name in PARTY_WORDS:
        return ORGANISATION, name
    if bare in KNOWN_ORGS or name.replace(".", "") in ACRONYMS:
        return ORGANISATION, name
    if name in PLACES:
        # "Washington" after a title is a person, not the city.
        return (PERSON, name) if chunk.title else (PLACE, name)
    if chunk.title:
        if _org_like(chunk.tokens):
            return ORGANISATION, name
        return PERSON, name
    tokens = chunk.tokens
    if len(tokens) == 1 and _cue(tokens[0], ORG_CUES | PLACE_CUES):
        return None  # "Libraries are…", "Police said": a common noun, not a name
    if any(_cue(t, ORG_CUES) for t in tokens[-2:]) or (len(tokens) > 2 and _org_like(tokens)):
        return ORGANISATION, name
    if _cue(tokens[-1], PLACE_CUES) or (len(tokens) > 1 and tokens[0].lower() in PLACE_FIRST) or (
        tokens[0] in PLACES and len(tokens) == 2 and tokens[1] in {"State", "City"}
    ):
        return PLACE, name
    if (
        tokens[0].lower() in FIRST_NAMES
        and 2 <= len(tokens) <= 4
        and all(t[:1].isupper() for t in tokens)
        and tokens[0] not in PLACES
    ):
        return PERSON, name
    before = masked[max(0, chunk.start - 40) : chunk.start]
    if (
        2 <= len(tokens) <= 3
        and all(t[:1].isupper() and t[1:].islower() for t in tokens)
        and tokens[0] not in PLACES
        and not any(_plain(t) in TITLE_WORDS for t in tokens)
    ):
        after = masked[chunk.end : chunk.end + 40]
        if _PERSON_VERBS.match(after) or _SAID_BEFORE.search(before):
            return PERSON, name
    if len(tokens) == 1 and _CAMEL.match(tokens[0]):
        return ORGANISATION, name
    if (
        len(tokens) == 1
        and tokens[0].isupper()
        and 2 <= len(tokens[0]) <= 6
        and tokens[0].isalpha()
        and tokens[0].lower() not in lower_words
    ):
        return ORGANISATION, name
    if (
        len(tokens) <= 3
        and not chunk.sentence_start
        and _PLACE_BEFORE.search(before)
        and all(t[1:].islower() for t in tokens)
    ):
        return PLACE, name
    if len(tokens) == 1 and not chunk.sentence_start:
        return "?", name  # maybe a surname mentioned earlier or later: resolved below
    return None


__all__ = [
    "ORGANISATION", "PERSON", "PLACE", "ArticleEntities", "Mention", "extract_entities",
    "initials", "resolve_with",
]
