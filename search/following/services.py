"""Writes on saved searches: small services with keyword-only arguments, each one transaction.

Views and tests call these; they validate like a form would (``ValidationError`` with a message
for the journalist) so that a bad name or one search too many is never a 500.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from search.models import SavedSearch
from search.models.following import MAX_NAME_CHARS, MAX_QUERY_CHARS, MAX_SAVED_SEARCHES

# Parameters that are not part of a search's state.
NOT_STATE = ("page", "format", "chart", "q2", "csrfmiddlewaretoken")


def canonical_query(query: str) -> str:
    """A search page's query string without what is not the search (page, format, chart)."""
    pairs = [
        (key, value)
        for key, values in QueryDict(query or "").lists()
        if key not in NOT_STATE
        for value in values
        if value != ""
    ]
    return urlencode(pairs)


def clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Give the search a name.", code="required")
    if len(name) > MAX_NAME_CHARS:
        raise ValidationError(
            f"A name is at most {MAX_NAME_CHARS} characters (this one has {len(name)}).",
            code="max_length",
        )
    if any(ord(ch) < 32 for ch in name):
        raise ValidationError("A name cannot hold control characters.", code="invalid")
    return name


def _check_query(query: str) -> str:
    query = canonical_query(query)
    if len(query) > MAX_QUERY_CHARS:
        raise ValidationError("This search is too long to save.", code="max_length")
    return query


def _unique(callable_, name: str):
    try:
        with transaction.atomic():
            return callable_()
    except IntegrityError:
        raise ValidationError(
            f"You already have a saved search called “{name}”.", code="unique"
        ) from None


def save_search(*, user, name: str, query: str, frequency: str = SavedSearch.Frequency.OFF):
    """Save ``query`` (a search page's query string) under ``name`` for ``user``.

    Matches already in the archive are not "new": the alert cursor and the last opening start
    now."""
    name, query = clean_name(name), _check_query(query)
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError("Choose no e-mail, daily or weekly.", code="invalid")

    def create():
        # Counted inside the transaction; the row lock on the user keeps two saves apart.
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
            raise ValidationError(
                f"You have {MAX_SAVED_SEARCHES} saved searches, the most one can keep: "
                "delete one first.",
                code="limit",
            )
        now = timezone.now()
        return SavedSearch.objects.create(
            user=user, name=name, query=query, frequency=frequency,
            last_opened_at=now, alert_cursor=now,
        )

    return _unique(create, name)


def update_search(*, saved_search: SavedSearch, name: str, frequency: str) -> SavedSearch:
    """Rename a saved search and set how often it alerts."""
    name = clean_name(name)
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError("Choose no e-mail, daily or weekly.", code="invalid")

    def update():
        saved_search.name, saved_search.frequency = name, frequency
        saved_search.save(update_fields=["name", "frequency", "updated_at"])
        return saved_search

    return _unique(update, name)


@transaction.atomic
def delete_search(*, saved_search: SavedSearch) -> None:
    saved_search.delete()


def mark_opened(*, saved_search: SavedSearch) -> None:
    """Its owner opened it: matches added from now on are the new ones."""
    now = timezone.now()
    SavedSearch.objects.filter(pk=saved_search.pk).update(last_opened_at=now)
    saved_search.last_opened_at = now


@transaction.atomic
def unsubscribe(*, user_id: int, search_ids: list[int]) -> int:
    """Stop the e-mails of these saved searches of ``user_id`` (others' are never touched).
    Returns how many were switched off."""
    return (
        SavedSearch.objects.filter(user_id=user_id, pk__in=search_ids)
        .exclude(frequency=SavedSearch.Frequency.OFF)
        .update(frequency=SavedSearch.Frequency.OFF, updated_at=timezone.now())
    )
