"""What the apps above the archive add to its article pages and article records.

The archive imports neither the newsroom nor search; they register here from their
``AppConfig.ready``:

- ``add_record_fields(fn)``: ``fn(article, permalink)`` returns fields appended to the article's
  export record (``?format=json``, ``export_articles``); ``permalink(article)`` gives an absolute
  permalink. The newsroom adds ``story``, ``entities`` and ``quotes``.
- ``add_page_context(fn)``: ``fn(request, article)`` returns context for the article page. Search
  adds the highlighted paragraphs of the search the reader came from, and related coverage.
- ``add_article_panel(template_name)``: a template included at the foot of the article page,
  with the page's context. The newsroom adds its story, people and quotes panel.
"""

from __future__ import annotations

from collections.abc import Callable

_record_fields: list[Callable] = []
_page_context: list[Callable] = []
_panels: list[str] = []


def _add(registry: list, item) -> None:
    if item not in registry:  # ready() may run twice in tests
        registry.append(item)


def add_record_fields(fn: Callable) -> None:
    _add(_record_fields, fn)


def add_page_context(fn: Callable) -> None:
    _add(_page_context, fn)


def add_article_panel(template_name: str) -> None:
    _add(_panels, template_name)


def record_fields(article, permalink: Callable) -> dict:
    fields: dict = {}
    for fn in _record_fields:
        fields.update(fn(article, permalink))
    return fields


def page_context(request, article) -> dict:
    context: dict = {}
    for fn in _page_context:
        context.update(fn(request, article))
    return context


def article_panels() -> tuple[str, ...]:
    return tuple(_panels)
