"""A page of an article listing (home, an outlet, the date archive): newest first, each article
with ``num_comments``, its visible reader comments, summed for the page's articles only once the
page is cut (``archive.models.with_comment_counts``).
"""

from archive.models import with_comment_counts
from archive.pagination import paginate


def article_page(request, queryset):
    """The requested page of ``queryset`` (published articles), newest first; a bad page number
    is a 404 (``archive.pagination.paginate``)."""
    listing = queryset.select_related("source").defer("raw", "body", "boilerplate").newest_first()
    page = paginate(request, listing)
    page.object_list = with_comment_counts(list(page.object_list))
    return page
