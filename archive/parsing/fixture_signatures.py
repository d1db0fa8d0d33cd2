"""Load outlet signatures from the ``fixtures/sources.json`` Django fixture without Django.

Tests and benchmarks use this so that they exercise exactly the data the app loads.
"""

from __future__ import annotations

import json
from os import PathLike
from pathlib import Path

from .outlets import signature_from_text
from .types import OutletSignature

DEFAULT_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sources.json"


def load_fixture_signatures(path: str | PathLike[str] = DEFAULT_FIXTURE) -> list[OutletSignature]:
    """Read a list of ``archive.source`` fixture records and build their signatures."""
    with open(path, encoding="utf-8") as handle:
        records = json.load(handle)
    signatures = []
    for record in records:
        if record.get("model") != "archive.source":
            continue
        fields = record["fields"]
        signatures.append(
            signature_from_text(
                fields["slug"],
                fields["name"],
                fields.get("domain", ""),
                fields.get("signatures", ""),
            )
        )
    return signatures
