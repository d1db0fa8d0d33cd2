"""Where a line stands: the article is the densest block of prose on the page. Pure Python.

:mod:`.furniture` gives each line a class from what it is (``GOOD`` prose, a ``SENTENCE``,
``BAD`` furniture, a ``SHORT`` line decided by its neighbours); this module finds the article
among them: the best-scoring run of lines, grown over prose a few lines away, plus the blocks of
prose outside it that are large enough to be part of it and the lead paragraphs above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .furniture import Shape

GOOD, SENTENCE, BAD, SHORT = "good", "sentence", "bad", "short"

# Scores of the densest-block search: prose adds its words, furniture costs this many.
BAD_COST = 12
SHORT_COST = 2
# Prose this many lines (or fewer) away from the article joins it.
MAX_GAP = 4
# A lead paragraph above the article (a standfirst) stays however far away: prose of this many
# words with this share of function words.
LEAD_WORDS = 15
LEAD_STOP_RATIO = 0.25
# A block of prose outside the article is kept when it has at least this share of its words.
SIDE_BLOCK_SHARE = 0.25


def densest_block(classes: Sequence[str], sizes: Sequence[int]) -> tuple[int, int]:
    """(start, end) inclusive of the best-scoring run of lines: prose adds its words, furniture
    and short lines cost (the maximum-sum subarray). (-1, -2) when there is no prose."""
    best, best_range = 0, (-1, -2)
    total, start = 0, 0
    for index, (cls, size) in enumerate(zip(classes, sizes, strict=True)):
        if cls == GOOD:
            score = size
        elif cls == SENTENCE:
            score = size // 2
        else:
            score = -BAD_COST if cls == BAD else -SHORT_COST
        if total <= 0:
            total, start = score, index
        else:
            total += score
        if total > best:
            best, best_range = total, (start, index)
    return best_range


def extend(classes: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Grow the article over prose that stands at most MAX_GAP lines away from it (a lead
    paragraph above a photo and its credit, a last paragraph below a share bar)."""
    moved = True
    while moved:
        moved = False
        for step in (-1, 1):
            edge = start if step < 0 else end
            gap, index = 0, edge + step
            while 0 <= index < len(classes) and gap <= MAX_GAP:
                if classes[index] in (GOOD, SENTENCE):
                    if step < 0:
                        start = index
                    else:
                        end = index
                    moved = True
                    break
                gap += 1
                index += step
    return start, end


def between_prose(classes: Sequence[str], index: int) -> bool:
    """Is the nearest decided line on each side prose? (A short line inside the article.)"""
    before = next((classes[j] for j in range(index - 1, -1, -1) if classes[j] != SHORT), None)
    after = next((classes[j] for j in range(index + 1, len(classes)) if classes[j] != SHORT),
                 None)
    return before != BAD and after != BAD and (before is not None or after is not None)


def lead_paragraphs(shapes: Sequence[Shape | None], classes: Sequence[str],
                     start: int) -> list[int]:
    """Paragraphs above the article that read as its lead, however far a byline, a date and a
    share bar push them away: a standfirst (often without a final full stop), a blog post's
    introduction before its list. Long prose, rich in function words; teasers and footers stand
    below the article, menus above it are not prose, and prompts are furniture already."""
    return [index for index in range(start) if classes[index] == GOOD
            and reads_as_lead(shapes[index])]


def reads_as_lead(shape: Shape | None) -> bool:
    return shape is not None and shape.words >= LEAD_WORDS \
        and shape.stops >= LEAD_STOP_RATIO * shape.words


def side_blocks(classes: Sequence[str], sizes: Sequence[int], start: int, end: int,
                 article_words: int) -> set[int]:
    """Lines of prose blocks outside the article that are big enough to be part of it (an
    article broken by a large advertisement or a related-links box)."""
    keep: set[int] = set()
    for side in (range(start - 1, -1, -1), range(end + 1, len(classes))):
        block: list[int] = []
        words = 0
        for index in side:
            if classes[index] == BAD:
                if block and words >= SIDE_BLOCK_SHARE * article_words:
                    keep.update(block)
                block, words = [], 0
                continue
            block.append(index)
            words += sizes[index]
        if block and words >= SIDE_BLOCK_SHARE * article_words:
            keep.update(block)
    return keep
