"""Joining many regexes into one alternation: a single regex call that rules a line out.

Parsing tests every line against dozens of rules and signature patterns, and almost every line
matches none. One alternation of them all answers "does any match?" in a single call; only a line
that passes is then tested rule by rule, as before, so results never change. A regex that refers
to one of its own groups (``\\1``, ``(?P=name)``, ``(?(1)…)``) cannot join: in the alternation its
group numbers would shift.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants
    import sre_parse

_GROUP_REFERENCES = {
    getattr(sre_constants, name)
    for name in ("GROUPREF", "GROUPREF_EXISTS", "GROUPREF_IGNORE", "GROUPREF_LOC_IGNORE",
                 "GROUPREF_UNI_IGNORE")
    if hasattr(sre_constants, name)
}
_JOINABLE_FLAGS = re.IGNORECASE | re.UNICODE


def joinable(pattern: re.Pattern[str]) -> bool:
    """Can ``pattern`` be one branch of an alternation and match exactly what it matches alone?"""
    if pattern.flags & ~_JOINABLE_FLAGS:
        return False
    if pattern.groups == 0:
        return True
    try:
        return not _refers_to_groups(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - defensive: an unknown shape just stays apart
        return False


def _refers_to_groups(node) -> bool:
    items = node.data if isinstance(node, sre_parse.SubPattern) else node
    for item in items:
        if isinstance(item, tuple) and len(item) == 2 and item[0] in _GROUP_REFERENCES:
            return True
        for part in item if isinstance(item, tuple | list) else ():
            if isinstance(part, sre_parse.SubPattern | tuple | list) and _refers_to_groups(part):
                return True
    return False


def anchored_at_start(pattern: re.Pattern[str]) -> bool:
    """Can ``pattern`` only match at the start of the text (it begins with ``^`` or ``\\A``, no
    MULTILINE)? Then ``search`` and ``match`` agree, and ``match`` never scans the text."""
    if pattern.flags & re.MULTILINE:
        return False
    try:
        items = sre_parse.parse(pattern.pattern, pattern.flags).data
    except Exception:  # pragma: no cover - defensive
        return False
    return bool(items) and items[0][0] is sre_constants.AT and items[0][1] in (
        sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING)


def _branch(pattern: re.Pattern[str]) -> str | None:
    """``pattern`` as a branch carrying its own case flag, or ``None`` if it cannot be one."""
    if not joinable(pattern):
        return None
    branch = f"(?{'i' if pattern.flags & re.IGNORECASE else '-i'}:{pattern.pattern})"
    try:
        re.compile(branch)  # e.g. a global "(?i)" inside: refused in a group
    except re.error:
        return None
    return branch


def alternation(
    patterns: Iterable[re.Pattern[str]],
) -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
    """One regex matching where any joinable pattern matches (each keeps its own case flag), and
    the patterns that must still be tried on their own. Match a text against both to know whether
    any of ``patterns`` matches."""
    branches, alone = [], []
    for pattern in patterns:
        branch = _branch(pattern)
        if branch is None:
            alone.append(pattern)
        else:
            branches.append((branch, pattern))
    if not branches:
        return None, tuple(alone)
    try:
        return re.compile("|".join(branch for branch, _ in branches)), tuple(alone)
    except re.error:  # e.g. two patterns naming a group alike: no shortcut
        return None, tuple(pattern for _, pattern in branches) + tuple(alone)



# --- needles: words a regex cannot match without ----------------------------------------------

# The only characters that a case-insensitive regex matches with an ASCII letter other than that
# letter's own upper or lower case (found by trying every code point against a-z under
# re.IGNORECASE): a text without them holds an ASCII word, in any case, exactly when its
# ``lower()`` holds the word in lower case.
FOLDS_TO_ASCII = "İıſ\u212a"
_REPEATS = {getattr(sre_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT",
                                                         "POSSESSIVE_REPEAT")
            if hasattr(sre_constants, name)}
Needles = tuple[tuple[str, ...], ...]


def needles(pattern: re.Pattern[str], most: int = 2) -> Needles:
    """Up to ``most`` groups of lower-case ASCII words such that any text ``pattern`` matches
    holds, in any case, one word of every group (``()`` when none is known). Read from the
    parsed regex: literal runs of its top-level sequence, of groups and of repeats that must
    occur at least once; of a choice (``a|b``), one word of each branch. The groups with the
    longest shortest word come first (they rule most texts out)."""
    try:
        found = _sequence(sre_parse.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # pragma: no cover - defensive: an unknown shape gets no needles
        return ()
    found = sorted(set(found), key=lambda group: (-min(map(len, group)), sorted(group)))
    return tuple(tuple(sorted(group)) for group in found[:most])


def _sequence(items) -> list[frozenset[str]]:
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in list(items) + [(None, None)]:
        if op is sre_constants.LITERAL and value < 128:
            run.append(chr(value).lower())
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is sre_constants.SUBPATTERN:
            found += _sequence(value[-1].data)
        elif op in _REPEATS and value[0] >= 1:
            found += _sequence(value[2].data)
        elif op is sre_constants.BRANCH:
            best = [_best(_sequence(branch.data)) for branch in value[1]]
            if all(best):
                found.append(frozenset().union(*best))
    return found


def _best(groups: list[frozenset[str]]) -> frozenset[str] | None:
    return max(groups, key=lambda group: min(map(len, group)), default=None)


def starts_with_wildcard(pattern: re.Pattern[str]) -> bool:
    """Does ``pattern`` begin with a repeat of any character (``.{0,200}…``, in every branch of
    a choice)? Such a regex costs the most where it fails: the engine tries every length of the
    wildcard."""
    try:
        return _wild_start(sre_parse.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # pragma: no cover - defensive
        return False


def _wild_start(items) -> bool:
    if not items:
        return False
    op, value = items[0]
    if op in _REPEATS:
        inner = value[2].data
        return len(inner) == 1 and inner[0][0] is sre_constants.ANY
    if op is sre_constants.BRANCH:
        return all(_wild_start(branch.data) for branch in value[1])
    if op is sre_constants.SUBPATTERN:
        return _wild_start(value[-1].data)
    return False


def has_needles(low: str, groups: Needles) -> bool:
    """Does ``low`` (a text's ``lower()``, the text free of ``FOLDS_TO_ASCII``) hold one word of
    every group?"""
    for group in groups:
        for word in group:
            if word in low:
                break
        else:
            return False
    return True


# Punctuation that prose is full of: no use as a key character (see ``key_char``).
_PROSE_PUNCTUATION = frozenset(" ,.;:'\"-!?")


def key_char(pattern: re.Pattern[str]) -> str | None:
    """A punctuation character every match of ``pattern`` holds (in every word of one of its
    needle groups: the "(" of "… \\(Reuters\\) -"), or ``None``. Case folding never reaches
    punctuation, so ``char in text`` rules a text out without lowering it. Letters, digits and
    the punctuation prose is full of are never chosen: a line seldom lacks them."""
    for group in needles(pattern, most=8):
        common = set.intersection(*(set(word) for word in group))
        for char in sorted(common):
            if char.isascii() and not char.isalnum() and char not in _PROSE_PUNCTUATION:
                return char
    return None


# --- alternations of words, grouped by their first letter ----------------------------------


def top_level_branches(pattern: str) -> list[str]:
    """The branches of ``pattern``'s top-level ``|``: escapes, character classes and groups are
    stepped over."""
    branches, depth, in_class, start, index = [], 0, False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            first = index + 2 if pattern[index + 1 : index + 2] == "^" else index + 1
            if pattern[first : first + 1] == "]":
                index = first  # "[]…]", "[^]…]": a "]" first in a class is one of its characters
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
        index += 1
    branches.append(pattern[start:])
    return branches


def by_first_letter(branches: Iterable[str], *, ignore_case: bool) -> str:
    """``(?:b1|b2|…)``, written as ``(?:s(?:ubscribe|hare)|n(?:ewsletter)|…)``: the branches
    grouped by their first character, which must be a plain ASCII letter (``ValueError``
    otherwise), one group per letter (per letter in either case when ``ignore_case``), the
    branches in their order within it.

    Both match the same text the same way: a character of the text matches at most one ASCII
    letter (in either case; each of ``FOLDS_TO_ASCII`` folds onto one), so at any position
    branches of two groups never both match, and within a group the first branch that matches
    is the same one. But the regex engine only passes over a branch cheaply when it starts with
    a case-sensitive literal that the text does not hold; under IGNORECASE it tried every
    branch in full at every position (six times the time of FURNITURE's search)."""
    groups: dict[str, list[str]] = {}
    for branch in branches:
        head = branch[:1]
        if not (head.isascii() and head.isalpha()) or branch[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"not a branch that starts with a plain letter: {branch!r}")
        groups.setdefault(head.lower() if ignore_case else head, []).append(branch[1:])
    return "(?:" + "|".join(f"{head}(?:{'|'.join(rests)})" for head, rests in groups.items()) \
        + ")"
