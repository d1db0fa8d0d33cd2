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


def heading_strength(line: str) -> int:
    """2 for an unambiguous comment heading, 1 for one that needs body before it, else 0."""
    text = line.strip()
    if len(text) > MAX_HEADING_CHARS:
        return 0
    if STRONG_HEADING.fullmatch(text):
        return 2
    if WEAK_HEADING.fullmatch(text):
        return 1
    return 0


def is_comment_heading(line: str) -> bool:
    return heading_strength(line) > 0
