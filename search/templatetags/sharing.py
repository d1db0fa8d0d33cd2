"""Template tags for sharing: ``{% alternate_links %}`` in ``<head>`` advertises a page's other
representations (the Atom feed and JSON of a search)."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html_join

register = template.Library()

# Query parameters that choose a page or a representation, not the results themselves.
NOT_THE_SEARCH = ("page", "format")


def search_params(request) -> str:
    """The search's own query string (query and filters), without page or format."""
    params = request.GET.copy()
    for name in NOT_THE_SEARCH:
        params.pop(name, None)
    return params.urlencode()


@register.simple_tag(takes_context=True)
def alternate_links(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != "search:search":
        return ""
    try:
        feed = reverse("search:search-feed")
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
