"""Side-by-side comparison of two versions of a story (pure Python): what each outlet added or
cut, sentence by sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .text import mask_abbreviations, unmask, words

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z0-9])|\n+")


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "changed", "only_left" (cut by the right), "only_right" (added)
    left: str
    right: str


def sentences(text: str) -> list[str]:
    masked = mask_abbreviations(text)
    return [unmask(s).strip() for s in _SENTENCE_END.split(masked) if s.strip()]


def compare(left_text: str, right_text: str) -> list[Row]:
    left, right = sentences(left_text), sentences(right_text)
    matcher = SequenceMatcher(
        a=[" ".join(words(s)) for s in left], b=[" ".join(words(s)) for s in right],
        autojunk=False,
    )
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [Row("same", left[i], right[j]) for i, j in zip(range(i1, i2), range(j1, j2),
                                                                      strict=True)]
        elif op == "delete":
            rows += [Row("only_left", left[i], "") for i in range(i1, i2)]
        elif op == "insert":
            rows += [Row("only_right", "", right[j]) for j in range(j1, j2)]
        else:
            a, b = left[i1:i2], right[j1:j2]
            for index in range(max(len(a), len(b))):
                one = a[index] if index < len(a) else ""
                two = b[index] if index < len(b) else ""
                kind = "changed" if one and two else ("only_left" if one else "only_right")
                rows.append(Row(kind, one, two))
    return rows


def summary(rows: list[Row]) -> dict[str, int]:
    counts = {"same": 0, "changed": 0, "only_left": 0, "only_right": 0}
    for row in rows:
        counts[row.kind] += 1
    return counts
