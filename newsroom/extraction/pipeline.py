"""All three extractions of one text, as the ingestion service and the evaluation run them.

Two ways in:

- ``analyse_text(text, lookup=…)``: everything at once, asking the corpus (``lookup``) about the
  names the article alone could not place;
- ``prepare_text(text)`` then ``PreparedText.finish(lookup)``: the same result in two steps, so
  that the costly part (extraction, MinHash signatures, LSH band keys) runs where there is no
  database — ingest's parse workers — and only the corpus look-up runs in the writing process.
  ``finish`` re-resolves only when the corpus knows one of the names asked about; otherwise the
  prepared result stands as it is. Both ways give the same result (tested).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .aliases import ArticleEntities
from .clusters import ClusterSettings, Fingerprint, band_keys, fingerprint
from .entities import PERSON, extract_entities, resolve_with
from .quotes import Quote, attribute, find_quotes
from .text import quote_key

Lookup = Callable[[str], "tuple[str, str] | None"]


@dataclass
class TextAnalysis:
    entities: ArticleEntities
    quotes: list[Quote]
    speakers: list[tuple[str, str] | None]  # per quote: the (kind, name) entity that spoke
    fingerprint: Fingerprint | None
    keys: list[int] = field(default_factory=list)  # LSH band keys of the fingerprint
    quote_keys: list[str] = field(default_factory=list)  # per quote: ``text.quote_key``


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
    return _with_quotes(find_quotes(text), found, _fingerprint(text, cluster_settings))


@dataclass
class PreparedText:
    """``prepare_text``'s result: picklable, so a worker process can hand it back."""

    asked: frozenset[str]  # the names to ask the corpus about
    unresolved: ArticleEntities | None  # the entities before the corpus is asked (if it must be)
    found_quotes: list[Quote]  # the quotations before their speakers are resolved
    analysis: TextAnalysis  # the result when the corpus knows none of ``asked``

    def finish(self, lookup: Lookup) -> TextAnalysis:
        """The result once the corpus (``lookup``: name → (kind, name) or None) is asked."""
        if self.unresolved is None or not any(lookup(name) for name in self.asked):
            return self.analysis
        found = _copy(self.unresolved)
        resolve_with(found, lookup)
        analysis = _with_quotes(self.found_quotes, found, self.analysis.fingerprint,
                                quote_keys=self.analysis.quote_keys)  # same texts, same keys
        analysis.keys = self.analysis.keys
        return analysis


def prepare_text(text: str, cluster_settings: ClusterSettings) -> PreparedText:
    """Everything that needs no database: entities, quotes, signatures and band keys."""
    found = extract_entities(text)
    asked = frozenset(lookup_names(found))
    unresolved = _copy(found) if asked else None
    resolve_with(found, _nothing)
    fp = fingerprint(text, cluster_settings)
    quotes = find_quotes(text)
    analysis = _with_quotes(quotes, found, fp)
    analysis.keys = band_keys(fp, cluster_settings)
    return PreparedText(asked, unresolved, quotes, analysis)


def _nothing(name: str) -> None:
    return None


def _fingerprint(text: str, settings: ClusterSettings | None):
    return fingerprint(text, settings) if settings else None


def _with_quotes(found_quotes: list[Quote], found: ArticleEntities, fp: Fingerprint | None,
                 quote_keys: list[str] | None = None) -> TextAnalysis:
    quotes = attribute(found_quotes, found.people(), found.organisations())
    pairs = found.entities()
    speakers = [speaker_entity(q.speaker, found, pairs) for q in quotes]
    if quote_keys is None:
        quote_keys = [quote_key(q.text) for q in quotes]
    return TextAnalysis(found, quotes, speakers, fp, quote_keys=quote_keys)


def _copy(found: ArticleEntities) -> ArticleEntities:
    return ArticleEntities(
        mentions=list(found.mentions),
        aliases={key: set(forms) for key, forms in found.aliases.items()},
        unresolved=list(found.unresolved),
    )


def speaker_entity(speaker: str, found: ArticleEntities,
                   pairs: list[tuple[str, str]] | None = None) -> tuple[str, str] | None:
    """The article's entity a speaker names: its canonical name, one of its aliases ("the FDA"),
    or a surname ("Driscoll"). ``pairs``: ``found.entities()``, if the caller has it (asked
    once per article, not once per quotation)."""
    if not speaker:
        return None
    bare = speaker.removeprefix("the ").removeprefix("The ")
    if pairs is None:
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
