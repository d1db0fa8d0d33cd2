"""Reader-comment sections: a whole-line heading after the body, then one comment a line."""

from __future__ import annotations

import re

MAX_HEADING_CHARS = 100

COMMENT_HEADING = re.compile(
    r"(?:join\s+the\s+(?:discussion|conversation|debate)|"
    r"(?:reader(?:s'?|'s)?\s+)?comments?|"
    r"(?:leave|post|add|write)\s+a\s+(?:comment|reply|response)|"
    r"(?:show|view|see|read|load|hide)\s+(?:all\s+)?(?:\d[\d,]*\s+)?comments?|"
    r"\d[\d,]*\s+(?:comments?|responses?|replies)|comments?\s*\(\d[\d,]*\)|"
    r"(?:discussion|conversation)|what\s+do\s+you\s+think\??|have\s+your\s+say|"
    r"\d[\d,]*\s+(?:thoughts|responses|replies)\s+(?:on|to)\s+.{1,80})"
    r"\s*[:.]?",
    re.IGNORECASE,
)


def is_comment_heading(line: str) -> bool:
    text = line.strip()
    return len(text) <= MAX_HEADING_CHARS and bool(COMMENT_HEADING.fullmatch(text))
