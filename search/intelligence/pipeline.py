"""All three extractions of one text, as the ingestion service and the evaluation run them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .clusters import ClusterSettings, Fingerprint, fingerprint
from .entities import PERSON, ArticleEntities, extract_entities, resolve_with
from .quotes import Quote, extract_quotes

Lookup = Callable[[str], "tuple[str, str] | None"]


@dataclass
class TextAnalysis:
    entities: ArticleEntities
    quotes: list[Quote]
    speakers: list[tuple[str, str] | None]  # per quote: the (kind, name) entity that spoke
    fingerprint: Fingerprint | None


def lookup_names(result: ArticleEntities) -> set[str]:
    """The names the corpus should be asked about (see ``resolve_with``)."""
    return {surface for _, _, surface in result.unresolved} | {
        m.name for m in result.mentions if m.kind == PERSON and " " not in m.name
    }


def analyse_text(
    text: str,
    *,
    lookup: Callable[[set[str]], Lookup] | None = None,
    cluster_settings: ClusterSettings | None = None,
) -> TextAnalysis:
    """Entities (resolved against the corpus by ``lookup(names)`` → a name → (kind, name)
    function), quotes with the entity that spoke each, and the same-story fingerprint."""
    found = extract_entities(text)
    if lookup is not None:
        resolve_with(found, lookup(lookup_names(found)))
    quotes = extract_quotes(text, found.people(), found.organisations())
    speakers = [speaker_entity(q.speaker, found) for q in quotes]
    fp = fingerprint(text, cluster_settings) if cluster_settings else None
    return TextAnalysis(found, quotes, speakers, fp)


def speaker_entity(speaker: str, found: ArticleEntities) -> tuple[str, str] | None:
    """The article's entity a speaker names: its canonical name, one of its aliases ("the FDA"),
    or a surname ("Driscoll")."""
    if not speaker:
        return None
    bare = speaker.removeprefix("the ").removeprefix("The ")
    pairs = found.entities()
    for kind, name in pairs:
        if speaker == name or bare == name:
            return kind, name
    for (kind, name), forms in found.aliases.items():
        if speaker in forms or bare in forms:
            return kind, name
    if " " not in speaker:
        for kind, name in pairs:
            if kind == PERSON and name.split()[-1] == speaker:
                return kind, name
    return None
