"""Body or page furniture, from what a line is and where it stands. Pure Python.

The rules in :mod:`.boilerplate` recognise furniture by its whole wording ("Skip to content").
Pages saved as visible text carry much more: menus, newsletter boxes, lists of related links,
footers. No list of phrases covers them, so each remaining line is judged by its *shape*:

- **prose**: long enough, rich in function words ("the", "of", "and"...), ending like a sentence;
- **furniture words**: a short line that uses the vocabulary of page furniture (subscribe,
  newsletter, sign in, share, advertisement, related, cookies, all rights reserved...);
- **link-like**: a short title-cased line without sentence punctuation (a menu item, a teaser);
- **repeated**: a short line that appears more than once in the page (menus are printed twice);
- **known template**: a line the caller knows from other pages of the same outlet
  (:func:`template_key` gives the normalised form to compare);
- **runs of short lines**: a menu is many short lines in a row, unless it stands between two
  paragraphs with no furniture word in it (a table, a spec box) or is a numbered list;
- **hard-wrapped paragraphs**: lines broken mid-sentence are judged together;
- **distance from the article** (:mod:`.furniture_place`): the densest block of prose (the
  best-scoring run of lines) is the article; lines that stand well outside it are furniture
  unless they are prose themselves and their own block is large, or a lead paragraph above it.

Short, featureless lines between prose (an ingredient, a line of code, a subheading) take the
class of their neighbours. The result for each line is ``None`` (body) or the
:class:`~.types.LineKind` it is removed as.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

from .furniture_place import (
    BAD,
    GOOD,
    SENTENCE,
    SHORT,
    between_prose,
    densest_block,
    extend,
    lead_paragraphs,
    side_blocks,
)
from .furniture_words import (
    BIO,
    BIO_MAX_WORDS,
    FURNITURE,
    PROMPT,
    PROMPT_GATE,
    PROMPT_MAX_WORDS,
    STOP_WORDS,
    is_address,
    is_prompt,
    speaks_for_site,
)
from .types import LineKind

__all__ = ["Shape", "classify", "is_prompt", "prose_words", "speaks_for_site", "template_key"]


# Separators of menus and breadcrumbs inside one line.
_LINK_SEPARATORS = re.compile(r"\s[|»›>•·/]\s|\s[|•·]|[|•·]\s")

# Thresholds (words): lines are prose from PROSE_WORDS words; furniture words only count in
# lines up to FURNITURE_MAX_WORDS words; a "short" line has at most SHORT_WORDS words.
PROSE_WORDS = 10
PROSE_STOP_RATIO = 0.18
FURNITURE_MAX_WORDS = 12
SHORT_WORDS = 6
LINK_MAX_WORDS = 12
REPEAT_MAX_WORDS = 2 * PROSE_WORDS  # a line repeated in the page is furniture below this length
WRAP_MIN_WORDS = 5  # a line broken mid-sentence by hard wrapping has at least this many words
# A line with link separators is a breadcrumb or a footer of links up to this many words, or
# when a separator comes at least every SEPARATOR_EVERY words.
SEPARATED_MAX_WORDS = 2 * LINK_MAX_WORDS
SEPARATOR_EVERY = 6
LABEL_MAX_WORDS = 4  # "On this page:" labels a list; it is not a sentence
MENU_RUN = 4  # this many short, link-like or furniture lines in a row make a menu

# Punctuation that separates words (apostrophes stay: "don't" is one function word).
_PUNCTUATION = str.maketrans(dict.fromkeys('.,;:!?"“”„«»()[]{}—–-/|…*#&+=<>•·', " "))
_SENTENCE_CHARS = frozenset(".!?…:;")
_CLOSERS = "\"”’')]"
_OPENERS = "\"“‘'(["
_DIGIT = re.compile(r"\d")
_CODE_CHARS = re.compile(r"[\\={};]")  # characters of code that links' text never has
_LIST_ITEM = re.compile(r"\d{1,3}[.)]\s")  # "01. Robert Plant", "2) Preheat the oven"
_DIGITS = re.compile(r"\d+")


class Shape:
    """What one line looks like, computed once: its words, how many are function words,
    whether it ends like a sentence, and (when asked for) its :func:`template_key`."""

    __slots__ = ("_key", "low", "sentence_end", "stops", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        # Plain split: function words seldom carry punctuation, and translating every line's
        # punctuation away doubles the time this takes.
        tokens = self.low.replace("“", " ").replace('"', " ").replace("(", " ").split()
        self.words = len(tokens)
        self.stops = sum(map(STOP_WORDS.__contains__, tokens))
        tail = text.rstrip(_CLOSERS)
        # A sentence, or a quotation from end to end (a pull quote).
        self.sentence_end = bool(tail) and (
            tail[-1] in _SENTENCE_CHARS or (text[0] in _OPENERS and text[-1] in _CLOSERS)
        )
        self._key: str | None = None

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = template_key(self.text)
        return self._key

    @property
    def stop_ratio(self) -> float:
        return self.stops / self.words if self.words else 0.0

    @property
    def prose(self) -> bool:
        """Reads as a paragraph: long, full of function words, ending a sentence (or, without
        final punctuation, long, or reading like a sentence rather than a title)."""
        if self.words < PROSE_WORDS or self.stops < PROSE_STOP_RATIO * self.words:
            return False
        return self.sentence_end or self.words >= 4 * PROSE_WORDS or (
            self.words >= 15 and self.stops >= 0.3 * self.words
        )

    @property
    def short_sentence(self) -> bool:
        """A short line that still reads as a sentence ("Nobody was hurt.")."""
        return self.sentence_end and self.words >= 3 and self.stops >= 1


def template_key(line: str) -> str:
    """The normalised form of a line for comparing lines across pages: whitespace collapsed,
    case-folded, digits blanked ("12 comments" and "3 comments" are the same furniture)."""
    key = " ".join(line.casefold().split())
    return _DIGITS.sub("0", key) if _DIGIT.search(key) else key


def prose_words(shapes: Sequence[Shape]) -> list[int]:
    """Words of each line that reads as prose, 0 for the others."""
    return [shape.words if shape.prose else 0 for shape in shapes]


def _is_label(shape: Shape) -> bool:
    """A few words ending in a colon label what follows ("You are here:", "On this page:")."""
    return shape.words <= LABEL_MAX_WORDS and shape.text.endswith(":")


def _segments_are_links(text: str) -> bool:
    """Does every part between separators start like a link's text (a capital, a digit, a
    symbol), as in "Home | News | World"? "x86_64 / amd64 arm64" is a table cell, and a line
    with the characters of code in it is code."""
    if _CODE_CHARS.search(text):
        return False  # "GET / HTTP/1.1\r\nHost:…" is code, not links
    return all(not part[:1].islower() for part in
               (part.strip() for part in _LINK_SEPARATORS.split(text)) if part)


def is_link_like(shape: Shape) -> bool:
    """A short title-cased line without sentence punctuation: a menu item or a teaser link."""
    if not shape.words or shape.words > LINK_MAX_WORDS or shape.sentence_end:
        return False
    content = [w for w in shape.text.translate(_PUNCTUATION).split()
               if w.lower() not in STOP_WORDS]
    if not content or not all(w[0].isupper() or w[0].isdigit() for w in content):
        return False
    return shape.words > 1 or len(shape.text) < 30


def _initial_class(shape: Shape, counts: Counter, known: Collection[str]) \
        -> tuple[str, LineKind | None]:
    text, words = shape.text, shape.words
    if known and shape.key in known:
        return BAD, LineKind.SITE
    if (words <= PROMPT_MAX_WORDS and PROMPT_GATE.search(shape.low) and PROMPT.search(text)) \
            or (words <= BIO_MAX_WORDS and BIO.match(text)):
        return BAD, LineKind.SITE
    if shape.prose:
        return GOOD, None
    if words <= 3 and is_address(text):
        return BAD, LineKind.SITE
    numbered = text[:1].isdigit()  # an ingredient, a step, a ranking: a list, not a menu
    if words < REPEAT_MAX_WORDS and not numbered and counts[shape.key] > 1:
        return SHORT, LineKind.NAVIGATION  # a menu printed twice, or a list: by context
    if words <= FURNITURE_MAX_WORDS and (not shape.sentence_end or _is_label(shape)) \
            and FURNITURE.search(text):
        return BAD, LineKind.SITE
    if shape.short_sentence and words <= FURNITURE_MAX_WORDS \
            and len(FURNITURE.findall(text)) >= 2:
        return BAD, LineKind.SITE  # "Your e-mail address will not be published."
    if not shape.sentence_end and _LINK_SEPARATORS.search(text) and (
        words <= SEPARATED_MAX_WORDS
        or len(_LINK_SEPARATORS.findall(text)) * SEPARATOR_EVERY >= words
    ) and _segments_are_links(text):
        return BAD, LineKind.NAVIGATION  # a breadcrumb, not a line of code with a " / " in it
    if not numbered and is_link_like(shape):
        return SHORT, LineKind.NAVIGATION  # decided by context: a subheading or a menu item
    if shape.short_sentence:
        return SENTENCE, None
    return SHORT, None


def classify(
    shapes: Sequence[Shape | None],
    known_templates: Collection[str] = frozenset(),
    title: str = "",
) -> list[LineKind | None]:
    """Decide body or furniture for each line of a page.

    ``shapes`` are the page's lines in order (:class:`Shape`); ``None`` for lines already
    classified by rules, which count as furniture around the others. ``known_templates`` holds
    :func:`template_key` forms of lines known as furniture for this outlet. Returns ``None``
    (body) or a furniture kind for every line (``None`` for the lines not judged).
    """
    title_key = template_key(title) if title else ""
    counts = Counter(shape.key for shape in shapes
                     if shape is not None and shape.words < REPEAT_MAX_WORDS)
    classes: list[str] = []
    kinds: list[LineKind | None] = []
    sizes: list[int] = []
    for shape in shapes:
        if shape is None:
            classes.append(BAD)
            kinds.append(None)
            sizes.append(0)
            continue
        if title_key and len(shape.text) == len(title) and shape.key == title_key:
            cls, kind = SENTENCE, None
        else:
            cls, kind = _initial_class(shape, counts, known_templates)
        classes.append(cls)
        kinds.append(kind)
        sizes.append(shape.words if cls in (GOOD, SENTENCE) else 0)

    _join_wrapped(shapes, classes, kinds, sizes, known_templates)
    _mark_menus(shapes, classes, kinds)
    result: list[LineKind | None] = [None] * len(shapes)
    start, end = densest_block(classes, sizes)
    if end < start:
        return result  # no prose at all: leave the page to the rules as before
    start, end = extend(classes, start, end)
    # Plain short lines (no furniture feature) right against the article belong to it.
    while start > 0 and classes[start - 1] == SHORT and kinds[start - 1] is None:
        start -= 1
    while end + 1 < len(classes) and classes[end + 1] == SHORT and kinds[end + 1] is None:
        end += 1
    article_words = sum(sizes[start:end + 1])
    keep_outside = side_blocks(classes, sizes, start, end, article_words)
    keep_outside.update(lead_paragraphs(shapes, classes, start))
    for index, shape in enumerate(shapes):
        if shape is None:
            continue
        cls = classes[index]
        if cls == BAD or not start <= index <= end and index not in keep_outside:
            result[index] = kinds[index] or LineKind.SITE
        elif cls == SHORT and not between_prose(classes, index):
            result[index] = kinds[index]
    return result


def _continues(shape: Shape, following: Shape) -> bool:
    """Does ``following`` carry on the sentence ``shape`` leaves open? A hard-wrapped paragraph
    (text copied from a ``<pre>`` block or a mail) breaks mid-sentence and goes on in lower
    case."""
    head = following.text[:1]
    return not shape.sentence_end and shape.words >= WRAP_MIN_WORDS and head.isalpha() \
        and head.islower()


def _join_wrapped(shapes: Sequence[Shape | None], classes: list[str],
                  kinds: list[LineKind | None], sizes: list[int],
                  known: Collection[str]) -> None:
    """Lines of one hard-wrapped paragraph are judged together: each is too short to read as
    prose alone, the paragraph is prose, and a furniture word in one of its pieces ("previous",
    "share") is a word of the sentence. Prompts and known template lines stay furniture."""
    index = 0
    while index < len(shapes):
        end = index
        while end + 1 < len(shapes) and shapes[end] is not None \
                and shapes[end + 1] is not None and _continues(shapes[end], shapes[end + 1]):
            end += 1
        if end > index:
            group = shapes[index:end + 1]
            words = sum(shape.words for shape in group)
            stops = sum(shape.stops for shape in group)
            if words >= PROSE_WORDS and stops >= PROSE_STOP_RATIO * words and (
                group[-1].sentence_end or words >= 4 * PROSE_WORDS
            ):
                for j in range(index, end + 1):
                    shape = shapes[j]
                    if not (known and shape.key in known) and not is_prompt(shape.text):
                        classes[j], kinds[j], sizes[j] = GOOD, None, shape.words
        index = end + 1


def _mark_menus(shapes: Sequence[Shape | None], classes: list[str],
                kinds: list[LineKind | None]) -> None:
    """Runs of MENU_RUN or more short lines that are link-like or furniture are a menu; an item
    of a numbered list ("01. Robert Plant", "2) Preheat") ends the run."""
    index = 0
    while index < len(shapes):
        end = index
        while end < len(shapes):
            shape = shapes[end]
            if shape is None or classes[end] in (GOOD, SENTENCE) or shape.sentence_end or (
                kinds[end] is None and (shape.words > 3 or _LIST_ITEM.match(shape.text))
            ):
                break
            end += 1
        if end - index >= MENU_RUN and not _table_in_prose(classes, kinds, index, end):
            for j in range(index, end):
                classes[j] = BAD
                kinds[j] = LineKind.NAVIGATION
        index = max(end, index + 1)


def _table_in_prose(classes: Sequence[str], kinds: Sequence[LineKind | None], start: int,
                    end: int) -> bool:
    """Is the run start..end-1 a table, a spec box or a list inside the article: prose above
    and below it (past plain short lines: "Expect to pay $15"), and no line of furniture
    vocabulary in it?"""
    before = start - 1
    while before >= 0 and classes[before] == SHORT and kinds[before] is None:
        before -= 1
    after = end
    while after < len(classes) and classes[after] == SHORT and kinds[after] is None:
        after += 1
    return before >= 0 and after < len(classes) and classes[before] == GOOD \
        and classes[after] == GOOD and all(classes[j] != BAD for j in range(start, end))
