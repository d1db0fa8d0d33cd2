"""Small text helpers shared by the extractors (pure Python)."""

from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=2)
def mask_abbreviations(text: str) -> str:
    """``text`` with the full stops of abbreviations replaced by a look-alike, same length.

    Cached for the last two texts: the entity and the quote extractors both mask the article.

    The same as ``_CANDIDATE.sub(_mask, text)``, three times faster: that scan tries the
    look-behind at every character, while a candidate always has a full stop at most five
    characters after its start. So only the few characters before each full stop are searched:
    a candidate whose first full stop is at ``dot`` starts in ``dot - 5 … dot - 1``, and a search
    of that window cut just after ``dot`` finds the same leftmost start (cut there, the initials
    ``U.S.`` still match as ``U.``); matching again from that start without the cut gives the
    whole candidate. Searching resumes after each candidate, as ``sub`` does.
    """
    dot = text.find(".")
    if dot < 0:
        return text
    search, match = _CANDIDATE.search, _CANDIDATE.match
    pieces: list[str] = []
    copied = scanned = 0  # text[:copied] is in pieces; no candidate starts before scanned
    while dot >= 0:
        found = search(text, max(dot - 5, scanned), dot + 1)
        if found is None:
            scanned = dot + 1
        else:
            found = match(text, found.start())
            start, scanned = found.span()
            replacement = _mask(found)
            if replacement != found.group(0):
                pieces += (text[copied:start], replacement)
                copied = scanned
        dot = text.find(".", scanned)
    if not pieces:
        return text
    pieces.append(text[copied:])
    return "".join(pieces)


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
    """A key under which the same quotation matches across outlets: lower-case words only
    (``" ".join(words(text))``, lowered once: ``WORD`` matches ASCII letters and digits and one
    apostrophe, which lower-case alike alone or joined)."""
    return " ".join(WORD.findall(text)).lower().replace("’", "'")
