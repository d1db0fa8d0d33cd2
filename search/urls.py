"""The search page, its help, its exports (``?format=``) and the Atom feeds."""

from django.urls import path

from search.views import exports, facet_values, feeds, search

app_name = "search"

urlpatterns = [
    # ?format=json|csv|jsonl of a search are answered by search/views/exports.py
    path("search/", exports.with_search_formats(search.search), name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search-feed"),
    path("search/help/", search.search_help, name="search-help"),
    path("search/facets/<str:param>/", facet_values.facet_values, name="facet-values"),
    path("sources/<slug:slug>/feed/", feeds.SourceFeed(), name="source-feed"),
]
