"""The rules of the entity extractor as data: cue words, name patterns and the regular
expressions that chunk and classify capitalised runs (used by ``entities.py``)."""

from __future__ import annotations

import re

from .gazetteer import (
    CONNECTORS,
    KNOWN_ORGS,
    ORG_CUES_EXTRA,
    PLACES,
    TITLE_WORDS,
)
from .gazetteer import ORG_CUES as _BASE_ORG_CUES

ORG_CUES = _BASE_ORG_CUES | ORG_CUES_EXTRA
# First two words of multi-word names that start with a common word ("New York").
NAME_STARTS = frozenset(" ".join(n.split()[:2]) for n in PLACES | KNOWN_ORGS if " " in n)
PLACE_FIRST = frozenset({"lake", "gulf", "mount", "cape", "isle", "port"} - {"port"})


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())

PERSON, ORGANISATION, PLACE = "person", "organisation", "place"
MAX_NAME_WORDS = 10


# Capitalised words that are not names when they stand alone or start a chunk.
COMMON = _words(
    """
    a an the this that these those it its in on at of for by to from with and but or nor so
    yet if when while as after before since until because although though once then there
    here he she they we i you his her their our my your him them us me who what which where
    why how all any some many most more much few each every both either neither no not one
    two three four five six seven eight nine ten first second third last next new old other
    another such same also even still just only already ever never always often sometimes
    now today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december mr
    mrs ms dr according however meanwhile instead overall furthermore moreover still though
    earlier later asked said says supporters critics officials advocates police prosecutors
    residents people some several under over about between against during without within
    across through into onto upon among around like unlike despite toward towards while
    whether please share advertisement photo read more click subscribe sign log analysts
    investigators experts economists researchers scientists lawyers doctors workers voters
    students teachers parents families officers agents deputies crews firefighters
    """
)
DATE_WORDS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    """
)
# A capitalised word: initials ("U.S.", masked) or a word, hyphenated or with an apostrophe.
_AFTER_CAPITAL = r"(?:\u2024(?:[A-Z]\u2024)+|(?:[^\W\d_]|\u2024)*(?:[-’'](?:[^\W\d_]|\u2024)+)*)"
_CAPITALISED = rf"[A-Z]{_AFTER_CAPITAL}"
_NOT_A_DATE = r"(?!(?:" + "|".join(w.capitalize() for w in sorted(DATE_WORDS)) + r")\b)"
# A run: a capitalised word not inside a word, then more words, written with the first capital
# letter ahead of the look-behind (``[A-Z](?<![\w\u2024].)``: the character before that letter
# is no word character) so that the regular expression engine skips to the next capital letter
# instead of trying the look-behind at every character: the same matches, in half the time.
RUN = re.compile(
    rf"[A-Z](?<![\w\u2024].){_AFTER_CAPITAL}"
    rf"(?: (?:{'|'.join(sorted(CONNECTORS))}) {_NOT_A_DATE}{_CAPITALISED}| {_CAPITALISED})*"
)
SENTENCE_OPENERS = frozenset('.!?:;\n—–"“‘(')
TITLE_NOUNS = TITLE_WORDS - {"state", "federal", "district", "county", "city", "us", "u.s."}
PERSON_VERBS = re.compile(
    r"^(?:’s|'s)?\s*(?:,\s*(?:a|an|the|who|whose|said|says|told)\b|\s(?:said|says|told|wrote|"
    r"added|argued|warned|noted|explained|asked|testified|tweeted|stated)\b)"
)
_SAID_VERBS = ("said", "says", "told", "wrote", "added")
_SAID_BEFORE = re.compile(
    rf"(?:\b(?:{'|'.join(_SAID_VERBS)})|\b(?:spokesman|spokeswoman|spokesperson|director|"
    r"president|executive|official|lawyer|attorney|analyst|professor|organizer|organiser|"
    r"economist|chief|founder|manager|member|resident|owner),)\s*$"
)
_PLACE_WORDS = ("in", "near", "outside", "across", "from")
_PLACE_BEFORE = re.compile(rf"\b(?:{'|'.join(_PLACE_WORDS)}|of the (?:city|town|village|"
                           r"community|port|state|region|county|suburb) of)\s*$")
# What a match of each ends with, but for white space: windows that end otherwise (nearly all)
# are ruled out without running the expression (\s is str.isspace, so rstrip() is exact).
_SAID_BEFORE_ENDS = (*_SAID_VERBS, ",")
_PLACE_BEFORE_ENDS = (*_PLACE_WORDS, " of")


def said_before(window: str) -> bool:
    """``_SAID_BEFORE.search(window)``: "…, a spokeswoman, " or "said" just before a name."""
    return window.rstrip().endswith(_SAID_BEFORE_ENDS) and bool(_SAID_BEFORE.search(window))


def place_before(window: str) -> bool:
    """``_PLACE_BEFORE.search(window)``: "in", "near", "of the city of"… just before a name."""
    return window.rstrip().endswith(_PLACE_BEFORE_ENDS) and bool(_PLACE_BEFORE.search(window))
CAMEL = re.compile(r"^(?:Mc|Mac)?[A-Z][a-z]+[A-Z][A-Za-z]+$")
DATELINE = re.compile(
    r"(?m)^(?P<city>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:, (?P<region>[A-Z][a-z]+\.?(?: [A-Z][a-z]+\.?)?))?"
    r"(?: \((?P<agency>[A-Za-z ]+)\))?\s+[—–-]"
)
