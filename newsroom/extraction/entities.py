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

Where the steps live: ``entity_split`` (1), ``entity_plans`` (2, worked out once per distinct
run of words and cached), ``aliases`` (3). This module finds the runs and datelines.
"""

from __future__ import annotations

from .aliases import ArticleEntities, Mention, initials, resolve, resolve_with
from .entity_plans import FIXED, Context, Raw, expand, run_plan
from .entity_rules import (
    COMMON,
    DATELINE,
    ORGANISATION,
    PERSON,
    PLACE,
    RUN,
    SENTENCE_OPENERS,
)
from .gazetteer import ACRONYMS
from .text import mask_abbreviations


def extract_entities(text: str) -> ArticleEntities:
    """The people, organisations and places ``text`` names, resolved within the article."""
    masked, raw = _datelines(text, mask_abbreviations(text))
    context = Context(masked)
    for match in RUN.finditer(masked):
        start = match.start()
        before = masked[start - 3 if start > 3 else 0 : start].rstrip(" ")
        sentence_start = not before or before[-1] in SENTENCE_OPENERS
        run = match.group()
        if sentence_start and " " not in run and run.lower() in COMMON:
            continue  # "The", "But", "In": the most common run, never a name
        for entry in run_plan(run, sentence_start):
            if entry[0] == FIXED:
                raw.append((start + entry[1], start + entry[2], entry[3], entry[4]))
            else:
                raw += expand(entry, start, context)
    return resolve(raw)


def _datelines(text: str, masked: str) -> tuple[str, list[Raw]]:
    """"SAN DIEGO — …", "FLAGSTAFF, Ariz. (Reuters) - …": the city is a place. Returns
    ``masked`` (``text`` masked) with each dateline city blanked (same length) and the places.

    Blanking the masked text is the same as masking the blanked text (as this did until
    2026-11), and lets the quote extractor reuse the mask of ``text``: a dateline city starts a
    line and is followed by ", ", " (" or white space, and whether a full stop is masked depends
    only on the word it ends and the characters just around that word. So no word outside the
    city is masked differently, and what is masked inside it is blanked anyway."""
    found: list[Raw] = []
    for match in DATELINE.finditer(text):
        city = match.group("city")
        if len(city) < 3 or city in ACRONYMS:
            continue
        name = " ".join(w.capitalize() if w.isalpha() else w.title() for w in city.split())
        start, end = match.span("city")
        found.append((start, end, PLACE, name))
        masked = masked[:start] + " " * len(city) + masked[end:]
    return masked, found


__all__ = [
    "ORGANISATION", "PERSON", "PLACE", "ArticleEntities", "Mention", "extract_entities",
    "initials", "resolve_with",
]
