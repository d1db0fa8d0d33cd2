"""Pure-Python parser for scraped news pages (no Django import anywhere in this package)."""

from . import types
from .html import HTML_SUFFIXES, parse_document, parse_html_page
from .outlets import OutletMatcher, compile_signatures, detect_outlet, signature_from_text
from .parser import parse_article
from .types import *  # noqa: F403 -- the result types, as listed in types.__all__

__all__ = [
    "HTML_SUFFIXES",
    "OutletMatcher",
    "compile_signatures",
    "detect_outlet",
    "parse_article",
    "parse_document",
    "parse_html_page",
    "signature_from_text",
    *types.__all__,
]
