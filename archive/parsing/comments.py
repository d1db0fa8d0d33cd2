"""Reader-comment sections: a whole-line heading, then one comment a line.

Unambiguous headings ("Join the discussion", "Reader comments", "12 comments", "Leave a
comment") open a section wherever they stand, so a page of comments alone is recognised.
Bare words that double as navigation links at the top of a page ("Comments", "Show comments",
"Discussion") only open a section once some body text precedes them.
"""

from __future__ import annotations

import re

MAX_HEADING_CHARS = 100

STRONG_HEADING = re.compile(
    r"(?:join\s+the\s+(?:discussion|conversation|debate)|"
    r"reader(?:s'?|'s|’s)?\s+comments?|"
    r"(?:leave|post|add|write)\s+a\s+(?:comment|reply|response)|"
    r"\d[\d,]*\s+(?:comments?|responses?|replies)|comments?\s*\(\d[\d,]*\)|"
    r"\d[\d,]*\s+(?:thoughts|responses|replies)\s+(?:on|to)\s+.{1,80})"
    r"\s*[:.]?",
    re.IGNORECASE,
)
WEAK_HEADING = re.compile(
    r"(?:comments?|(?:show|view|see|read|load|hide)\s+(?:all\s+)?(?:\d[\d,]*\s+)?comments?|"
    r"discussion|conversation|what\s+do\s+you\s+think\??|have\s+your\s+say)"
    r"\s*[:.]?",
    re.IGNORECASE,
)


# "{ 38 comments… read them below or add one }": a count of comments opening a short line.
COUNTED_HEADING = re.compile(r"\d[\d,]*\s+(?:comments?|responses|replies)\s*(?:…|\.\.\.|[:;,—–-])",
                             re.IGNORECASE)
MAX_COUNTED_HEADING_WORDS = 10


def heading_strength(line: str) -> int:
    """2 for an unambiguous comment heading, 1 for one that needs body before it, else 0."""
    text = line.strip()
    if len(text) > MAX_HEADING_CHARS:
        return 0
    if STRONG_HEADING.fullmatch(text):
        return 2
    if WEAK_HEADING.fullmatch(text):
        return 1
    bare = text.strip("{}[]() ")
    if bare[:1].isdigit() and COUNTED_HEADING.match(bare) \
            and len(bare.split()) <= MAX_COUNTED_HEADING_WORDS:
        return 2
    return 0


def is_comment_heading(line: str) -> bool:
    return heading_strength(line) > 0


_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s")


def _number(line: str) -> int | None:
    found = _NUMBERED.match(line)
    return int(found.group(1)) if found else None


def _quote_open(text: str) -> bool:
    """An opening curly quotation mark left unclosed (the comment goes on the next line)."""
    return text.count("“") > text.count("”")


def group_comments(lines: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Comment lines (one a line, as parsed) grouped into comments, lines joined by newlines.

    A line joins the comment before it when it continues a numbered list ("2." after "1.": one
    reader's list is one comment) or when the comment before it left a quotation open.
    """
    grouped: list[list[str]] = []
    for line in lines:
        if grouped:
            previous = grouped[-1]
            number, before = _number(line), _number(previous[-1])
            continues_list = number is not None and before is not None and number == before + 1
            if continues_list or _quote_open("\n".join(previous)):
                previous.append(line)
                continue
        grouped.append([line])
    return tuple("\n".join(comment) for comment in grouped)
