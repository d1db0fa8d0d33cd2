"""The search page's state as URLs: links that add, remove or exclude a facet value, the filters
in force, and the facet lists to draw. Pure Python over the GET parameters; every
link is a plain GET link, so the back button and bookmarks work.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote_plus, urlencode

from .builder import FACETS

TOP_VALUES = 5  # shown per facet (plus every selected or excluded value)
MORE_VALUES = 20  # behind "more"; beyond that the facet says how many it leaves out
MAX_YEAR_SPAN = 60

_VALUE_LABELS = {
    "kind": {"article": "Articles", "comments": "Reader comments"},
    "comments": {"yes": "With reader comments", "no": "Without reader comments"},
    "story_size": {"1": "Only one version", "10+": "10 or more versions"}
    | {str(n): f"{n} versions" for n in range(2, 10)},
}


def value_label(param: str, value: str) -> str:
    if param == "month" and len(value) == 7:
        year, month = value.split("-")
        if month.isdigit() and 1 <= int(month) <= 12:
            return f"{calendar.month_name[int(month)]} {year}"
    return _VALUE_LABELS.get(param, {}).get(value, value)


class SearchState:
    """The current GET parameters (less ``page``), and URLs for changed copies of them."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        self.pairs = [(k, v) for k, v in pairs if k != "page" and v != ""]
        self._encoded: str | None = None  # the pairs url-encoded, once (a chart links each bar)

    @classmethod
    def from_querydict(cls, querydict) -> SearchState:
        return cls((key, value) for key, values in querydict.lists() for value in values)

    def values(self, param: str) -> list[str]:
        return [v for k, v in self.pairs if k == param]

    def url(self, pairs: list[tuple[str, str]] | None = None, **extra) -> str:
        if pairs is None:  # these parameters (encoded once) and ``extra``
            more = urlencode([(k, str(v)) for k, v in extra.items()])
            return self._joined(more)
        pairs = list(pairs)
        pairs.extend((k, str(v)) for k, v in extra.items())
        return "?" + urlencode(pairs) if pairs else "?"

    def with_value(self, param: str, value: str) -> str:
        """Select ``value`` (and stop excluding it)."""
        return self._replacing(param, value, (param, value))

    def excluding(self, param: str, value: str) -> str:
        return self._replacing(param, value, (f"not_{param}", value))

    def _joined(self, more: str) -> str:
        """"?" and these parameters (url-encoded once) followed by ``more`` (encoded)."""
        if self._encoded is None:
            self._encoded = urlencode(self.pairs)
        return "?" + (f"{self._encoded}&{more}" if self._encoded and more else
                      self._encoded or more)

    def _replacing(self, param: str, value: str, new: tuple[str, str]) -> str:
        """These parameters without ``value`` selected or excluded, then ``new``. A facet value
        that is neither (most of a page's ~250) adds its pair, encoded as ``urlencode`` encodes
        one, to the parameters encoded once, rather than encoding them all again for each."""
        gone = ((param, value), (f"not_{param}", value))
        if gone[0] not in self.pairs and gone[1] not in self.pairs:
            return self._joined(f"{quote_plus(str(new[0]))}={quote_plus(str(new[1]))}")
        return self.url([*[p for p in self.pairs if p not in gone], new])

    def without(self, param: str, value: str | None = None) -> str:
        """Drop one value of ``param`` (all of them when ``value`` is None)."""
        pairs = [p for p in self.pairs if not (p[0] == param and value in (None, p[1]))]
        if param == "year" and value is not None:  # its months go with it
            pairs = [p for p in pairs if not (p[0] == "month" and p[1].startswith(f"{value}-"))]
        return self.url(pairs)

    def page_url(self, number: int) -> str:
        return self.url(page=number) if number > 1 else self.url()

    def with_only(self, param: str, value: str) -> str:
        """``param`` set to exactly ``value`` (sort links, spelling suggestions)."""
        return self.url([p for p in self.pairs if p[0] != param] + [(param, value)])


@dataclass(frozen=True)
class FacetValue:
    """A facet value and its links, each encoded when first read: a page lists ~250 values
    and shows one link of each (leave out, or undo), and encoding all three up front was a few
    milliseconds of every search."""

    param: str
    value: str
    label: str
    count: int
    selected: bool
    excluded: bool
    state: SearchState = field(repr=False, compare=False)

    @cached_property
    def select_url(self) -> str:
        return self.state.with_value(self.param, self.value)

    @cached_property
    def exclude_url(self) -> str:
        return self.state.excluding(self.param, self.value)

    @cached_property
    def remove_url(self) -> str:
        return self.state.without(
            f"not_{self.param}" if self.excluded else self.param, self.value
        )


@dataclass
class FacetGroup:
    param: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    more: list[FacetValue] = field(default_factory=list)
    left_out: int = 0  # values not listed at all (after TOP_VALUES + MORE_VALUES)
    all_url: str = ""  # the page listing every value (set by the view)

    @property
    def active(self) -> int:
        """How many of its values are chosen or left out (shown on the folded group)."""
        return sum(1 for item in self.values if item.selected or item.excluded)


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    remove_url: str
    excluded: bool = False


def facet_groups(
    params: Mapping, counts: Mapping[str, list[tuple[str, int]]], state: SearchState
) -> list[FacetGroup]:
    groups = []
    years = list(params.get("year") or ())
    for facet in FACETS:
        if facet.param == "month" and not (years or params.get("month")):
            continue  # months are a drill-down from a year
        selected = list(params.get(facet.param) or ())
        excluded = list(params.get(f"not_{facet.param}") or ())
        found = dict(counts.get(facet.param, []))
        if facet.param == "month" and years:
            found = {m: c for m, c in found.items() if m[:4] in years}
        for value in selected + excluded:
            found.setdefault(value, 0)
        if not found:
            continue
        group = FacetGroup(facet.param, facet.label)
        for value in ordered_values(facet.param, found):
            chosen = value in selected or value in excluded
            if not chosen and len(group.values) >= TOP_VALUES and len(group.more) >= MORE_VALUES:
                group.left_out += 1
                continue
            item = FacetValue(
                param=facet.param,
                value=value,
                label=value_label(facet.param, value),
                count=found[value],
                selected=value in selected,
                excluded=value in excluded,
                state=state,
            )
            shown = item.selected or item.excluded or len(group.values) < TOP_VALUES
            (group.values if shown else group.more).append(item)
        groups.append(group)
    return groups


def ordered_values(param: str, found: Mapping[str, int]) -> list[str]:
    if param in {"year", "month"}:
        return sorted(found, reverse=param == "year")
    return sorted(found, key=lambda v: (-found[v], v.lower()))


def active_filters(params: Mapping, state: SearchState) -> list[ActiveFilter]:
    chips = []
    for facet in FACETS:
        for value in params.get(facet.param) or ():
            label = f"{facet.label}: {value_label(facet.param, value)}"
            chips.append(ActiveFilter(label, state.without(facet.param, value)))
        for value in params.get(f"not_{facet.param}") or ():
            label = f"{facet.label}: not {value_label(facet.param, value)}"
            chips.append(ActiveFilter(label, state.without(f"not_{facet.param}", value), True))
    for key, label in (("from", "From"), ("to", "To")):
        if params.get(key):
            chips.append(ActiveFilter(f"{label} {params[key]:%Y-%m-%d}", state.without(key)))
    return chips
