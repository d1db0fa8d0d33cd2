"""Article text the extractor left out of a saved page, taken back from the article's own
container. Pure Python (lxml, no Django).

trafilatura keeps an article's paragraphs and drops the page around them, but it also drops
parts of the article that do not look like its running text: the caption under the lead photo,
a review's verdict box beside the body, the question on a Q&A page whose answer it kept. What is
taken back here is found by the page's structure, never by its words:

1. the **container**: the lowest element holding most of the extractor's text, and above it the
   page's own article element when it has one (``<article>``, ``itemprop="articleBody"``, a
   schema.org Article, Review or Recipe);
2. blocks the extractor dropped that are a caption (``<figcaption>``, a table's ``<caption>``)
   or a paragraph (``<p>``) outside the container, inside that article element only; or a list
   item, table cell or definition inside the container; each only when it reads as prose, is
   not mostly links, does not stand in page furniture (navigation, asides, forms, or elements
   named for sharing, related links, newsletters, comments, ads...) and is not furniture by its
   wording (:mod:`.extracted`);
3. on a Q&A page (schema.org ``Question`` markup), the question's text when the extractor kept
   only an answer;
4. on a page of several posts or stories (a blog's index, a newsletter, a Q&A page's answers,
   an article its page splits around an advertisement), the prose paragraphs and list items
   of the *other* elements with the container's own tag and class at its depth, each holding
   at least two, with no furniture element between them and what they share with the
   container;
5. on a recipe page, the card's summary and nutrition label its schema.org Recipe data declares
   (:mod:`.html_recipe`).

Each block taken back goes where the page shows it: after the extractor's line that holds the
text shown just before it. (What was tried and dropped, and the figures on shared/real-pages:
bench/README.md, "Saved pages, third round".)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .extracted import furniture_kind
from .furniture import Shape
from .html_blocks import Block
from .html_recipe import recipe_blocks

# A block counts as kept by the extractor when half of its text, cut in pieces this long, is in
# the extractor's text (the extractor breaks lines at links and drops some inline text).
_PIECE = 16
_KEPT_SHARE = 0.5
# The container holds at least this share of the extractor's text (by characters).
_CONTAINER_SHARE = 0.8
_MAX_LINK_SHARE = 0.5  # a block mostly made of link text is a teaser or a menu
_CAPTIONS = frozenset(("figcaption", "caption"))
_ITEMS = frozenset(("li", "td", "th", "dd"))
_POST_BLOCKS = frozenset(("p", "li"))
_MIN_POST_BLOCKS = 2  # another post's body holds prose; a lone blurb repeating its box does not
_FURNITURE_TAGS = frozenset(("nav", "aside", "footer", "form", "button", "select", "label"))
# Names (class, id) of the page's furniture, as sites name their boxes.
_FURNITURE_NAMES = re.compile(
    r"share|sharing|social|related|newsletter|subscri|comment|promo|advert|(?:^|[\s_-])ads?"
    r"(?:$|[\s_-])|sponsor|author|(?:^|[\s_-])bio(?:$|[\s_-])|widget|sidebar|(?:^|[\s_-])nav|"
    r"menu|footer|breadcrumb|(?:^|[\s_-])tags?(?:$|[\s_-])|disclos|disclaim|signup|popup|modal|"
    r"cookie|recommend|(?:^|[\s_-])(?:next|prev)",
    re.IGNORECASE,
)
_ARTICLE_TYPES = re.compile(
    r"schema\.org/(?:\w*Article|BlogPosting|Review|Recipe|Report)\b", re.IGNORECASE)
_QUESTION_TYPE = re.compile(r"schema\.org/Question\b", re.IGNORECASE)
_QUESTION_XPATH = "//*[contains(@itemtype, 'Question') or contains(@itemtype, 'question')]"
_ANSWER_TYPE = re.compile(r"schema\.org/Answer\b", re.IGNORECASE)

__all__ = ["recover_lines"]


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


class _Extracted:
    """The extractor's text, to ask whether a block of the page is in it."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)
        keys = [_key(line) for line in self.lines]
        self.line_keys = set(keys)
        self.text = "".join(keys)
        # Where each line starts in ``text``, to place a block after the line holding it.
        self.starts = []
        offset = 0
        for key in keys:
            self.starts.append(offset)
            offset += len(key)
        self.pieces = {self.text[i:i + _PIECE] for i in range(len(self.text) - _PIECE + 1)}

    def holds(self, text: str) -> bool:
        key = _key(text)
        if key in self.line_keys:
            return True
        if len(key) < _PIECE:
            return False  # a short line is kept only as a line of its own
        pieces = [key[i:i + _PIECE] for i in range(0, len(key) - _PIECE + 1, _PIECE)]
        return sum(piece in self.pieces for piece in pieces) >= _KEPT_SHARE * len(pieces)

    def line_of(self, text: str) -> int | None:
        """Index of the extractor's line that holds the start of ``text``, if any."""
        key = _key(text)[:_PIECE]
        at = self.text.find(key) if key else -1
        if at < 0:
            return None
        index = 0
        for number, start in enumerate(self.starts):
            if start > at:
                break
            index = number
        return index


def recover_lines(root, blocks: Sequence[Block], lines: Sequence[str],
                  page_text: str = "") -> list[str]:
    """The extractor's ``lines`` with the article's blocks it left out put back in the page's
    order. ``root`` is the page (:func:`.html_blocks.page_tree`), ``blocks`` its visible blocks
    (:func:`.html_blocks.text_blocks`), ``page_text`` its HTML (for its recipe data)."""
    if not blocks or not lines:
        return list(lines)
    extracted = _Extracted(lines)
    kept = [extracted.holds(block.text) for block in blocks]
    found = recipe_blocks(page_text, root, blocks, extracted.text)
    container = _container(blocks, kept)
    if container is not None:
        found += _question(root, blocks, extracted)
        found += _dropped_in_container(blocks, kept, container)
        found += _other_posts(root, blocks, kept, container)
        if (article := _article_element(container)) is not None:
            found += _dropped_in_article(blocks, kept, container, article)
    if not found:
        return list(lines)
    return _merge(blocks, kept, found, extracted)


def _container(blocks: Sequence[Block], kept: Sequence[bool]):
    """The lowest element holding most of the extractor's text."""
    weight: dict = {}
    total = 0
    for block, is_kept in zip(blocks, kept, strict=True):
        if not is_kept:
            continue
        total += len(block.text)
        element = block.element
        while element is not None:
            weight[element] = weight.get(element, 0) + len(block.text)
            element = element.getparent()
    if not total:
        return None
    best, best_depth = None, -1
    for element, chars in weight.items():
        if chars >= _CONTAINER_SHARE * total:
            depth = sum(1 for _ in element.iterancestors())
            if depth > best_depth:
                best, best_depth = element, depth
    return best


def _article_element(container):
    """The page's own article element at or above the container, if it marks one."""
    element = container
    while element is not None:
        if element.tag == "article" or element.get("itemprop") == "articleBody" \
                or _ARTICLE_TYPES.search(element.get("itemtype") or ""):
            return element
        element = element.getparent()
    return None


def _dropped_in_article(blocks, kept, container, article) -> list[int]:
    """Indexes of captions and outside-the-container paragraphs of the article element that the
    extractor dropped and that read as the article's."""
    inside_article = set(article.iter())
    inside_container = set(container.iter())
    found = []
    for index, (block, is_kept) in enumerate(zip(blocks, kept, strict=True)):
        element = block.element
        if is_kept or element not in inside_article:
            continue
        tag = element.tag
        if tag in _CAPTIONS:
            pass
        elif tag != "p" or element in inside_container:
            continue
        if _reads_as_article(block, article):
            found.append(index)
    return found


def _dropped_in_container(blocks, kept, container) -> list[int]:
    """Indexes of the container's list items, table cells and definitions that the extractor
    dropped and that read as the article's prose."""
    inside = set(container.iter())
    return [index for index, (block, is_kept) in enumerate(zip(blocks, kept, strict=True))
            if not is_kept and block.element.tag in _ITEMS and block.element in inside
            and _reads_as_article(block, container)]


def _other_posts(root, blocks, kept, container) -> list[int]:
    """Indexes of the prose paragraphs and list items the extractor dropped from the elements
    that repeat the container (same tag, same classes, same depth) elsewhere on the page."""
    classes = sorted((container.get("class") or "").split())
    if not classes:
        return []  # (an unnamed <div> repeats everywhere: no sign of a post's body)
    shared = set(container.iterancestors())
    depth = len(shared)
    owner = {}
    for element in root.iter(container.tag):
        if element is container or sorted((element.get("class") or "").split()) != classes \
                or sum(1 for _ in element.iterancestors()) != depth:
            continue
        for inner in element.iter():
            owner[inner] = element
    if not owner:
        return []
    found: dict = {}
    for index, (block, is_kept) in enumerate(zip(blocks, kept, strict=True)):
        post = owner.get(block.element)
        if post is not None and not is_kept and block.element.tag in _POST_BLOCKS \
                and _reads_as_article(block, post) and not _in_furniture(block.element, shared):
            found.setdefault(post, []).append(index)
    return [index for indexes in found.values() if len(indexes) >= _MIN_POST_BLOCKS
            for index in indexes]


def _in_furniture(element, stop) -> bool:
    """Whether ``element`` stands in page furniture below the elements in ``stop``."""
    while element is not None and element not in stop:
        if element.tag in _FURNITURE_TAGS or _FURNITURE_NAMES.search(
                f"{element.get('class') or ''} {element.get('id') or ''}"):
            return True
        element = element.getparent()
    return False


def _reads_as_article(block: Block, within) -> bool:
    shape = Shape(block.text)
    if not shape.prose or furniture_kind(block.text) is not None:
        return False
    element = block.element
    chars = len(element.text_content() or "")
    links = sum(len(link.text_content() or "") for link in element.iter("a"))
    if chars and links > _MAX_LINK_SHARE * chars:
        return False
    while element is not None and element is not within:  # (the article's own names name
        if element.tag in _FURNITURE_TAGS or _FURNITURE_NAMES.search(  # its tags, categories)
                f"{element.get('class') or ''} {element.get('id') or ''}"):
            return False
        element = element.getparent()
    return True


def _question(root, blocks, extracted: _Extracted) -> list[int]:
    """On a Q&A page whose question the extractor dropped: the question's blocks."""
    question = next((element for element in root.xpath(_QUESTION_XPATH)
                     if _QUESTION_TYPE.search(element.get("itemtype"))), None)
    if question is None:
        return []
    texts = [element for element in question.iter()
             if element.get("itemprop") == "text" and not _in_answer(element, question)]
    if not texts:
        return []
    inside = set(texts[0].iter())
    indexes = [index for index, block in enumerate(blocks) if block.element in inside]
    if not indexes or extracted.holds(" ".join(blocks[index].text for index in indexes)):
        return []  # (judged as a whole: an answer quotes the question's lines)
    return [index for index in indexes if furniture_kind(blocks[index].text) is None]


def _in_answer(element, question) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is question:
            return False
        if _ANSWER_TYPE.search(ancestor.get("itemtype") or ""):
            return True
    return False


def _merge(blocks, kept, found, extracted: _Extracted) -> list[str]:
    """The extractor's lines, each found block after the line holding the kept block shown
    just before it (before the first line when none is)."""
    after: dict[int, list[str]] = {}
    seen = set()
    found = set(found)
    for index in sorted(found):
        text = blocks[index].text
        if _key(text) in seen:
            continue
        seen.add(_key(text))
        line = -1
        for previous in range(index - 1, -1, -1):
            if kept[previous] and previous not in found:
                at = extracted.line_of(blocks[previous].text)
                if at is not None:
                    line = at
                    break
        after.setdefault(line, []).append(text)
    merged = list(after.get(-1, []))
    for number, line in enumerate(extracted.lines):
        merged.append(line)
        merged.extend(after.get(number, []))
    return merged
