from django.urls import path, re_path

from search.views import archive, articles, exports, feeds, intelligence, search

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
    # Newsroom intelligence (issue 6): stories, entities, quotations.
    path("stories/<int:pk>/", intelligence.story_detail, name="story"),
    path("entities/<int:pk>/", intelligence.entity_detail, name="entity-short"),
    path("entities/<int:pk>/<str:slug>/", intelligence.entity_detail, name="entity"),
    path("quotes/", intelligence.quote_search, name="quotes"),
    path("sources/<slug:slug>/feed/", feeds.SourceFeed(), name="source-feed"),
    path("archive/", archive.archive_index, name="archive"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", archive.archive_year, name="archive-year"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>0[1-9]|1[0-2])/$",
        archive.archive_month,
        name="archive-month",
    ),
]
