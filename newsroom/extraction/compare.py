"""Side-by-side comparison of two versions of a story (pure Python): what each outlet added or
cut, sentence by sentence.

Identical sentences are found first (difflib); between two runs of identical ones, the sentences
of each side are aligned by similarity (in order, the pairing with the most similarity), and a
pair is "reworded" only when at least ``REWORDED_AT`` of their words are shared; any other
sentence is "only in" its side."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from .text import mask_abbreviations, unmask, words

REWORDED_AT = 0.5  # Dice similarity of the two sentences' words (0: nothing shared, 1: same)
MAX_ALIGNED = 400  # sentences per side aligned by similarity; beyond, each is "only in"

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
            rows += align(left[i1:i2], right[j1:j2])
    return rows


def similarity(one: str, two: str) -> float:
    """Dice coefficient of the two sentences' words (case and punctuation ignored)."""
    a, b = Counter(words(one)), Counter(words(two))
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def align(left: list[str], right: list[str]) -> list[Row]:
    """Rows for two runs of differing sentences: the in-order pairing that shares the most
    (dynamic programming over the similarity of every pair); pairs below ``REWORDED_AT`` are
    not pairs."""
    if len(left) > MAX_ALIGNED or len(right) > MAX_ALIGNED:
        return [Row("only_left", s, "") for s in left] + [Row("only_right", "", s) for s in right]
    score = [[similarity(a, b) for b in right] for a in left]
    n, m = len(left), len(right)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = score[i][j] + best[i + 1][j + 1] if score[i][j] >= REWORDED_AT else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    rows: list[Row] = []
    i = j = 0
    while i < n and j < m:
        if score[i][j] >= REWORDED_AT and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            rows.append(Row("changed", left[i], right[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            rows.append(Row("only_left", left[i], ""))
            i += 1
        else:
            rows.append(Row("only_right", "", right[j]))
            j += 1
    rows += [Row("only_left", s, "") for s in left[i:]]
    rows += [Row("only_right", "", s) for s in right[j:]]
    return rows


def summary(rows: list[Row]) -> dict[str, int]:
    counts = {"same": 0, "changed": 0, "only_left": 0, "only_right": 0}
    for row in rows:
        counts[row.kind] += 1
    return counts
