"""A saved page's visible text, one block a line, each block with the element that holds it.
Pure Python (lxml, no Django).

:func:`page_tree` reads the page once (scripts, styles and the head left out);
:func:`text_blocks` walks it as a browser lays text out: a block element (paragraph, list item,
table cell, caption, line break...) starts a new line, inline elements (links, emphasis, spans)
run on within their line. The saved-page parser reads these blocks for the page's visible text
when the extractor finds nothing, to check the standfirst, and to find what the extractor left
out of the article's own container (:mod:`.html_recovery`).
"""

from __future__ import annotations

from dataclasses import dataclass

_BLOCK_TAGS = frozenset((
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote",
    "pre", "section", "article", "header", "footer", "nav", "aside", "figcaption", "figure",
    "caption", "tr", "br", "ul", "ol", "dl", "table", "form", "main",
))
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object")


@dataclass(frozen=True, slots=True)
class Block:
    """One line of the page's visible text and the block element it is the text of."""

    text: str
    element: object  # an lxml element


def page_tree(text: str):
    """The page's element tree without its invisible parts, or ``None`` when lxml cannot read
    it. ``text`` is the page already decoded: lxml is told it is UTF-8 once re-encoded, so that
    a page declaring another charset is not decoded twice."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(
            text.encode("utf-8", "replace"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None
    etree.strip_elements(root, *_INVISIBLE, etree.Comment, with_tail=False)
    return root


def text_blocks(root) -> list[Block]:
    """The visible text under ``root``, one :class:`Block` a line, in the page's order."""
    from lxml import etree

    blocks: list[Block] = []
    if root is None:
        return blocks
    pieces: list[str] = []
    owners = [root]

    def flush() -> None:
        line = " ".join("".join(pieces).split())
        if line:
            blocks.append(Block(line, owners[-1]))
        pieces.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        block = isinstance(tag, str) and tag.lower() in _BLOCK_TAGS
        if event == "start":
            if block:
                flush()
                owners.append(element)
            if element.text:
                pieces.append(element.text)
        else:
            if block:
                flush()
                owners.pop()
            if element.tail and element is not root:
                pieces.append(element.tail)
    flush()
    return blocks
