"""Pure-Python parser for scraped news pages (no Django import anywhere in this package)."""

from .html import HTML_SUFFIXES, parse_document, parse_html_page
from .outlets import OutletMatcher, compile_signatures, detect_outlet, signature_from_text
from .parser import parse_article
from .types import (
    BOILERPLATE_KINDS,
    Boilerplate,
    CommentSection,
    Line,
    LineKind,
    OutletSignature,
    ParsedArticle,
    ParseError,
)

__all__ = [
    "BOILERPLATE_KINDS",
    "HTML_SUFFIXES",
    "Boilerplate",
    "CommentSection",
    "Line",
    "LineKind",
    "OutletMatcher",
    "OutletSignature",
    "ParseError",
    "ParsedArticle",
    "compile_signatures",
    "detect_outlet",
    "parse_article",
    "parse_document",
    "parse_html_page",
    "signature_from_text",
]
