"""The search page, its help, its exports (``?format=``) and the Atom feeds."""

from django.urls import path

from search.views import attention, exports, facet_values, feeds, following, search

app_name = "search"

urlpatterns = [
    # ?format=json|csv|jsonl of a search are answered by search/views/exports.py
    path("search/", exports.with_search_formats(search.search), name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search-feed"),
    path("search/help/", search.search_help, name="search-help"),
    path("search/facets/<str:param>/", facet_values.facet_values, name="facet-values"),
    # Following coverage (issue 15): attention over time, saved searches, alerts.
    path("search/attention/", attention.attention_data, name="attention"),
    path("searches/", following.saved_searches, name="saved-searches"),
    path("searches/save/", following.save_search, name="save-search"),
    path("searches/<int:pk>/", following.saved_search_detail, name="saved-search"),
    path("searches/<int:pk>/open/", following.open_saved_search, name="open-saved-search"),
    path("searches/<int:pk>/delete/", following.delete_saved_search, name="delete-saved-search"),
    path("alerts/unsubscribe/<str:token>/", following.unsubscribe, name="alerts-unsubscribe"),
    path("sources/<slug:slug>/feed/", feeds.SourceFeed(), name="source-feed"),
]
