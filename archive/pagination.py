"""Pages of a list, for the archive's pages and the apps above it."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

PAGE_SIZE = 20


def paginate(request, queryset, per_page=PAGE_SIZE):
    """The requested page; a bad or out-of-range page number is a 404, never a 500."""
    paginator = Paginator(queryset, per_page, orphans=3)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page.") from None
