"""``NAME.json`` beside ``NAME.txt``: metadata that wins over what the parser detects.

Validated completely before anything is stored, so that a bad sidecar fails its file with one
line rather than as an "internal error" from the database: a JSON object of known keys whose
values are strings that fit their columns, hold no NUL, control character or lone surrogate,
are not blank once invisible characters are removed; ``published`` is a strict ``YYYY-MM-DD``
day, ``url`` an http(s) URL.
"""

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from archive.parsing.decoding import is_blank

SIDECAR_FIELDS = ("url", "source", "published", "byline", "headline")
# The longest value each key may hold: its database column (archive.models.Article, Source.name).
MAX_CHARS = {"url": 1000, "source": 200, "published": 10, "byline": 300, "headline": 500}
MAX_SIDECAR_BYTES = 64 * 1024  # five short strings: anything larger is not a sidecar
FIRST_YEAR = 1000  # the first year a date can be searched by (four-digit years)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class SidecarError(ValueError):
    """The sidecar cannot be used; ``str()`` is a one-line reason."""


def sidecar_path(raw_path: Path) -> Path:
    return raw_path.with_suffix(".json")


def read_sidecar(raw_path: Path) -> dict:
    """The validated sidecar for ``raw_path`` ({} when there is none); ``SidecarError`` with a
    one-line reason for anything that could not be stored as it is.

    Unknown keys are refused so a typo (``"pubished"``) is not silently ignored. ``null`` and
    ``""`` mean "not given".
    """
    path = sidecar_path(raw_path)
    if path == raw_path or not path.is_file():
        return {}
    name = path.name
    raw = path.read_bytes()
    if len(raw) > MAX_SIDECAR_BYTES:
        raise SidecarError(f"sidecar {name} is {len(raw):,} bytes; at most "
                           f"{MAX_SIDECAR_BYTES:,} are read")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SidecarError(f"sidecar {name} is not valid JSON ({error})") from None
    except RecursionError:
        raise SidecarError(f"sidecar {name} is nested too deeply to be a sidecar") from None
    if not isinstance(data, dict):
        raise SidecarError(f"sidecar {name} must hold a JSON object")
    return validate_metadata(data, f"sidecar {name}")


def validate_metadata(data: dict, where: str) -> dict:
    """The cleaned metadata (strings, empty values dropped) of a sidecar or of a manifest row
    (``where`` names it in the reason), or :class:`SidecarError`."""
    unknown = sorted(set(data) - set(SIDECAR_FIELDS))
    if unknown:
        raise SidecarError(
            f"{where} has unknown keys {', '.join(map(repr, unknown))[:200]} "
            f"(allowed: {', '.join(SIDECAR_FIELDS)})"
        )
    clean = {}
    for key, value in data.items():
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise SidecarError(f"{where}: {key} must be a string")
        clean[key] = _valid_text(where, key, value)
    if "published" in clean:
        _check_day(where, clean["published"])
    if "url" in clean:
        try:
            URLValidator(schemes=["http", "https"])(clean["url"])
        except ValidationError:
            raise SidecarError(
                f"{where}: url {clean['url'][:100]!r} is not a URL") from None
    return clean


def _valid_text(where: str, key: str, value: str) -> str:
    bad = next((ch for ch in value if unicodedata.category(ch) in {"Cc", "Cs"}
                and ch not in "\t\n\r"), None)
    if bad is not None:
        what = "a NUL character" if bad == "\x00" else (
            "a lone surrogate" if unicodedata.category(bad) == "Cs"
            else f"the control character U+{ord(bad):04X}")
        raise SidecarError(f"{where}: {key} holds {what}")
    value = value.strip()
    if is_blank(value):
        raise SidecarError(f"{where}: {key} is blank (only spaces or invisible "
                           "characters); leave it out or give a value")
    if len(value) > MAX_CHARS[key]:
        raise SidecarError(f"{where}: {key} is {len(value):,} characters long; "
                           f"at most {MAX_CHARS[key]:,} fit")
    return value


def _check_day(where: str, value: str) -> None:
    try:
        if not _DAY.match(value):
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise SidecarError(
            f"{where}: published {value[:40]!r} is not a date (YYYY-MM-DD)") from None
    if day.year < FIRST_YEAR:
        raise SidecarError(f"{where}: published {value!r} is before the year "
                           f"{FIRST_YEAR}")
