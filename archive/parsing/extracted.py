"""Furniture an extractor leaves in the text it cut out of a saved page. Pure Python.

trafilatura keeps an article's short lines (subheadings, list items, table cells, captions) and
drops the page's menus, so judging its text by the shape and place of each line, as
:mod:`.furniture` judges a page's visible text, removes article (on shared/real-pages, 22 of the
417 passages that must stay, and none of the furniture). What it does leave, at the article's
edges, is the site speaking for itself: newsletter and app prompts, paywall notices, comment
policies, affiliate disclosures, the author's bio, the site's address, short lines in the words
of page furniture ("Category: Press Releases"). Those are recognised here line by line, from
their wording alone, with the furniture judge's own vocabulary (:mod:`.furniture_words`), so that
what is learnt there about furniture's wording serves both.
"""

from __future__ import annotations

from .furniture import FURNITURE_MAX_WORDS, Shape
from .furniture_words import BIO, FURNITURE, PROMPT_MAX_WORDS, is_address, is_prompt
from .types import LineKind

# An address alone on a line ("BVINEWS.COM") is the site naming itself up to this many words.
ADDRESS_MAX_WORDS = 3

__all__ = ["furniture_kind"]


def furniture_kind(text: str) -> LineKind | None:
    """``LineKind.SITE`` when a line of extracted text is the page's furniture by its wording,
    else ``None`` (the article's)."""
    shape = Shape(text.strip())
    if not shape.words:
        return None
    if shape.words <= PROMPT_MAX_WORDS and (is_prompt(shape.text) or BIO.match(shape.text)):
        return LineKind.SITE
    if shape.prose:
        return None  # a paragraph that merely mentions "share" or "comments"
    if shape.words <= ADDRESS_MAX_WORDS and is_address(shape.text):
        return LineKind.SITE
    if shape.words <= FURNITURE_MAX_WORDS:
        if not shape.sentence_end and FURNITURE.search(shape.text):
            return LineKind.SITE  # "Category : Press Releases", "Share this article"
        if shape.short_sentence and len(FURNITURE.findall(shape.text)) >= 2:
            return LineKind.SITE  # "Your email address will not be published."
    return None
