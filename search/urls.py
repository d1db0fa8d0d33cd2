from django.urls import path

from search.views import articles

app_name = "search"

urlpatterns = [
    path("", articles.home, name="home"),
    path("articles/<int:pk>/", articles.article_detail, name="article-short"),
    path("articles/<int:pk>/<str:slug>/", articles.article_detail, name="article"),
    path("sources/<slug:slug>/", articles.source_detail, name="source"),
]
