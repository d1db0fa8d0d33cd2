"""The archive's pages: home, articles and their permalinks, outlets, the date archive."""

from django.urls import path, register_converter

from archive.views import archive, articles
from archive.views.params import MonthConverter, YearConverter
from config.permalinks import permalink

register_converter(YearConverter, "year")
register_converter(MonthConverter, "month")

app_name = "archive"

urlpatterns = [
    path("", articles.home, name="home"),
    *permalink("articles/", articles.article_detail, "article"),
    path(
        "articles/<int:pk>/<str:slug>/original/",
        articles.article_original,
        name="article-original",
    ),
    path("sources/", articles.source_index, name="sources"),
    path(
        "articles/<int:pk>/<str:slug>/original/page/",
        articles.article_saved_page,
        name="article-saved-page",
    ),
    path("sources/<slug:slug>/", articles.source_detail, name="source"),
    path("archive/", archive.archive_index, name="archive"),
    path("archive/<year:year>/", archive.archive_year, name="archive-year"),
    path("archive/<year:year>/<month:month>/", archive.archive_month, name="archive-month"),
]
