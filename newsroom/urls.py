"""Stories, entities and quotations (newsroom intelligence)."""

from django.urls import path

from newsroom import views

app_name = "newsroom"

urlpatterns = [
    path("stories/", views.story_index, name="stories"),
    path("stories/<int:pk>/", views.story_detail, name="story"),
    path("entities/", views.entity_index, name="entities"),
    path("entities/<int:pk>/", views.entity_detail, name="entity-short"),
    path("entities/<int:pk>/<str:slug>/", views.entity_detail, name="entity"),
    path("quotes/", views.quote_search, name="quotes"),
]
