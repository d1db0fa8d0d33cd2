"""Stories, entities and quotations (newsroom intelligence)."""

from django.urls import path

from config.permalinks import permalink
from newsroom import views

app_name = "newsroom"

urlpatterns = [
    path("stories/", views.story_index, name="stories"),
    path("stories/<int:pk>/", views.story_detail, name="story"),
    path("entities/", views.entity_index, name="entities"),
    *permalink("entities/", views.entity_detail, "entity"),
    path("quotes/", views.quote_search, name="quotes"),
]
