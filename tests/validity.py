"""Is a response what its Content-Type says? For the property-based tests (and bench/fuzz_http.py):
HTML whose tags are balanced, JSON, CSV rows of one width, JSON Lines, well-formed XML, UTF-8
text. Each check raises ``AssertionError`` saying what is wrong."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


class _Balance(HTMLParser):
    """Every element opened is closed, in order (void elements aside)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()


def check_html(text: str) -> None:
    assert text.lstrip().lower().startswith("<!doctype html>"), text[:200]
    parser = _Balance()
    parser.feed(text)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert not parser.stack, f"left open: {parser.stack}"


def check_body(content_type: str, body: bytes) -> None:
    """Check ``body`` against its ``Content-Type``."""
    kind = content_type.split(";")[0].strip()
    text = body.decode("utf-8")  # every response of the site is UTF-8
    if kind == "text/html":
        check_html(text)
    elif kind == "application/json":
        json.loads(text)
    elif kind == "application/x-ndjson":
        for line in text.splitlines():
            json.loads(line)
    elif kind == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows, "a CSV export has at least its header row"
        assert {len(row) for row in rows} == {len(rows[0])}, "rows of different widths"
    elif kind in ("application/atom+xml", "application/xml", "application/rss+xml"):
        ET.fromstring(body)  # noqa: S314 (our own responses)
    else:
        assert kind in ("text/plain", "application/octet-stream"), kind
