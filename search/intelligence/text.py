"""Small text helpers shared by the extractors (pure Python)."""

from __future__ import annotations

import re

# A placeholder for the full stop of an abbreviation: same length, so offsets never move.
ABBREVIATION_DOT = "\u2024"

_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Sens|Rep|Reps|Lt|Gen|Col|Sgt|Capt|Maj|St|Jr|Sr|Inc|Corp|Co|Ltd|"
    r"Prof|Rev|Supt|Gov|Atty|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|Ft|Mt)\."
    r"|(?<![\w.])(?:[A-Z]\.){2,}"  # U.S., U.N., D.C.
    r"|(?<=\s)[A-Z]\.(?=\s[A-Z])"  # a middle initial: Sarah N. Lynch
)

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def mask_abbreviations(text: str) -> str:
    """``text`` with the full stops of abbreviations replaced by a look-alike, same length."""
    return _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", ABBREVIATION_DOT), text)


def unmask(text: str) -> str:
    return text.replace(ABBREVIATION_DOT, ".")


def normalise_quotes(text: str) -> str:
    """Typographic apostrophes to ASCII; everything else untouched (same length)."""
    return text.replace("’", "'").replace("‘", "'")


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def squash(text: str) -> str:
    """Collapse whitespace."""
    return " ".join(text.split())


def quote_key(text: str) -> str:
    """A key under which the same quotation matches across outlets: lower-case words only."""
    return " ".join(words(text))
