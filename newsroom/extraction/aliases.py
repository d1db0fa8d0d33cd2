"""What the entity extractor returns, and how names found in one article are resolved to
canonical entities: within the article (surnames, acronyms) and against the corpus's aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from .entity_rules import ORGANISATION, PERSON, PLACE
from .gazetteer import ACRONYMS, CONNECTORS, ORG_ALIASES, PARTY_WORDS


class Mention(NamedTuple):
    """One mention of an entity. A named tuple, not a dataclass: ingest pickles hundreds an
    article from its parse workers to the writer, and a tuple unpickles in half the time (no
    ``__dict__`` to rebuild). Equal and hashed by its fields, as the frozen dataclass was."""

    name: str  # canonical name in the article
    kind: str  # person, organisation, place
    surface: str  # the text as written
    start: int
    end: int


@dataclass
class ArticleEntities:
    mentions: list[Mention] = field(default_factory=list)
    aliases: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (kind, name) → forms
    unresolved: list[tuple[int, int, str]] = field(default_factory=list)

    def entities(self) -> list[tuple[str, str]]:
        """Distinct (kind, canonical name), in order of first mention."""
        return list(dict.fromkeys(map(_KIND_AND_NAME, self.mentions)))

    def people(self) -> list[tuple[int, str]]:
        return [(m.start, m.name) for m in self.mentions if m.kind == PERSON]

    def organisations(self) -> list[tuple[int, str]]:
        return [(m.start, m.name) for m in self.mentions if m.kind == ORGANISATION]


_KIND_AND_NAME, _START = itemgetter(1, 0), itemgetter(3)  # of a Mention, at C speed
_PLACE_NAMES = {"U.S.": "United States", "US": "United States", "USA": "United States",
                "America": "United States", "UK": "United Kingdom", "Britain": "United Kingdom"}


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """"American Civil Liberties Union" → "ACLU" (cached: asked for every organisation named)."""
    return "".join(
        word[0] for word in re.split(r"[\s-]+", name) if word and word.lower() not in CONNECTORS
    ).upper()


def resolve(raw: list[tuple[int, int, str, str]]) -> ArticleEntities:
    """Canonical names within one article: a surname alone is the person named in full, an
    acronym the long form whose initials it spells (or the shipped expansion).

    ``raw``: ``(start, end, kind, name)`` of each chunk classified, in the order found; kind
    "?" is a single word that is a name only if a person of that surname is named (else it is
    left in ``unresolved`` for ``resolve_with``)."""
    result = ArticleEntities()
    surnames: dict[str, str] = {}
    long_forms: dict[str, str] = {}
    for _, _, kind, name in raw:
        if " " not in name:
            continue
        if kind == PERSON:
            surnames.setdefault(name.split()[-1], name)
        elif kind == ORGANISATION and len(initials(name)) >= 2:
            long_forms[initials(name)] = name  # the last one named, as before
    mentions, aliases, unresolved = result.mentions, result.aliases, result.unresolved
    for start, end, kind, name in raw:
        canonical = name
        if kind in (PERSON, "?") and " " not in name and name in surnames:
            kind, canonical = PERSON, surnames[name]
        elif kind == "?":
            unresolved.append((start, end, name))
            continue
        elif kind == ORGANISATION:
            if name.startswith("U.S. ") and len(name.split()) > 2:
                name = canonical = name[5:]
            bare = name.replace(".", "")
            if bare in long_forms and " " not in name:
                canonical = long_forms[bare]
            elif bare in ACRONYMS and " " not in name:
                expansion = ACRONYMS[bare]
                canonical = long_forms.get(bare, expansion)
            canonical = ORG_ALIASES.get(canonical, PARTY_WORDS.get(canonical, canonical))
        elif kind == PLACE:
            canonical = _PLACE_NAMES.get(name, name)
        mentions.append(Mention(canonical, kind, name, start, end))
        forms = aliases.setdefault((kind, canonical), set())
        if name != canonical:
            forms.add(name)
    return result


def resolve_with(result: ArticleEntities, lookup) -> ArticleEntities:
    """Resolve the single capitalised words the article alone could not place ("the Obama
    administration" in an article that never says "Barack Obama") with ``lookup(surface)`` →
    ``(kind, canonical name)`` or None: the corpus's aliases."""
    for start, end, surface in result.unresolved:
        found = lookup(surface)
        if found:
            kind, canonical = found
            result.mentions.append(Mention(canonical, kind, surface, start, end))
            result.aliases.setdefault((kind, canonical), set()).add(surface)
    # A person named by surname only ("President Trump") is the corpus's person of that name.
    for index, mention in enumerate(result.mentions):
        if mention.kind == PERSON and " " not in mention.name:
            found = lookup(mention.name)
            if found and found[0] == PERSON and found[1] != mention.name:
                result.mentions[index] = Mention(
                    found[1], PERSON, mention.surface, mention.start, mention.end
                )
                forms = result.aliases.pop((PERSON, mention.name), set())
                result.aliases.setdefault((PERSON, found[1]), set()).update(
                    forms | {mention.name}
                )
    result.mentions.sort(key=_START)
    result.unresolved = []
    return result
