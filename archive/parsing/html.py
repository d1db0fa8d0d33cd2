"""Saved HTML pages -> :class:`ParsedArticle`, through the same parser as raw text files.

Pure Python (no Django). trafilatura finds the article in the page (its text, and the page's
title, date, author, site name and canonical URL); the article's text is then written in the
archive's raw format (the headline, a blank line, one block a line) and parsed by
:func:`~archive.parsing.parser.parse_article` as a scraped ``.txt`` file would be: the same
boilerplate rules, outlet signatures and comment detection; but its lines are judged furniture
by their wording only (:mod:`.extracted`), not by their shape and place, since the extractor
already cut the page's menus away. The page's standfirst, which the extractor takes for part of
the header, opens the body when the page shows it, and what else of the article the extractor
dropped from the article's own container (a caption, a verdict box, a Q&A page's question) is
taken back (:mod:`.html_recovery`). The result keeps the page's bytes verbatim as
``raw``; its ``text`` is the extracted text the parse was made from.

Nothing here touches the network: trafilatura only reads the bytes it is given.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import datetime as dt
import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import charset_normalizer

from . import outlets
from .decoding import BINARY_MAGIC, BOMS
from .furniture import Shape
from .html_blocks import page_tree, text_blocks
from .html_recovery import recover_lines
from .parser import parse_article
from .types import CommentSection, OutletSignature, ParsedArticle, ParseError

HTML_SUFFIXES = (".html", ".htm")
# Below this many words the default extraction is taken to have missed the article, and the
# extractor is asked again, favouring recall.
MIN_ARTICLE_WORDS = 60

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_HTML_SIGN = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|title|meta|p|div)\b",
                        re.IGNORECASE)


@dataclass(frozen=True)
class PageText:
    """What the extractor found in a page."""

    text: str  # the article in the archive's raw format: headline, blank line, one block a line
    title: str
    published: dt.date | None
    author: str
    site_name: str
    url: str  # canonical URL, "" when the page gives none
    encoding: str
    comments: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    extracted: bool = True  # the extractor cut the article out (False: the whole visible text)


def looks_like_html(raw: bytes) -> bool:
    """Whether bytes look like an HTML page (a structural tag among the first 64 KB: pages
    saved from a misconfigured server may open with PHP warnings)."""
    return bool(_HTML_SIGN.search(raw[:65536]))


def decode_html(raw: bytes) -> tuple[str, str, tuple[str, ...]]:
    """(text, encoding, notes): a BOM, else the page's declared charset when its bytes fit it,
    else UTF-8, else the best guess; bytes that fit nothing are replaced (with a note) rather
    than refusing the page: the raw bytes are kept verbatim anyway."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec), codec, ()
            except UnicodeDecodeError:
                raise ParseError(f"cannot decode the page: invalid {codec} after its BOM") from None
    candidates = []
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        with contextlib.suppress(LookupError):  # a charset Python does not know: ignored
            candidates.append(codecs.lookup(declared.group(1).decode("ascii")).name)
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return raw.decode(encoding), encoding, ()
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(raw[:200_000]).best()
    if best is not None:
        try:
            return raw.decode(best.encoding), codecs.lookup(best.encoding).name, ()
        except (UnicodeDecodeError, LookupError):
            pass
    encoding = candidates[0]
    return (raw.decode(encoding, errors="replace"), encoding,
            (f"bytes invalid in {encoding} were replaced when reading the page",))


def extract_page(raw: bytes, *, url: str = "") -> PageText:
    """Find the article in a saved page. Raises :class:`ParseError` with a one-line reason
    (not HTML, no article text, a page the HTML parser cannot read)."""
    if not raw:
        raise ParseError("empty file")
    for magic, what in BINARY_MAGIC:
        if raw.startswith(magic):
            raise ParseError(f"not an HTML page: it looks like {what}")
    text, encoding, notes = decode_html(raw)
    if "\x00" in text:
        raise ParseError("not an HTML page: it contains NUL characters")
    if not looks_like_html(text[:65536].encode("utf-8", "replace")):
        raise ParseError("not an HTML page: no html, head, body, p or div tag at its start")
    extracted = True
    document = _extract(text, url, favor_recall=False)
    if document is None or not _found_article(document.text):
        document = _extract(text, url, favor_recall=True) or document
    body = (document.text or "").strip() if document is not None else ""
    if not _found_article(body):
        # The extractor found (almost) nothing, or no prose (a box of figures beside a
        # slideshow): the page's visible text, one block a line, as a scraper saves it; the
        # raw-text parser then removes what it knows as furniture.
        visible = visible_blocks(text)
        if _words("\n".join(visible)) > _words(body):
            body, extracted = "\n".join(visible), False
            notes = (*notes, "the extractor found little: the page's visible text was parsed")
    if not body.strip():
        raise ParseError("no article text found in the page")
    title = _first_h1(text) or (_one_line(document.title) if document is not None else "")
    if not title and (found := _TITLE.search(text[:65536])):
        title = _one_line(html_lib.unescape(found.group(1)))[:500]
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and lines and _same(lines[0], title):
        lines = lines[1:]  # the extractor sometimes repeats the headline as the first block
    if extracted and document is not None:
        tree = page_tree(text)
        blocks = text_blocks(tree)
        if tree is not None:
            lines = recover_lines(tree, blocks, lines, text)
        if deck := _standfirst(document, "\n".join(lines), [block.text for block in blocks]):
            lines.insert(0, deck)
    page = "\n\n".join([title, "\n".join(lines)]) if title else "\n".join(lines)
    comments = tuple(line.strip() for line in ((document.comments if document is not None
                                                 else "") or "").splitlines() if line.strip())
    return PageText(
        text=page + "\n",
        title=title,
        published=_date(document.date) if document is not None else None,
        author=_one_line(document.author) if document is not None else "",
        site_name=_one_line(document.sitename) if document is not None else "",
        url=(_http_url(document.url) if document is not None else "") or _http_url(url),
        encoding=encoding,
        comments=comments,
        notes=notes,
        extracted=extracted,
    )


def parse_html_page(
    raw: bytes,
    signatures: Sequence[OutletSignature] | outlets.OutletMatcher = (),
    *,
    max_bytes: int | None = None,
    url: str = "",
) -> ParsedArticle:
    """Parse a saved page: extract it, then parse its text as a raw file is parsed. The page's
    own metadata fills what the text does not give (date, byline); its canonical URL's domain,
    else its site name, names the outlet when a known outlet has that domain or name."""
    if max_bytes is not None and len(raw) > max_bytes:
        raise ParseError(f"file too large: {len(raw):,} bytes (limit {max_bytes:,} bytes)")
    page = extract_page(raw, url=url)
    parsed = parse_article(page.text.encode("utf-8"), signatures, shape_rules=not page.extracted)
    source, evidence = _outlet_of_page(page, signatures)
    if source is None:
        source, evidence = parsed.source, parsed.source_evidence
    comments = parsed.comments
    if page.comments and comments is None:
        # After the last line of the extracted text, where a scraper would have saved them.
        comments = CommentSection("Comments", len(page.text.splitlines()) + 2, page.comments)
    return dataclasses.replace(
        parsed,
        raw=raw,
        encoding=page.encoding,
        published=parsed.published or page.published,
        byline=parsed.byline or page.author[:300],
        source=source,
        source_evidence=evidence,
        url=page.url,
        raw_format="html",
        comments=comments,
        notes=(*page.notes, "extracted from HTML by trafilatura", *parsed.notes),
    )


def _outlet_of_page(page: PageText, signatures) -> tuple[str | None, str]:
    known = signatures.signatures if isinstance(signatures, outlets.OutletMatcher) else signatures
    host = (urlsplit(page.url).hostname or "").lower().removeprefix("www.")
    if host:
        for signature in known:
            for domain in signature.email_domains:
                domain = domain.lower()
                if host == domain or host.endswith("." + domain):
                    return signature.slug, f"canonical URL {page.url}"
    if page.site_name:
        for signature in known:
            if signature.name.casefold() == page.site_name.casefold():
                return signature.slug, f"site name {page.site_name}"
    return None, ""


def visible_blocks(text: str) -> list[str]:
    """The page's visible text, one block a line (scripts, styles and the head left out)."""
    return [block.text for block in text_blocks(page_tree(text))]


def _extract(text: str, url: str, *, favor_recall: bool):
    import trafilatura  # (imported on first use: it loads lxml and its settings)
    from trafilatura.settings import set_date_params

    try:
        return trafilatura.bare_extraction(
            text, url=url or None, with_metadata=True, include_comments=True,
            include_tables=True, favor_recall=favor_recall,
            # The page's own date markup (meta tags, JSON-LD, <time>, the URL) only: the
            # "extensive" search guesses from any date-like string in the page (image paths,
            # copyright years, a year in the text read as 1 January) through dateparser, which
            # tries every locale's patterns: a third of the extractor's time for guesses
            # (bench/README.md, "Saved HTML pages").
            date_extraction_params=set_date_params(extensive=False),
        )
    except (ValueError, TypeError, RecursionError) as error:  # lxml could not read the page
        raise ParseError(f"the HTML page cannot be read ({type(error).__name__})") from None


def _standfirst(document, body: str, visible: Sequence[str]) -> str:
    """The page's standfirst when the extractor left it out: its description (meta tags), when
    the page also shows it as a block of its own (the line under the headline, which the
    extractor takes for the page's header) and it reads as prose. "" otherwise. (A prompt
    given as the description is then removed as furniture by the parser, with its wording.)"""
    description = _one_line(document.description)
    if not description or not Shape(description).prose \
            or _normal(description) in _normal(body):
        return ""
    key = _normal(description)
    return description if any(_normal(block) == key for block in visible) else ""


def _first_h1(text: str) -> str:
    """The page's first ``<h1>``, as text (the headline a reader sees; the ``<title>`` often
    carries the site's name too)."""
    found = _H1.search(text)
    if not found:
        return ""
    return _one_line(html_lib.unescape(_TAG.sub(" ", found.group(1))))[:500]


def _found_article(text: str | None) -> bool:
    """Whether an extraction holds an article: enough words, and a line reading as prose."""
    return _words(text) >= MIN_ARTICLE_WORDS and any(
        Shape(line).prose for line in (text or "").splitlines())


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same(a: str, b: str) -> bool:
    return _normal(a) == _normal(b)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _http_url(value: str | None) -> str:
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.hostname and len(value) <= 1000:
        return value
    return ""


def parse_document(
    raw: bytes,
    signatures: Sequence[OutletSignature] | outlets.OutletMatcher = (),
    *,
    max_bytes: int | None = None,
    raw_format: str = "text",
    url: str = "",
) -> ParsedArticle:
    """Parse raw bytes of either format: ``"html"`` (a saved page) or ``"text"``."""
    if raw_format == "html":
        return parse_html_page(raw, signatures, max_bytes=max_bytes, url=url)
    return parse_article(raw, signatures, max_bytes=max_bytes)
