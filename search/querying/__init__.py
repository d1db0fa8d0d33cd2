"""Turning a search form's parameters into a haystack ``SearchQuerySet``, and its results into
something safe to show.

- ``language``: the query language, parsed and repaired in pure Python (``parse_query``);
- ``builder``: ``build_search(cleaned_data)`` — the one definition of a search, used by the
  search page, feeds, JSON and exports — and ``facet_counts``;
- ``hits``: a page of results as database rows with escaped, marked snippets;
- ``state``: the page's links (add/remove/exclude a facet value) and facet lists;
  ``attention``: matches per month (the chart), from date facets.
"""

from .builder import FACETS, build_search, facet_counts
from .language import HighlightTerm, ParsedQuery, parse_query

__all__ = [
    "FACETS",
    "HighlightTerm",
    "ParsedQuery",
    "build_search",
    "facet_counts",
    "parse_query",
]
