"""Scoring saved-HTML extraction against a ``truth.jsonl`` in shared/real-pages' format.

Pure Python. Each truth line is ``{"name", "url", "with": [...], "without": [...]}``; a ``with``
passage counts as kept when it appears in the body, a ``without`` passage as dropped when it does
not, both whitespace-normalised and case-folded (the data set's README). ``manage.py
evaluate_parsing DIR --format html`` reports the same figures; this is the HTML path alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .html import parse_html_page
from .types import ParseError

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass
class PassageScore:
    with_kept: int = 0
    with_total: int = 0
    without_dropped: int = 0
    without_total: int = 0
    pages: int = 0
    failed: list[str] = field(default_factory=list)  # "NAME: reason" for pages that failed
    misses: list[str] = field(default_factory=list)  # "NAME: lost …" / "NAME: kept …"

    @property
    def with_kept_share(self) -> float:
        return self.with_kept / self.with_total if self.with_total else 0.0

    @property
    def without_dropped_share(self) -> float:
        return self.without_dropped / self.without_total if self.without_total else 0.0

    def add(self, name: str, body: str, with_: Iterable[str], without: Iterable[str]) -> None:
        """Score one page's body."""
        self.pages += 1
        text = normalise(body)
        for passage in with_:
            self.with_total += 1
            if normalise(passage) in text:
                self.with_kept += 1
            else:
                self.misses.append(f"{name}: lost {passage!r}")
        for passage in without:
            self.without_total += 1
            if normalise(passage) not in text:
                self.without_dropped += 1
            else:
                self.misses.append(f"{name}: kept {passage!r}")

    def summary(self) -> str:
        return (f"{self.pages} pages ({len(self.failed)} failed): with kept "
                f"{self.with_kept_share:.1%} ({self.with_kept}/{self.with_total}), without "
                f"dropped {self.without_dropped_share:.1%} "
                f"({self.without_dropped}/{self.without_total})")


def read_truth(directory: Path) -> list[dict]:
    lines = (directory / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score_html_dir(directory: Path,
                   parse: Callable[[bytes, str], str] | None = None) -> PassageScore:
    """Score the body of every ``html/NAME.html`` under ``directory`` against its truth.

    ``parse(raw, url)`` returns a page's body; by default the archive's HTML parser. A page the
    parser refuses scores as an empty body (all its ``with`` lost) and is listed in ``failed``.
    """
    parse = parse or (lambda raw, url: parse_html_page(raw, url=url).body)
    score = PassageScore()
    for entry in read_truth(directory):
        raw = (directory / "html" / f"{entry['name']}.html").read_bytes()
        try:
            body = parse(raw, entry.get("url", ""))
        except ParseError as error:
            score.failed.append(f"{entry['name']}: {error}")
            body = ""
        score.add(entry["name"], body, entry.get("with", ()), entry.get("without", ()))
    return score
