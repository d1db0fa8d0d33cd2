"""Template tags for sharing: ``{% alternate_links %}`` in ``<head>`` advertises a page's other
representations (the Atom feed and JSON of a search)."""

from django import template
from django.urls import NoReverseMatch
from django.utils.html import format_html_join

from config.paths import fixed_path

register = template.Library()

# Query parameters that choose a page or a representation, not the results themselves.
NOT_THE_SEARCH = ("page", "format")


def search_params(request) -> str:
    """The search's own query string (query and filters), without page or format."""
    params = request.GET.copy()
    for name in NOT_THE_SEARCH:
        params.pop(name, None)
    return params.urlencode()


@register.simple_tag(takes_context=True, name="search_params")
def search_params_tag(context) -> str:
    """``{% search_params %}``: the current search's query string (what "Save this search"
    keeps)."""
    request = context.get("request")
    return search_params(request) if request is not None else ""


@register.simple_tag(takes_context=True)
def alternate_links(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != "search:search":
        return ""
    try:
        feed = fixed_path("search:search-feed")
    except NoReverseMatch:
        return ""
    query = search_params(request)
    suffix = f"?{query}" if query else ""
    json_url = f"{request.path}?{query}&format=json" if query else f"{request.path}?format=json"
    links = [
        ("application/atom+xml", "Atom feed of this search", f"{feed}{suffix}"),
        ("application/json", "This search as JSON", json_url),
    ]
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        links,
    )


@register.simple_tag(takes_context=True)
def from_search(context, url: str) -> str:
    """``url`` (an article's, maybe with a ``#fragment``) carrying the current search's
    parameters — query, filters, sort and page — so the article page marks the search terms and
    links back to these very results."""
    query = _results_query(context.get("request"))
    if not query:
        return url
    path, hash_mark, fragment = url.partition("#")
    return f"{path}?{query}{hash_mark}{fragment}"


def _results_query(request) -> str:
    """The request's query string less ``format``, encoded once per request (a results page
    links twenty articles with it)."""
    if request is None:
        return ""
    cached = request.__dict__.get("_from_search_query")
    if cached is None:
        params = request.GET.copy()
        params.pop("format", None)
        cached = request.__dict__["_from_search_query"] = params.urlencode()
    return cached


@register.inclusion_tag("includes/search_exports.html", takes_context=True)
def search_exports(context):
    """"Export these results" links for the search page: CSV and JSON Lines of every result,
    this page as JSON, and the search's Atom feed."""
    request = context["request"]
    query = search_params(request)
    prefix = f"{request.path}?{query}&" if query else f"{request.path}?"
    page = request.GET.get("page")
    json_page = f"{prefix}page={page}&format=json" if page else f"{prefix}format=json"
    feed = fixed_path("search:search-feed") + (f"?{query}" if query else "")
    return {
        "csv_url": f"{prefix}format=csv",
        "jsonl_url": f"{prefix}format=jsonl",
        "json_url": json_page,
        "feed_url": feed,
    }
