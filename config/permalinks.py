"""Permalinks by primary key plus a cosmetic slug (STYLE.md): ``<prefix><pk>/<slug>/`` is the
address pages link to, and ``<prefix><pk>/`` (named ``<name>-short``) resolves too; the view
redirects a stale or missing slug to the current one. Used by the archive's articles and the
newsroom's entities."""

from django.urls import path


def permalink(prefix: str, view, name: str) -> list:
    return [
        path(f"{prefix}<int:pk>/", view, name=f"{name}-short"),
        path(f"{prefix}<int:pk>/<str:slug>/", view, name=name),
    ]

