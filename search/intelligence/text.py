"""Small text helpers shared by the extractors (pure Python)."""

from __future__ import annotations

import re

# A placeholder for the full stop of an abbreviation: same length, so offsets never move.
ABBREVIATION_DOT = "\u2024"

_ABBREVIATION_WORDS = frozenset(
    str.split(
        "Mr Mrs Ms Dr Gov Sen Sens Rep Reps Lt Gen Col Sgt Capt Maj St Jr Sr Inc Corp Co Ltd "
        "Prof Rev Supt Atty Jan Feb Aug Sept Sep Oct Nov Dec No vs Ft Mt"
    )
)
# A short word (or initials like U.S.) and its full stop; the callback decides.
_CANDIDATE = re.compile(r"(?<![\w.\u2024])(?:(?:[A-Z]\.){2,}|[A-Za-z]{1,5}\.)")


def _mask(match: re.Match) -> str:
    found = match.group(0)
    word = found[:-1]
    if "." in word or word in _ABBREVIATION_WORDS:  # U.S., Mr.
        return found.replace(".", ABBREVIATION_DOT)
    if len(word) == 1 and word.isupper():  # a middle initial: Sarah N. Lynch
        text, start, end = match.string, match.start(), match.end()
        if start > 0 and text[start - 1] == " " and text[end : end + 1] == " " and text[
            end + 1 : end + 2
        ].isupper():
            return word + ABBREVIATION_DOT
    return found


WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def mask_abbreviations(text: str) -> str:
    """``text`` with the full stops of abbreviations replaced by a look-alike, same length."""
    return _CANDIDATE.sub(_mask, text)


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
