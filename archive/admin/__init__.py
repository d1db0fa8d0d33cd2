"""The curators' admin: one module per model; actions and forms beside them. The admin site
itself (with the Attention panel on its index) is ``search.apps.ClippingsAdminSite``."""

from . import articles, sources, templates

__all__ = ["articles", "sources", "templates"]
