"""Reading the archive: the home page, article pages (HTML and JSON), the original text of an
article, and outlet pages."""

from pathlib import PurePosixPath

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import content_disposition_header
from django.utils.text import Truncator
from django.views.decorators.clickjacking import xframe_options_sameorigin

from archive.citations import all_citations, reference_for
from archive.extensions import article_panels, page_context
from archive.models import Article, Source
from archive.permalinks import public_article_for
from archive.serializers import absolute_permalink, article_record
from archive.views.listing import article_page
from archive.views.params import year_param

# A saved page is shown in a sandbox: no scripts, forms, plug-ins or top navigation (the
# ``sandbox`` directive with no allowances, also when the address is opened directly), and
# nothing fetched from anywhere: a reader's browser must not call trackers or the page's
# servers. Inline styles are let through so that the page is readable.
SAVED_PAGE_CSP = ("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                  "form-action 'none'; frame-ancestors 'self'; base-uri 'none'")
FORMATS = {"", "html", "json"}
BOILERPLATE_LABELS = {
    "advertising": "advertising markers",
    "navigation": "navigation and share links",
    "photo": "photo credits",
    "copyright": "copyright lines",
    "licensing": "licensing notices",
    "contact": "contact addresses",
    "credit": "reporting credits",
    "separator": "separators",
    "site": "other site furniture",
    "template": "lines repeated on the outlet's pages",
}


def bad_format(request, allowed=FORMATS):
    """A 400 naming the formats on offer, or ``None`` when ``format=`` is one of them."""
    value = request.GET.get("format", "")
    if value in allowed:
        return None
    offered = ", ".join(sorted(f for f in allowed if f))
    return HttpResponseBadRequest(
        f"Unknown format. This page is available as: {offered}.", content_type="text/plain"
    )


def permanent_redirect(request, url: str) -> HttpResponsePermanentRedirect:
    """301 to ``url`` keeping the query string (search terms, format) of the request."""
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def home(request):
    page = article_page(request, Article.objects.published())
    return render(request, "archive/home.html", {"page": page})


def _public_or_404(pk: int, queryset=None) -> Article:
    article = public_article_for(pk, queryset)
    if article is None:
        raise Http404("No such article.")
    return article


def article_detail(request, pk: int, slug: str = ""):
    """An article by its permanent id: a wrong slug or a merged id redirects (301) to the
    current address; hidden is 404. ``?format=json`` is the article's export record. The apps
    above add to the page (``archive.extensions``): search highlights ``?q=``, the terms of the
    search the reader came from, and lists related coverage; the newsroom adds its panel."""
    article = _public_or_404(pk, Article.objects.select_related("source").defer("raw"))
    if article.pk != pk or slug != article.slug:
        return permanent_redirect(request, article.get_absolute_url())
    if (error := bad_format(request)) is not None:
        return error
    if request.GET.get("format") == "json":
        record = article_record(article, request=request)
        return JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 2})

    permalink = absolute_permalink(article, request)
    reference = reference_for(article, permalink=permalink, retrieved=timezone.localdate())
    context = {
        "article": article,
        "paragraphs": [escape(paragraph) for paragraph in article.paragraphs],
        "query": "",
        "match_count": 0,
        "back_to_results": None,
        "permalink": permalink,
        "removed": _removed_summary(article.boilerplate),
        "comment_blocks": comment_blocks(article),
        "comment_match_count": 0,
        "related": [],
        "citations": all_citations(reference),
        "json_url": article.get_absolute_url() + "?format=json",
        "description": share_description(article),
        "panels": article_panels(),
    }
    context.update(page_context(request, article))
    return render(request, "archive/article_detail.html", context)


def comment_blocks(article: Article) -> list[dict]:
    """The visible comment blocks, each comment numbered for its anchor
    (``#comment-<block>-<n>``, as search results link to it) and escaped; search marks the
    words of the reader's search in them (``search.article_pages``)."""
    return [
        {
            "block": block,
            "comments": [
                {"number": number, "text": escape(text), "matches": 0}
                for number, text in enumerate(block.comments, start=1)
            ],
            "matches": 0,
        }
        for block in article.comment_blocks.filter(is_hidden=False)
    ]


def article_original(request, pk: int, slug: str = ""):
    """The article's raw text exactly as ingested, decoded with its encoding, and its SHA-256.
    ``?download=1`` answers the raw bytes themselves (to check the hash)."""
    article = _public_or_404(pk, Article.objects.select_related("source"))
    url = reverse("archive:article-original", kwargs={"pk": article.pk, "slug": article.slug})
    if article.pk != pk or slug != article.slug:
        return permanent_redirect(request, url)
    raw = bytes(article.raw)
    if request.GET.get("download"):
        response = HttpResponse(raw, content_type="application/octet-stream")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=PurePosixPath(article.file_name).name
        )
        return response
    try:
        text = raw.decode(article.encoding or "utf-8", errors="replace")
    except LookupError:  # an encoding name Python does not know: show what UTF-8 can
        text = raw.decode("utf-8", errors="replace")
    context = {"article": article, "text": text, "size": len(raw), "download_url": url,
               "is_html": article.raw_format == Article.RawFormat.HTML}
    if context["is_html"]:
        context["page_url"] = reverse("archive:article-saved-page",
                                      kwargs={"pk": article.pk, "slug": article.slug})
    return render(request, "archive/article_original.html", context)


@xframe_options_sameorigin
def article_saved_page(request, pk: int, slug: str = ""):
    """A saved HTML page as it was ingested, for the sandboxed frame of the original's page:
    served with a Content-Security-Policy that runs no script and loads nothing. 404 for an
    article that is not public or not a saved page."""
    article = _public_or_404(pk, Article.objects.all())
    if article.raw_format != Article.RawFormat.HTML:
        raise Http404("This article is not a saved HTML page.")
    url = reverse("archive:article-saved-page", kwargs={"pk": article.pk, "slug": article.slug})
    if article.pk != pk or slug != article.slug:
        return permanent_redirect(request, url)
    encoding = article.encoding or "utf-8"
    response = HttpResponse(bytes(article.raw), content_type=f"text/html; charset={encoding}")
    response["Content-Security-Policy"] = SAVED_PAGE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def share_description(article: Article) -> str:
    """For link previews: outlet, date and the start of the first paragraph (plain text)."""
    where = article.source.name if article.source_id else "Unknown outlet"
    when = f"{article.published.day} {article.published:%B %Y}" if article.published else ""
    first = article.paragraphs[0] if article.paragraphs else ""
    lead = Truncator(" ".join(first.split())).words(35)
    return f"{where}{', ' + when if when else ''}. {lead}".strip()


def _removed_summary(boilerplate: list[dict]) -> dict | None:
    if not boilerplate:
        return None
    kinds: list[str] = []
    for item in boilerplate:
        label = BOILERPLATE_LABELS.get(item.get("kind"), item.get("kind") or "other")
        if label not in kinds:
            kinds.append(label)
    return {"count": len(boilerplate), "kinds": kinds, "lines": boilerplate}


def source_index(request):
    """Every outlet with at least one published article, and how many (``/sources/``)."""
    sources = (
        Source.objects.with_article_counts()
        .filter(article_count__gt=0)
        .order_by("-article_count", "name")
    )
    unknown = Article.objects.published().filter(source__isnull=True).count()
    return render(
        request, "archive/source_index.html", {"sources": sources, "unknown": unknown}
    )


def source_detail(request, slug: str):
    """An outlet: every published article, newest first, and how many per year
    (``?year=2018`` lists one year)."""
    source = get_object_or_404(Source, slug=slug)
    published = source.articles.published()
    years = (
        published.annotate(year=ExtractYear("published"))
        .values("year")
        .annotate(count=Count("id"))
        .order_by("-year")
    )
    articles = published
    year = year_param(request)
    if year is not None:
        articles = articles.filter(published__year=year)
    context = {
        "source": source,
        "page": article_page(request, articles),
        "years": years,
        "year": f"{year:04d}" if year is not None else "",
        "query_string": f"year={year:04d}" if year is not None else "",
    }
    return render(request, "archive/source_detail.html", context)
