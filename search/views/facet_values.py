"""Every value of one facet for a search (``/search/facets/<param>/?q=…``): what the search page
lists only in part (its top values and "more") when a facet has thousands of values.

Thin: the same ``SearchForm`` and ``build_search`` as the search page, counted for this facet
alone; each value links back to the search page with that value chosen (or left out).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from search.forms import SearchForm
from search.querying.builder import FACETS_BY_PARAM, build_search, facet_counts
from search.querying.state import SearchState, ordered_values, value_label

MAX_LISTED = 5000


def facet_values(request, param: str):
    facet = FACETS_BY_PARAM.get(param)
    if facet is None:
        raise Http404("No such facet.")
    form = SearchForm(request.GET)
    form.is_valid()
    params = form.search_params()
    state = SearchState.from_querydict(request.GET)
    counts = dict(facet_counts(params, build_search(params, facets=[param])).get(param, []))
    search_url = reverse("search:search")
    chosen = set(params.get(param) or ())
    values = [
        {
            "label": value_label(param, value),
            "count": counts[value],
            "selected": value in chosen,
            "select_url": search_url + state.with_value(param, value),
            "exclude_url": search_url + state.excluding(param, value),
        }
        for value in ordered_values(param, counts)[:MAX_LISTED]
    ]
    context = {
        "facet": facet,
        "values": values,
        "total_values": len(counts),
        "back_url": search_url + state.url(),
        "hide_header_search": False,
    }
    return render(request, "search/facet_values.html", context)
