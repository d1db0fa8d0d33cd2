"""Manifests: one JSON Lines or CSV file holding many articles, one a row.

Each row gives ``text`` (raw text in the archive's format) or ``html`` (a saved page), and may
give ``url``, ``title``, ``date`` (``YYYY-MM-DD``), ``outlet`` and ``byline``, which win over what
the parser detects, as a sidecar's values do. A row is its own article: its identity is its
``url`` when it has one (so re-ordering a manifest changes nothing), else the manifest's file name
and the row's number (``pages.jsonl#12``). A bad row is one line of reason; the next row goes on.
The format is documented in corpus/README.md.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .sidecar import SidecarError, validate_metadata

MANIFEST_SUFFIXES = (".jsonl", ".csv")
CONTENT_FIELDS = ("text", "html")
# A manifest row's column -> the sidecar key it fills.
ROW_FIELDS = {"url": "url", "title": "headline", "date": "published", "outlet": "source",
              "byline": "byline"}
# file_name is 500 characters at most: longer URLs identify their row by its number instead.
MAX_NAME = 500


@dataclass(frozen=True)
class ManifestRow:
    name: str  # the article's identity (its file_name)
    label: str  # where it is, for messages: "pages.jsonl#12"
    raw: bytes = b""  # the row's text or HTML, UTF-8 encoded, verbatim
    raw_format: str = "text"
    sidecar: dict | None = None  # its metadata, validated like a sidecar's
    failure: str = ""  # a one-line reason the row cannot be ingested


def is_manifest(path: Path) -> bool:
    return path.suffix.lower() in MANIFEST_SUFFIXES


def read_manifest(path: Path) -> Iterator[ManifestRow]:
    """The rows of a manifest, in order; an unreadable manifest is one failed row."""
    try:
        if path.suffix.lower() == ".csv":
            yield from _csv_rows(path)
        else:
            yield from _jsonl_rows(path)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        yield ManifestRow(path.name, f"{path.name}", failure=f"cannot read the manifest ({reason})")


def _jsonl_rows(path: Path) -> Iterator[ManifestRow]:
    with path.open("rb") as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            label = f"{path.name}#{number}"
            try:
                data = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                reason = getattr(error, "msg", None) or str(error)
                yield ManifestRow(label, label,
                                  failure=f"row {number} is not valid JSON ({reason})")
                continue
            if not isinstance(data, dict):
                yield ManifestRow(label, label, failure=f"row {number} must be a JSON object")
                continue
            yield _row(path, number, data)


def _csv_rows(path: Path) -> Iterator[ManifestRow]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # saved pages are larger than 128 KB
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for number, data in enumerate(reader, start=1):
            if None in data:  # more cells than the header has columns
                label = f"{path.name}#{number}"
                yield ManifestRow(label, label,
                                  failure=f"row {number} has more cells than the header")
                continue
            yield _row(path, number, {k: v for k, v in data.items() if v not in (None, "")})


def _row(path: Path, number: int, data: dict) -> ManifestRow:
    label = f"{path.name}#{number}"
    unknown = sorted(set(data) - set(ROW_FIELDS) - set(CONTENT_FIELDS))
    if unknown:
        return ManifestRow(label, label, failure=(
            f"row {number} has unknown fields {', '.join(map(str, unknown))} (allowed: "
            f"{', '.join((*ROW_FIELDS, *CONTENT_FIELDS))})"))
    given = [key for key in CONTENT_FIELDS if data.get(key)]
    if len(given) != 1:
        return ManifestRow(label, label,
                           failure=f"row {number} needs exactly one of text or html")
    content = data[given[0]]
    if not isinstance(content, str):
        return ManifestRow(label, label, failure=f"row {number}: {given[0]} must be a string")
    try:
        sidecar = validate_metadata(
            {ROW_FIELDS[key]: value for key, value in data.items() if key in ROW_FIELDS},
            f"row {number}",
        )
    except SidecarError as error:
        return ManifestRow(label, label, failure=str(error))
    url = sidecar.get("url", "")
    name = url if url and len(url) <= MAX_NAME else label
    return ManifestRow(name, label, content.encode("utf-8", "surrogatepass"),
                       given[0], sidecar)
