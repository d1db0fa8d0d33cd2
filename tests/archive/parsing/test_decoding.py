"""Bytes -> text: BOMs, legacy encodings, mojibake repair, and refusals."""

from __future__ import annotations

import codecs

import pytest

from archive.parsing import ParseError
from archive.parsing.decoding import decode_bytes

BODY = (
    "Lawmakers met on Tuesday to debate the measure, which passed after a long night of "
    "argument in the chamber."
)


def _doc(first: str) -> str:
    return f"{first}\n\n{BODY}\n"


def test_utf16_with_bom(parse):
    text = _doc("Council “approves” budget — finally")
    article = parse(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert article.encoding == "utf-16"
    assert article.headline == "Council “approves” budget — finally"
    assert article.text == text


def test_utf16_big_endian_and_utf32(parse):
    text = _doc("Headline here")
    assert parse(codecs.BOM_UTF16_BE + text.encode("utf-16-be")).encoding == "utf-16"
    assert parse(codecs.BOM_UTF32_LE + text.encode("utf-32-le")).encoding == "utf-32"


def test_utf8_bom_is_stripped(parse):
    article = parse(codecs.BOM_UTF8 + _doc("Mayor resigns").encode("utf-8"))
    assert article.encoding == "utf-8"
    assert article.headline == "Mayor resigns"
    assert not article.text.startswith("\ufeff")


def test_cp1252_with_curly_quotes(parse):
    text = _doc("Senator says “no deal” on budget") + "She didn’t agree — at all.\n"
    article = parse(text.encode("cp1252"))
    assert article.encoding == "cp1252"
    assert article.headline == "Senator says “no deal” on budget"
    assert "She didn’t agree — at all." in article.paragraphs


def test_latin1_accents_decode_as_western(parse):
    article = parse(_doc("Café owner wins résumé prize").encode("latin-1"))
    assert article.headline == "Café owner wins résumé prize"


def test_mojibake_is_repaired():
    decoded = decode_bytes("We donâ€™t know yet.\n".encode())
    assert decoded.text == "We don’t know yet.\n"
    assert decoded.repaired


def test_mojibake_repair_is_noted(parse):
    article = parse(_doc("Mayor resigns") + "“We donâ€™t know,” she said.\n")
    assert article.repaired
    assert "“We don’t know,” she said." in article.paragraphs
    assert any("mojibake" in note for note in article.notes)


def test_good_typography_is_untouched():
    text = "“Quoted” and ‘single’ — dash – en\u00a0nbsp … ellipsis, café\n"
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.text == text
    assert not decoded.repaired


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  \n", "white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"Headline\n\nSome text\x00with a NUL byte in it.", "NUL"),
        (bytes(range(1, 9)) * 20 + b"abc", "control"),
    ],
)
def test_refusals(raw, reason):
    with pytest.raises(ParseError) as info:
        decode_bytes(raw)
    message = str(info.value)
    assert reason.lower() in message.lower()
    assert "\n" not in message


def test_over_max_bytes():
    raw = _doc("Headline").encode("utf-8")
    with pytest.raises(ParseError, match="too large"):
        decode_bytes(raw, max_bytes=len(raw) - 1)
    assert decode_bytes(raw, max_bytes=len(raw)).text.startswith("Headline")


def test_parse_article_passes_max_bytes(parse):
    with pytest.raises(ParseError, match="too large"):
        parse(_doc("Headline"), max_bytes=10)


def test_invalid_utf16_after_bom_is_refused():
    with pytest.raises(ParseError):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # lone surrogate
