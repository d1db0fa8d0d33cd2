"""Score parsed pages against hand-made labels (shared/real-pages' ``truth.jsonl``). Pure Python.

The labels list, per page, passages that must stay in the body ("with") and page furniture that
must not ("without"). Passages are compared whitespace-normalised and case-folded: a "with"
passage is kept when it appears in the body; a "without" passage is dropped when it does not.
The headline is exact when it equals the page's own headline (the first line of the raw text),
compared the same way. The outlet is right when the parser names the outlet whose domain the
page's URL belongs to, wrong when it names another, unknown when it names none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_SPACE = re.compile(r"\s+")

RIGHT, WRONG, UNKNOWN = "right", "wrong", "unknown"


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, trimmed and case-folded."""
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class Truth:
    """One labelled page."""

    name: str
    url: str = ""
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


class TruthError(ValueError):
    """A truth file that cannot be read; ``str(error)`` is a one-line reason."""


def read_truth(lines: Iterable[str]) -> list[Truth]:
    """Parse the lines of a ``truth.jsonl``; blank lines are skipped."""
    found = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise TruthError(f"line {number}: not JSON ({error.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("name"), str):
            raise TruthError(f"line {number}: expected an object with a \"name\"")
        passages = {}
        for key in ("with", "without"):
            value = record.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise TruthError(f"line {number}: \"{key}\" must be a list of strings")
            passages[key] = tuple(value)
        url = record.get("url") or ""
        found.append(Truth(record["name"], str(url), passages["with"], passages["without"]))
    return found


def url_domain(url: str) -> str:
    """``https://www.cnn.com/x`` -> ``cnn.com``; "" when there is no host ("hard::page.html")."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.") if "." in host else ""


def outlet_for_domain(domain: str, outlet_domains: Mapping[str, Iterable[str]]) -> str | None:
    """The slug whose domain is ``domain`` or a parent of it (``edition.cnn.com`` -> cnn)."""
    if not domain:
        return None
    for slug, domains in outlet_domains.items():
        for known in domains:
            if domain == known or domain.endswith("." + known):
                return slug
    return None


@dataclass(frozen=True)
class PageScore:
    name: str
    with_total: int
    with_missed: tuple[str, ...]
    without_total: int
    without_leaked: tuple[str, ...]
    headline_exact: bool
    headline: str
    expected_headline: str
    outlet: str  # RIGHT, WRONG or UNKNOWN
    expected_outlet: str | None
    found_outlet: str | None

    @property
    def with_kept(self) -> int:
        return self.with_total - len(self.with_missed)

    @property
    def without_dropped(self) -> int:
        return self.without_total - len(self.without_leaked)

    @property
    def has_misses(self) -> bool:
        return bool(self.with_missed or self.without_leaked or not self.headline_exact
                    or self.outlet == WRONG)


def score_page(
    truth: Truth,
    *,
    body: str,
    headline: str,
    expected_headline: str,
    found_outlet: str | None,
    expected_outlet: str | None,
) -> PageScore:
    """Score one page: ``body`` is what the parser calls body (paragraphs joined)."""
    text = normalise(body)
    missed = tuple(p for p in truth.with_ if normalise(p) not in text)
    leaked = tuple(p for p in truth.without if normalise(p) in text)
    if found_outlet is None:
        outlet = UNKNOWN
    elif found_outlet == expected_outlet:
        outlet = RIGHT
    else:
        outlet = WRONG
    return PageScore(
        name=truth.name,
        with_total=len(truth.with_),
        with_missed=missed,
        without_total=len(truth.without),
        without_leaked=leaked,
        headline_exact=normalise(headline) == normalise(expected_headline),
        headline=headline,
        expected_headline=expected_headline,
        outlet=outlet,
        expected_outlet=expected_outlet,
        found_outlet=found_outlet,
    )


def _percent(part: int, whole: int) -> float | None:
    return None if not whole else 100.0 * part / whole


@dataclass
class Share:
    """A part counted against its whole: passages kept of those expected, pages right of pages."""

    part: int = 0
    whole: int = 0

    def add(self, part: int, whole: int = 1) -> None:
        self.part += part
        self.whole += whole

    @property
    def percent(self) -> float | None:
        return _percent(self.part, self.whole)


@dataclass
class Summary:
    pages: int = 0
    with_kept: Share = field(default_factory=Share)
    without_dropped: Share = field(default_factory=Share)
    headlines_exact: Share = field(default_factory=Share)
    outlets: dict[str, int] = field(default_factory=lambda: {RIGHT: 0, WRONG: 0, UNKNOWN: 0})
    # Pages whose URL belongs to a known outlet, and how many of those were named right.
    known_outlets: Share = field(default_factory=Share)

    def add(self, score: PageScore) -> None:
        self.pages += 1
        self.with_kept.add(score.with_kept, score.with_total)
        self.without_dropped.add(score.without_dropped, score.without_total)
        self.headlines_exact.add(score.headline_exact)
        self.outlets[score.outlet] += 1
        if score.expected_outlet is not None:
            self.known_outlets.add(score.outlet == RIGHT)

    @property
    def known_outlet_pages(self) -> int:
        return self.known_outlets.whole

    @property
    def known_outlet_right(self) -> int:
        return self.known_outlets.part

    @property
    def with_kept_percent(self) -> float | None:
        return self.with_kept.percent

    @property
    def without_dropped_percent(self) -> float | None:
        return self.without_dropped.percent

    @property
    def headline_percent(self) -> float | None:
        return self.headlines_exact.percent

    def outlet_percent(self, verdict: str) -> float | None:
        return _percent(self.outlets[verdict], self.pages)


def summarise(scores: Iterable[PageScore]) -> Summary:
    summary = Summary()
    for score in scores:
        summary.add(score)
    return summary


def expected_headline(text: str) -> str:
    """The page's own headline in the raw format: its first non-blank line."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def halves(truths: Iterable[Truth]) -> dict[str, list[Truth]]:
    """The pages sorted by name and dealt alternately: "even" (0th, 2nd, …) to develop rules on,
    "odd" to check them on pages they were not tuned for."""
    ordered = sorted(truths, key=lambda truth: truth.name)
    return {"even": ordered[0::2], "odd": ordered[1::2]}


def thirds(truths: Iterable[Truth]) -> dict[str, list[Truth]]:
    """The pages sorted by name and cut after two thirds: the "first" two thirds to develop
    rules on, the "last" third to check them on."""
    ordered = sorted(truths, key=lambda truth: truth.name)
    cut = 2 * len(ordered) // 3
    return {"first": ordered[:cut], "last": ordered[cut:]}


def page_errors(score: PageScore) -> list[str]:
    """One line per miss of a scored page, for ``--errors``."""
    lines = [f"lost (with): {passage!r}" for passage in score.with_missed]
    lines += [f"kept (without): {passage!r}" for passage in score.without_leaked]
    if not score.headline_exact:
        lines.append(f"headline: {score.headline!r}, expected {score.expected_headline!r}")
    if score.outlet == WRONG:
        lines.append(f"outlet: {score.found_outlet}, expected {score.expected_outlet or 'none'}")
    return lines
