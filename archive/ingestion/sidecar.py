"""``NAME.json`` beside ``NAME.txt``: metadata that wins over what the parser detects."""

import datetime as dt
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

SIDECAR_FIELDS = ("url", "source", "published", "byline", "headline")


class SidecarError(ValueError):
    """The sidecar cannot be used; ``str()`` is a one-line reason."""


def sidecar_path(raw_path: Path) -> Path:
    return raw_path.with_suffix(".json")


def read_sidecar(raw_path: Path) -> dict:
    """The validated sidecar for ``raw_path`` ({} when there is none).

    Values are strings; ``published`` is checked to be a real ``YYYY-MM-DD`` date, ``url`` a URL.
    Unknown keys are refused so a typo (``"pubished"``) is not silently ignored.
    """
    path = sidecar_path(raw_path)
    if path == raw_path or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SidecarError(f"sidecar {path.name} is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise SidecarError(f"sidecar {path.name} must hold a JSON object")
    unknown = sorted(set(data) - set(SIDECAR_FIELDS))
    if unknown:
        raise SidecarError(
            f"sidecar {path.name} has unknown keys {', '.join(unknown)} "
            f"(allowed: {', '.join(SIDECAR_FIELDS)})"
        )
    clean = {}
    for key, value in data.items():
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise SidecarError(f"sidecar {path.name}: {key} must be a string")
        clean[key] = value.strip()
    if "published" in clean:
        try:
            dt.date.fromisoformat(clean["published"])
        except ValueError:
            raise SidecarError(
                f"sidecar {path.name}: published {clean['published']!r} is not a date (YYYY-MM-DD)"
            ) from None
    if "url" in clean:
        try:
            URLValidator(schemes=["http", "https"])(clean["url"])
        except ValidationError:
            raise SidecarError(f"sidecar {path.name}: url {clean['url']!r} is not a URL") from None
    return clean
