"""The archive's pages: home, articles and their permalinks, outlets, the date archive."""

from django.urls import path, re_path

from archive.views import archive, articles

app_name = "archive"

urlpatterns = [
    path("", articles.home, name="home"),
    path("articles/<int:pk>/", articles.article_detail, name="article-short"),
    path("articles/<int:pk>/<str:slug>/", articles.article_detail, name="article"),
    path(
        "articles/<int:pk>/<str:slug>/original/",
        articles.article_original,
        name="article-original",
    ),
    path("sources/<slug:slug>/", articles.source_detail, name="source"),
    path("archive/", archive.archive_index, name="archive"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", archive.archive_year, name="archive-year"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>0[1-9]|1[0-2])/$",
        archive.archive_month,
        name="archive-month",
    ),
]
