"""What the search app stores: the index's outbox (issue 13), and journalists' saved searches
and their alert e-mails (issue 15)."""

from .following import AlertItem, AlertMail, SavedSearch, SavedSearchQuerySet
from .outbox import IndexOutbox, IndexOutboxQuerySet

__all__ = [
    "AlertItem", "AlertMail", "IndexOutbox", "IndexOutboxQuerySet", "SavedSearch",
    "SavedSearchQuerySet",
]
