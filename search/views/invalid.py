"""A search that cannot run, answered with a 400 that says what was wrong, in the format asked
for (the page, JSON, CSV or JSON Lines, a feed): an invalid parameter (the search form's errors)
or a query over the cost budget (``QueryTooBroad``, raised by the query parser or the engine).

The views take their search from :func:`valid_search` and are wrapped in
:func:`refuses_bad_searches`, so no format ever searches with part of a request, or fails
with a 500 on one.
"""

from __future__ import annotations

from functools import wraps

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

from search.engine.budget import QueryTooBroad
from search.forms import SearchForm, printable
from search.querying.builder import parsed_query
from search.querying.language import ParsedQuery
from search.querying.state import SearchState


class InvalidSearch(Exception):
    """``errors``: {parameter: [message, …]}; ``messages``: the same as sentences."""

    def __init__(self, errors: dict[str, list[str]], messages: list[str]):
        super().__init__("; ".join(messages))
        self.errors, self.messages = errors, messages

    @classmethod
    def from_form(cls, form: SearchForm) -> InvalidSearch:
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        messages = [
            f"{form.fields[name].label if name in form.fields else 'Search'}: {message}"
            for name, errs in errors.items()
            for message in errs
        ]
        return cls(errors, messages)

    @classmethod
    def too_broad(cls, error: QueryTooBroad) -> InvalidSearch:
        message = str(error)
        if not message.startswith("too broad"):
            message = f"too broad: {message}"
        return cls({"q": [message]}, [message])


def valid_search(request) -> tuple[SearchForm, dict, ParsedQuery]:
    """The request's search form, its cleaned data and its parsed query; ``InvalidSearch`` when
    any parameter is invalid or the query is over the budget."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise InvalidSearch.from_form(form)
    params = form.search_params()
    try:
        parsed = parsed_query(params)
    except QueryTooBroad as error:
        raise InvalidSearch.too_broad(error) from None
    return form, params, parsed


def bad_search_response(request, error: InvalidSearch, *, fmt: str) -> HttpResponse:
    """The 400 for ``error`` in ``fmt`` ("html", "json", or anything else as plain text)."""
    if fmt == "json":
        data = {"error": "; ".join(error.messages), "errors": error.errors}
        return JsonResponse(data, status=400, json_dumps_params={"ensure_ascii": False})
    if fmt != "html":
        text = "This search could not run:\n" + "".join(f"- {m}\n" for m in error.messages)
        return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")
    state = SearchState.from_querydict(request.GET)
    valid = [(k, v) for k, v in state.pairs if k not in error.errors and k != "format"]
    context = {
        "problems": error.messages,
        "q_value": printable(request.GET.get("q", "")),
        "fixed_url": state.url(valid) if valid != state.pairs else "",
        "hide_header_search": True,
    }
    return render(request, "search/search_invalid.html", context, status=400)


def refuses_bad_searches(fmt: str):
    """Decorate a search view: ``InvalidSearch`` and ``QueryTooBroad`` become the 400 of
    ``fmt``. Views that stream must reach the engine before they return (see exports)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except InvalidSearch as error:
                return bad_search_response(request, error, fmt=fmt)
            except QueryTooBroad as error:
                return bad_search_response(request, InvalidSearch.too_broad(error), fmt=fmt)

        return wrapped

    return decorate
