from django.urls import path, re_path

from search.views import archive, articles, exports, feeds, search

app_name = "search"

urlpatterns = [
    path("", articles.home, name="home"),
    # ?format=json|csv|jsonl of a search are answered by search/views/exports.py
    path("search/", exports.with_search_formats(search.search), name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search-feed"),
    path("search/help/", search.search_help, name="search-help"),
    path("articles/<int:pk>/", articles.article_detail, name="article-short"),
    path("articles/<int:pk>/<str:slug>/", articles.article_detail, name="article"),
    path(
        "articles/<int:pk>/<str:slug>/original/",
        articles.article_original,
        name="article-original",
    ),
    path("sources/<slug:slug>/", articles.source_detail, name="source"),
    path("sources/<slug:slug>/feed/", feeds.SourceFeed(), name="source-feed"),
    path("archive/", archive.archive_index, name="archive"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", archive.archive_year, name="archive-year"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>0[1-9]|1[0-2])/$",
        archive.archive_month,
        name="archive-month",
    ),
]
