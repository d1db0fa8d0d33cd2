"""``build_search``: a search form's cleaned data -> a haystack ``SearchQuerySet``.

The one place where a search is defined. The search page, feeds, JSON and CSV exports of a search
call it with ``SearchForm(...).cleaned_data`` and get the same documents in the same order. Only
haystack's public API is used (``filter``, ``narrow``, ``facet``, ``order_by``), so another
haystack engine (Elasticsearch, Solr) can be configured in settings alone.

Facet filters are ``narrow()`` queries: they restrict the matches without changing their scores.
Several values of one facet are OR-ed; different facets are AND-ed; ``not_<facet>`` values are
excluded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from haystack.inputs import Raw
from haystack.query import SearchQuerySet

from search.engine.narrow import exact_clause

from .language import ParsedQuery, parse_query


@dataclass(frozen=True)
class Facet:
    param: str  # the URL parameter (and form field); ``not_<param>`` excludes values
    field: str  # the index field
    label: str


FACETS: tuple[Facet, ...] = (
    Facet("kind", "kind", "Search in"),
    Facet("outlet", "outlet_exact", "Outlet"),
    Facet("year", "year", "Year"),
    Facet("month", "month", "Month"),
    Facet("comments", "has_comments", "Reader comments"),
    Facet("byline", "byline_exact", "Byline"),
    # Newsroom intelligence (issue 6): see docs/intelligence.md.
    Facet("person", "people", "People"),
    Facet("organisation", "organisations", "Organisations"),
    Facet("place", "places", "Places"),
    Facet("story_size", "story_size", "Versions of the story"),
)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}

SORTS = {
    "relevance": (),
    "newest": ("-published",),
    "oldest": ("published",),
}


def any_of(field: str, values: Iterable[str]) -> str:
    """A narrow query matching any of ``values`` (OR within one facet)."""
    return " OR ".join(exact_clause(field, value) for value in values)


def effective_sort(params: Mapping) -> str:
    """The sort in force: relevance needs words to rank by; without any, newest first."""
    sort = params.get("sort") or "relevance"
    parsed = parsed_query(params)
    if sort == "relevance" and (parsed.node is None or parsed.is_negative_only):
        return "newest"  # nothing to rank by
    return sort if sort in SORTS else "relevance"


def parsed_query(params: Mapping) -> ParsedQuery:
    """The search's parsed query: parsed once by the form (``parsed``), else parsed here."""
    parsed = params.get("parsed")
    if isinstance(parsed, ParsedQuery):
        return parsed
    return parse_query(params.get("q") or "")


def build_search(
    params: Mapping,
    *,
    facets: Iterable[str] | None = None,
    ignore_facet: str | None = None,
) -> SearchQuerySet:
    """The ``SearchQuerySet`` for a search form's ``cleaned_data``.

    Keys read (all optional): ``q``; one list of values per facet parameter in ``FACETS``
    (``outlet``, ``year``, …) and its ``not_<param>`` list; ``from`` and ``to`` dates; ``sort``
    (``relevance``, ``newest``, ``oldest``). ``facets`` names the facet parameters to count
    (default: all); ``ignore_facet`` leaves that facet's own selected values out of the filters
    (to count its other values: OR within a facet).
    """
    sqs = SearchQuerySet()
    parsed = parsed_query(params)
    if parsed.node is not None:
        # Parenthesised: haystack ANDs it with the date filters without regrouping it.
        sqs = sqs.filter(content=Raw(f"({parsed.backend_query})"))
    for facet in FACETS:
        chosen = list(params.get(facet.param) or ())
        if chosen and facet.param != ignore_facet:
            sqs = sqs.narrow(any_of(facet.field, chosen))
        for value in params.get(f"not_{facet.param}") or ():
            sqs = sqs.narrow(f"NOT {exact_clause(facet.field, value)}")
    if params.get("from"):
        sqs = sqs.filter(published__gte=params["from"])
    if params.get("to"):
        sqs = sqs.filter(published__lte=params["to"])
    order = SORTS[effective_sort(params)]
    if order:
        sqs = sqs.order_by(*order)
    fields = [FACETS_BY_PARAM[param].field
              for param in (FACETS_BY_PARAM if facets is None else facets)]
    if fields:
        # One copy of the search for all of them: ``facet()`` deep-copies the query each time
        # (ten copies were half of building a search).
        sqs = sqs.facet(fields[0])
        for field in fields[1:]:
            sqs.query.add_field_facet(field)
    return sqs


def with_spelling(sqs: SearchQuerySet, parsed: ParsedQuery) -> SearchQuerySet:
    """``sqs`` asking the engine, should it find little, for better words for the query as typed
    (``parsed``), not for the query string haystack builds around it: the suggestion comes with
    the search itself (a second search for it looked every unknown word up again: half of a
    misspelt query's 230 ms at 100,000 articles)."""
    if parsed.node is not None:
        sqs.query.set_spelling_query(parsed.display)
    return sqs


def spelling_suggestion(sqs: SearchQuerySet, parsed: ParsedQuery) -> str | None:
    """The corrected query (in the query language) that ``with_spelling(sqs, parsed)`` brought
    back, or None when the engine knows no better words."""
    if parsed.node is None:
        return None
    suggestion = sqs.spelling_suggestion(parsed.display)
    if not suggestion or " ".join(suggestion.lower().split()) == parsed.display.lower():
        return None
    return suggestion


def facet_counts(params: Mapping, sqs: SearchQuerySet) -> dict[str, list[tuple[str, int]]]:
    """Counts per value for each facet, over every match (not the page).

    A facet with selected values is counted over the search without its own selection, so its
    other values keep their counts and can be added (OR); every other filter still applies.
    """
    fields = (sqs.facet_counts() or {}).get("fields", {})
    counts = {facet.param: list(fields.get(facet.field, [])) for facet in FACETS}
    for facet in FACETS:
        if params.get(facet.param):
            others = build_search(params, facets=[facet.param], ignore_facet=facet.param)
            other_fields = (others.facet_counts() or {}).get("fields", {})
            counts[facet.param] = list(other_fields.get(facet.field, []))
    return counts
