"""Does a decoded text need ftfy's mojibake repair? The same answer as ftfy, found faster.

``ftfy.fix_encoding`` returns its input unchanged unless ``ftfy.badness.is_bad`` finds a
suspicious character sequence, and ``is_bad`` scans the whole text with one large regex: about a
millisecond for a 4 KB article, a third of the parse. Every alternative of that regex starts at
most a couple of characters before a character outside ASCII of a set read from the regex (not
the em dashes, apostrophes ’ and ellipses of ordinary text), so only the positions just before
those (few) characters of a page can start a match: :func:`may_need_repair` tries the regex
exactly there, with ``match(text, pos)``, which sees the whole text just as the full scan does.

The bound is derived from ftfy's regex when this module is imported; if the regex ever takes a
shape the analysis does not understand, :func:`may_need_repair` falls back to ``is_bad`` itself.
"""

from __future__ import annotations

import re

from ftfy.badness import BADNESS_RE, is_bad

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants
    import sre_parse

_MAX_LEAD = 4  # give up on alternatives that may start further than this before non-ASCII


def _set_may_hold_ascii(items) -> bool:
    for op, arg in items:
        if op is sre_constants.LITERAL:
            if arg < 128:
                return True
        elif op is sre_constants.RANGE:
            if arg[0] < 128:
                return True
        else:  # a category, a negated set, …: assume it may
            return True
    return False


def _set_chars(items) -> set[int]:
    """The code points of a set that holds only literals and ranges (``_set_may_hold_ascii``
    false: all of them outside ASCII)."""
    chars: set[int] = set()
    for op, arg in items:
        if op is sre_constants.LITERAL:
            chars.add(arg)
        else:  # a RANGE, the only other kind such a set holds
            chars.update(range(arg[0], arg[1] + 1))
    return chars


def _lead(items) -> tuple[int, set[int]] | None:
    """Most characters a match of the sequence ``items`` may consume before the first item that
    only matches non-ASCII characters, and the characters that item matches; ``None`` when there
    may be no such item."""
    lead = 0
    for op, arg in items:
        if op is sre_constants.AT:
            continue  # an anchor consumes nothing
        if op is sre_constants.LITERAL:
            if arg >= 128:
                return lead, {arg}
            lead += 1
        elif op is sre_constants.IN:
            if not _set_may_hold_ascii(arg):
                return lead, _set_chars(arg)
            lead += 1
        elif op is sre_constants.ANY:
            lead += 1
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, sub = arg
            inner = _lead(sub.data)
            if inner is not None and low >= 1:
                return lead + inner[0], inner[1]
            width = sub.getwidth()[1]
            if high is sre_constants.MAXREPEAT or width * high > _MAX_LEAD:
                return None
            lead += width * high
        else:
            return None
        if lead > _MAX_LEAD:
            return None
    return None


def _max_lead(pattern: re.Pattern[str]) -> tuple[int, re.Pattern[str]] | None:
    """The most characters any match of ``pattern`` may consume before a character of one set
    of non-ASCII characters, and that set as a one-character regex; ``None`` when unknown."""
    if pattern.flags & re.IGNORECASE:
        return None  # a non-ASCII letter might then match an ASCII one
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - defensive: never break parsing over a speed-up
        return None
    data = list(tree.data)
    if len(data) == 1 and data[0][0] is sre_constants.BRANCH:
        branches = [branch.data for branch in data[0][1][1]]
    else:
        branches = [data]
    leads = [_lead(branch) for branch in branches]
    if any(lead is None for lead in leads):
        return None
    chars = set().union(*(found for _, found in leads))
    return max(lead for lead, _ in leads), re.compile(
        "[" + "".join(re.escape(chr(char)) for char in sorted(chars)) + "]")


_ANALYSED = _max_lead(BADNESS_RE)
# Every match of ftfy's regex holds, at most MAX_LEAD characters after its start, a character
# that LEAD_CHARS finds (the first item of its branch that only matches non-ASCII characters):
# only the positions just before those characters can start a match. Common punctuation outside
# ASCII that starts no branch (an em dash, an apostrophe ’, an ellipsis) is never a start.
MAX_LEAD, LEAD_CHARS = _ANALYSED if _ANALYSED is not None else (None, None)


def may_need_repair(text: str) -> bool:
    """Exactly ``not text.isascii() and ftfy.badness.is_bad(text)``, without scanning it all."""
    if text.isascii():
        return False
    if MAX_LEAD is None or LEAD_CHARS is None:  # pragma: no cover - ftfy changed its regex
        return is_bad(text)  # (take the slow, sure path)
    tried = -1
    match = BADNESS_RE.match
    for found in LEAD_CHARS.finditer(text):
        position = found.start()
        for start in range(max(position - MAX_LEAD, tried + 1), position + 1):
            if match(text, start):
                return True
        tried = position
    return False
