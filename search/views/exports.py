"""A search in other formats, at the search page's own URL: ``?format=json`` (a page of results
with permalinks and the facet counts), ``?format=csv`` and ``?format=jsonl`` (every result, not
just a page, streamed).

The search is the search page's: the same ``SearchForm`` and ``build_search``, so every filter and
the sort apply, and the same ``load_hits``, so only what ``Article.objects.published()`` allows is
ever written. Exports walk the results as the engine streams them (``search.querying.stream``:
one search, then each result as it is reached) and load the rows ``LOAD_CHUNK`` at a time (one or
two database queries each): memory stays flat however many rows there are (see
``bench/export_bench.py``).
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from collections.abc import Iterator
from functools import wraps

from django.http import Http404, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from archive.serializers import HIT_FIELDS, csv_row, hit_record
from search.querying import build_search, facet_counts
from search.querying.builder import effective_sort, parsed_query
from search.querying.hits import Hit, load_hits
from search.querying.state import SearchState
from search.querying.stream import batched, iter_results, slices
from search.views.invalid import refuses_bad_searches, valid_search
from search.views.search import page_number

# Results asked of the index per query when the engine cannot stream them (another haystack
# engine): each query ranks every match again, so fewer, larger slices are faster. Rows are
# loaded from the database ``LOAD_CHUNK`` at a time.
EXPORT_CHUNK = 2000
LOAD_CHUNK = 500
JSON_PAGE_SIZE = 20
SEARCH_FORMATS = ("html", "json", "csv", "jsonl")


def with_search_formats(search_view):
    """Wrap the search page's view: ``format=json|csv|jsonl`` are answered here, anything else
    unknown is a 400 naming the formats, and no ``format`` (or ``html``) is the page itself."""

    @wraps(search_view)
    def view(request, *args, **kwargs):
        wanted = request.GET.get("format", "")
        if wanted in ("", "html"):
            return search_view(request, *args, **kwargs)
        handler = HANDLERS.get(wanted)
        if handler is None:
            return HttpResponseBadRequest(
                "Unknown format. A search is available as: " + ", ".join(SEARCH_FORMATS) + ".",
                content_type="text/plain",
            )
        return handler(request)

    return view


def iter_hits(params: dict, *, chunk: int | None = None) -> Iterator[Hit]:
    """Every hit of the search, in the search's order. ``chunk``, for a caller that wants only
    the first few (a feed): the index is asked for ``chunk`` results at a time instead."""
    search = build_search(params, facets=())  # no facet counting: only the rows are wanted
    terms = parsed_query(params).highlight_terms
    if chunk:
        batches = (rows for results in slices(search, chunk)
                   for rows in batched(results, LOAD_CHUNK))
    else:
        batches = batched(iter_results(search, chunk=EXPORT_CHUNK), LOAD_CHUNK)
    for results in batches:
        yield from load_hits(results, terms)


@refuses_bad_searches("json")
def search_json(request):
    """One page of results (``page=``, 20 a page) with permalinks, and the facet counts."""
    form, params, _ = valid_search(request)
    number = page_number(request.GET.get("page"))
    search = build_search(params)
    start = (number - 1) * JSON_PAGE_SIZE
    results = list(search[start : start + JSON_PAGE_SIZE])
    total = search.count()
    num_pages = max(1, math.ceil(total / JSON_PAGE_SIZE))
    if number > num_pages:
        raise Http404("No such page of results.")
    state = SearchState.from_querydict(request.GET)
    hits = load_hits(results, parsed_query(params).highlight_terms)

    def page_url(n: int) -> str | None:
        if not 1 <= n <= num_pages:
            return None
        return request.build_absolute_uri(request.path + state.url(page=n, format="json"))

    counts = facet_counts(params, search)
    data = {
        "query": params.get("q") or "",
        "sort": effective_sort(params),
        "total": total,
        "page": number,
        "num_pages": num_pages,
        "next": page_url(number + 1),
        "previous": page_url(number - 1),
        "errors": {name: [str(e) for e in errors] for name, errors in form.errors.items()},
        "results": [hit_record(hit, request=request) for hit in hits],
        "facets": {
            param: [{"value": value, "count": count} for value, count in values]
            for param, values in counts.items()
        },
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


class _Line:
    """A write-only file for ``csv.writer``: hands back what it is given."""

    def write(self, value: str) -> str:
        return value


def _records(request, params) -> Iterator[dict]:
    for hit in iter_hits(params):
        yield hit_record(hit, request=request)


def _started(stream: Iterator[str]) -> Iterator[str]:
    """``stream`` with its first item already made: the search runs before the response
    starts, so a search the engine refuses (``QueryTooBroad``) or fails is still a 400 or a
    500, never a file cut short after its header."""
    first = next(stream, None)
    return stream if first is None else itertools.chain([first], stream)


def _download(stream, *, content_type: str, extension: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_started(stream), content_type=content_type)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"clippings-search-{stamp}.{extension}"
    )
    return response


@refuses_bad_searches("csv")
def search_csv(request):
    """Every result as CSV (``HIT_FIELDS`` columns), formula-safe, streamed."""
    _, params, _ = valid_search(request)
    writer = csv.writer(_Line())

    def rows() -> Iterator[str]:
        records = _started(_records(request, params))  # search before the header row
        yield writer.writerow(HIT_FIELDS)
        for record in records:
            yield writer.writerow(csv_row(record))

    return _download(rows(), content_type="text/csv; charset=utf-8", extension="csv")


@refuses_bad_searches("jsonl")
def search_jsonl(request):
    """Every result as JSON Lines (one ``hit_record`` a line), streamed."""
    _, params, _ = valid_search(request)

    def lines() -> Iterator[str]:
        for record in _records(request, params):
            yield json.dumps(record, ensure_ascii=False) + "\n"

    return _download(
        lines(), content_type="application/x-ndjson; charset=utf-8", extension="jsonl"
    )


HANDLERS = {"json": search_json, "csv": search_csv, "jsonl": search_jsonl}
