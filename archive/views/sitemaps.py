"""``sitemap.xml`` (published articles, outlets, archive years) and ``robots.txt``."""

from django.contrib.sitemaps import Sitemap
from django.db.models.functions import ExtractYear
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from archive.models import Article, Source, published_through


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        # Evaluated per request: never a queryset frozen at import time.
        return (
            Article.objects.published()
            .only("id", "slug", "updated_at", "published")
            .order_by("id")
        )

    def lastmod(self, article):
        return article.updated_at


class SourceSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Source.objects.filter(published_through("articles__")).distinct()


class ArchiveYearSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return sorted(
            set(
                Article.objects.published()
                .filter(published__isnull=False)
                .annotate(year=ExtractYear("published"))
                .values_list("year", flat=True)
            )
        )

    def location(self, year):
        return reverse("archive:archive-year", kwargs={"year": f"{year:04d}"})


SITEMAPS = {"articles": ArticleSitemap, "sources": SourceSitemap, "archive": ArchiveYearSitemap}


@require_GET
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request):
    """Crawlers may read the archive; they are kept out of the admin, the exports and the raw
    originals, and pointed at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /*?format=",
        "Disallow: /articles/*/original/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
