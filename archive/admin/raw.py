"""The raw text of an article line by line, with the kind the parser gave each line, for the
edit page (the template escapes every line: it came from a scraped page)."""

from __future__ import annotations

from dataclasses import dataclass

from archive.ingestion.services import load_signatures
from archive.models import Article
from archive.parsing import ParseError, parse_document
from archive.parsing.decoding import decode_bytes, split_lines


@dataclass(frozen=True)
class RawLine:
    number: int
    text: str
    kind: str  # a LineKind value, "blank", or "" when the text no longer parses


def raw_lines(article: Article) -> tuple[list[RawLine], str]:
    """Every line of the decoded raw text (blank ones too) and a note when parsing fails."""
    raw = bytes(article.raw)
    try:
        parsed = parse_document(raw, load_signatures(), raw_format=article.raw_format)
    except ParseError as error:
        try:
            text = decode_bytes(raw).text
        except ParseError:
            text = raw.decode("utf-8", errors="replace")
        lines = split_lines(text)
        return [RawLine(n, line, "") for n, line in enumerate(lines, 1)], str(error)
    kinds = {line.number: str(line.kind) for line in parsed.lines}
    return [
        RawLine(number, text, kinds.get(number, "blank" if not text.strip() else ""))
        for number, text in enumerate(split_lines(parsed.text), 1)
    ], ""
