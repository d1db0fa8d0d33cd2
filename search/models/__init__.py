"""What the search app stores: journalists' saved searches and their alert e-mails (issue 15)."""

from .following import AlertItem, AlertMail, SavedSearch, SavedSearchQuerySet

__all__ = ["AlertItem", "AlertMail", "SavedSearch", "SavedSearchQuerySet"]
