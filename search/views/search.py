"""The search page (``/search/``) and the query-language help page (``/search/help/``).

Thin: the form validates GET, ``build_search`` defines the search, ``load_hits`` and
``search.querying.state`` prepare what the template shows. Every state is in the URL.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from config.paths import fixed_path
from search.forms import SORT_CHOICES, printable
from search.querying.advanced import BOXES, advanced_boxes, compose_query
from search.querying.builder import (
    FACETS_BY_PARAM,
    build_search,
    effective_sort,
    facet_counts,
    spelling_suggestion,
    with_spelling,
)
from search.querying.collapse import collapse_by_story
from search.querying.hits import load_hits
from search.querying.state import SearchState, active_filters, facet_groups
from search.views.attention import chart_context
from search.views.invalid import refuses_bad_searches, valid_search

PAGE_SIZE = 20
FEW_RESULTS = 5
PAGE_LINKS = 2  # page numbers shown on each side of the current one
MAX_PAGE = 999_999
_PAGE = re.compile(r"^[0-9]{1,6}\Z")  # ASCII digits only: "²".isdigit() is true


@dataclass(frozen=True)
class ResultsPage:
    number: int
    num_pages: int
    total: int
    state: SearchState

    @property
    def start_index(self) -> int:
        return 0 if not self.total else (self.number - 1) * PAGE_SIZE + 1

    @property
    def end_index(self) -> int:
        return min(self.number * PAGE_SIZE, self.total)

    @property
    def previous_url(self) -> str | None:
        return self.state.page_url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.state.page_url(self.number + 1) if self.number < self.num_pages else None

    @property
    def links(self) -> list[tuple[int, str]]:
        low = max(1, self.number - PAGE_LINKS)
        high = min(self.num_pages, self.number + PAGE_LINKS)
        return [(n, self.state.page_url(n)) for n in range(low, high + 1)]


def page_number(value: str | None) -> int:
    """The requested page; anything but a whole number from 1 to ``MAX_PAGE`` (in ASCII
    digits) is a 404."""
    if value in (None, ""):
        return 1
    if not _PAGE.match(value) or int(value) < 1:
        raise Http404("No such page of results.")
    return int(value)


DATE_PARAMS = ("from", "to", "year", "month")  # those that leave undated articles out


def undated_left_out(params: dict, state: SearchState) -> dict | None:
    """Under a date filter, how many undated matches it leaves out, and a link that includes them
    (the same search without the dates); None when there is no date filter or none is left out."""
    if not any(params.get(key) for key in DATE_PARAMS):
        return None
    undated_params = {k: v for k, v in params.items() if k not in DATE_PARAMS}
    # One search: its count, and the dated among them by the year facet (every dated document
    # has a year, an undated one none).
    without_dates = build_search(undated_params, facets=("year",))
    everything = without_dates.count()
    dated = sum(n for _, n in (without_dates.facet_counts() or {}).get("fields", {}).get(
        FACETS_BY_PARAM["year"].field, []))
    if everything <= dated:
        return None
    pairs = [(k, v) for k, v in state.pairs if k not in DATE_PARAMS]
    return {"count": everything - dated, "url": state.url(pairs)}


def sort_help(params: dict) -> str:
    """Says what the sort does now: without words, best match has nothing to rank by."""
    if effective_sort(params) == "newest" and (params.get("sort") or "relevance") == "relevance":
        return "Best match ranks by your words; with no words the newest come first."
    return "Best match needs words to search for; otherwise the newest come first."


def sort_choices(params: dict) -> list[tuple[str, str]]:
    """The sort menu; without words "Best match" says that the newest come first, as they do."""
    if effective_sort(params) == "newest" and (params.get("sort") or "relevance") == "relevance":
        return [
            (value, "Best match (no words: newest first)" if value == "relevance" else label)
            for value, label in SORT_CHOICES
        ]
    return list(SORT_CHOICES)


def _from_advanced(request, boxes: dict[str, str]) -> HttpResponseRedirect:
    """The advanced form's boxes as one query in the search box (``?q=…``), dates kept."""
    pairs = [("q", compose_query(boxes))]
    pairs += [(k, v) for k in ("from", "to") for v in request.GET.getlist(k) if v]
    return HttpResponseRedirect(reverse("search:search") + SearchState(pairs).url())


@refuses_bad_searches("html")
def search(request):
    if (boxes := advanced_boxes(request.GET)) is not None:
        return _from_advanced(request, boxes)
    form, params, parsed = valid_search(request)
    number = page_number(request.GET.get("page"))
    state = SearchState.from_querydict(request.GET)

    # Every month counted (not only the facet's most frequent): the attention chart draws them
    # from this search's counts instead of searching again.
    # The page's own search also brings back better words for the query as typed, if it finds
    # little.
    sqs = with_spelling(build_search(params).facet("month", limit=-1), parsed)
    start = (number - 1) * PAGE_SIZE
    collapsed = None
    if params.get("per_story"):  # issue 6: one result per story, over the whole result set
        # The page's search counts stories too: one search for them and every facet.
        sqs = sqs.facet("story_id", limit=-1)
        collapsed = collapse_by_story(sqs, start=start, size=PAGE_SIZE,
                                      plain=build_search(params, facets=()))
        results, total = collapsed.results, collapsed.total
    else:
        results = list(sqs[start : start + PAGE_SIZE])  # one search: page, count, facets
        total = sqs.count()
    num_pages = max(1, math.ceil(total / PAGE_SIZE))
    if number > num_pages:
        raise Http404("No such page of results.")
    counts = facet_counts(params, sqs)
    suggestion = spelling_suggestion(sqs, parsed) if total < FEW_RESULTS else None
    groups = facet_groups(params, counts, state)
    for group in groups:
        group.all_url = fixed_path("search:facet-values", group.param) + state.url()
    context = {
        "form": form,
        "q_value": printable(request.GET.get("q", "")),
        "parsed": parsed,
        "hits": load_hits(results, parsed.highlight_terms),
        "page": ResultsPage(number, num_pages, total, state),
        "total": total,
        "groups": groups,
        "undated": undated_left_out(params, state),
        "sort_help": sort_help(params),
        "advanced_boxes": BOXES,
        "filters": active_filters(params, state),
        "clear_url": state.url([("q", params["q"])] if params.get("q") else []),
        **chart_context(request, params, search=sqs),  # attention over time (issue 15)
        "suggestion": suggestion,
        "suggestion_url": state.with_only("q", suggestion) if suggestion else "",
        # The order the reader asked for (the form's default is best match), not the effective
        # one: an empty query sorts newest first, but typing words must then rank by relevance
        # rather than carry "newest" along from the blank page.
        "sort": params.get("sort") or "relevance",
        "effective_sort": effective_sort(params),
        "sort_choices": sort_choices(params),
        "excluded": [
            (key, value) for key, value in state.pairs if key.startswith("not_")
        ],
        "hide_header_search": True,
        "per_story": collapsed,
        "per_story_url": state.without("per_story") if collapsed else state.with_only(
            "per_story", "on"
        ),
    }
    return render(request, "search/search.html", context)


def search_help(request):
    return render(request, "search/help.html", {"sort_choices": SORT_CHOICES})
