"""Reading the archive: the home page, article pages and outlet pages."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from search.models import Article, Source

PAGE_SIZE = 20


def paginate(request, queryset, per_page=PAGE_SIZE):
    """The requested page; a bad or out-of-range page number is a 404, never a 500."""
    paginator = Paginator(queryset, per_page, orphans=3)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page.") from None


def home(request):
    articles = (
        Article.objects.published()
        .with_comment_count()
        .select_related("source")
        .defer("raw", "body", "boilerplate")
        .newest_first()
    )
    return render(request, "search/home.html", {"page": paginate(request, articles)})


def article_detail(request, pk: int, slug: str = ""):
    article = get_object_or_404(
        Article.objects.published().select_related("source").defer("raw"), pk=pk
    )
    if slug != article.slug:
        return redirect(article, permanent=True)
    comment_blocks = article.comment_blocks.filter(is_hidden=False)
    return render(
        request,
        "search/article_detail.html",
        {"article": article, "comment_blocks": comment_blocks},
    )


def source_detail(request, slug: str):
    source = get_object_or_404(Source, slug=slug)
    articles = (
        source.articles.published()
        .with_comment_count()
        .defer("raw", "body", "boilerplate")
        .newest_first()
    )
    context = {"source": source, "page": paginate(request, articles)}
    return render(request, "search/source_detail.html", context)
