"""Bytes -> text: BOM-aware decoding, encoding detection, mojibake repair, and refusal of non-text.

Only *encoding* repair is applied (``ftfy.fix_encoding``): curly quotes, dashes and non-breaking
spaces in correctly decoded text are left exactly as they are.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import ftfy

from .mojibake import may_need_repair
from .types import ParseError

# Magic numbers of common binary formats a scraper may save by mistake.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)

# (BOM, codec) — UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of control characters (other than tab/newlines/form feed) above which text is "binary".
MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# The characters counted by ``_control_share``: category Cc (a fixed set, all below U+00A0) minus
# the allowed ones, found in one regex scan rather than a Python loop over every character.
_CONTROLS = re.compile(
    "["
    + "".join(
        re.escape(chr(c))
        for c in range(0xA0)
        if unicodedata.category(chr(c)) == "Cc" and chr(c) not in _ALLOWED_CONTROLS
    )
    + "]"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A file of fewer bytes than this that is not UTF-8 is only taken for text when 80% of
# its characters are printable ASCII: a few random bytes always "decode" as some legacy
# encoding (charset_normalizer has nothing to go on), and were stored as articles. (A real
# tiny page in a legacy encoding of a non-Latin script is refused too: rare, and said so.)
TINY_BYTES = 256
MIN_TINY_ASCII_SHARE = 0.8
# Invisible characters that are not white space for ``str.isspace`` (format characters, fillers).
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


def is_blank(text: str) -> bool:
    """Nothing visible: only white space (U+3000 too), format characters (U+200B, U+FEFF,
    U+00AD …) and fillers."""
    return all(
        ch.isspace() or ch in _INVISIBLE or unicodedata.category(ch) == "Cf" for ch in text
    )


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # normalised codec name, e.g. "utf-8", "utf-16", "cp1252"
    repaired: bool  # ftfy changed the text


def split_lines(text: str) -> list[str]:
    """Split on CR/LF/CRLF only (``str.splitlines`` also splits on U+2028, FF, VT …)."""
    if "\r" not in text:
        return text.split("\n")  # (the same split, without the regex: most files)
    return _LINE_BREAK.split(text)


def _human_size(n: int) -> str:
    return f"{n:,} bytes"


def _refuse_binary_magic(raw: bytes) -> None:
    for magic, what in BINARY_MAGIC:
        if raw.startswith(magic):
            raise ParseError(f"not a text file: it looks like {what}")


def _ascii_share(text: str) -> float:
    return sum(" " <= ch <= "~" or ch in "\t\n\r" for ch in text) / max(1, len(text))


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)


def _detect(raw: bytes) -> tuple[str, str]:
    """Decode bytes without a BOM: strict UTF-8 first, then charset_normalizer."""
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    results = charset_normalizer.from_bytes(raw)
    best = results.best()
    if best is None:
        raise ParseError("cannot decode the file: no text encoding fits its bytes")
    encoding = best.encoding
    # English-language news: among equally plausible single-byte guesses prefer Windows-1252,
    # which charset_normalizer often ranks below cp1250 on short Latin text.
    # (charset_normalizer groups codecs that decode identically under one "could be" list.)
    for candidate in results:
        if candidate.chaos <= best.chaos and "cp1252" in candidate.could_be_from_charset:
            try:
                return raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                break
    try:
        return raw.decode(encoding), codecs.lookup(encoding).name
    except (UnicodeDecodeError, LookupError) as exc:  # pragma: no cover - defensive
        raise ParseError(f"cannot decode the file as {encoding}") from exc


def decode_bytes(raw: bytes, *, max_bytes: int | None = None) -> Decoded:
    """Turn raw bytes into text, or raise :class:`ParseError` with a one-line reason."""
    if max_bytes is not None and len(raw) > max_bytes:
        raise ParseError(
            f"file too large: {_human_size(len(raw))} (limit {_human_size(max_bytes)})"
        )
    if not raw:
        raise ParseError("empty file")
    _refuse_binary_magic(raw)

    text: str | None = None
    encoding = ""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ParseError(f"cannot decode the file: invalid {codec} after its BOM") from exc
            encoding = codec.removesuffix("-le").removesuffix("-be")
            break
    if text is None:
        if b"\x00" in raw:
            raise ParseError("not a text file: it contains NUL bytes")
        text, encoding = _detect(raw)
        encoding = {"utf_8": "utf-8", "ascii": "utf-8"}.get(encoding, encoding)
        if encoding != "utf-8" and len(raw) < TINY_BYTES and _ascii_share(text) < (
            MIN_TINY_ASCII_SHARE
        ):
            raise ParseError(
                f"not a text file: {len(raw)} bytes that no text encoding reads with confidence"
            )

    if "\x00" in text:
        raise ParseError("not a text file: it contains NUL characters")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise ParseError("not a text file: too many control characters")
    if is_blank(text):
        raise ParseError("the file contains only white space and invisible characters")
    if not any(ch.isalnum() for ch in text):
        raise ParseError("no words: the file has no letters or digits")

    fixed = ftfy.fix_encoding(text) if may_need_repair(text) else text
    return Decoded(text=fixed, encoding=encoding, repaired=fixed != text)
