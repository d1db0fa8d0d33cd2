"""Fixtures for saved searches and alerts: journalists, indexed articles, the locmem outbox."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from search.models import SavedSearch
from tests import factories


@pytest.fixture
def make_article(db, django_capture_on_commit_callbacks):
    """An article, indexed at once as after ingest's commit."""

    def make(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return factories.make_article(*args, **kwargs)

    return make


@pytest.fixture
def make_user(db):
    def make(name: str, *, email: str | None = None):
        return get_user_model().objects.create_user(
            username=name, email=f"{name}@example.org" if email is None else email,
            password="a long test password 42",
        )

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


class Outbox:
    """Django's locmem outbox, read live (``mail.outbox`` is a module attribute that gets
    replaced by a fresh list while a test runs)."""

    def _list(self):
        return getattr(mail, "outbox", [])

    def __iter__(self):
        return iter(self._list())

    def __len__(self):
        return len(self._list())

    def __getitem__(self, index):
        return self._list()[index]

    def __eq__(self, other):
        return self._list() == other


@pytest.fixture
def outbox(mailoutbox, settings):
    """Django's locmem mail backend's outbox, emptied for the test."""
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    return Outbox()


def a_day_passes(days: int = 1) -> None:
    """Every saved search last alerted ``days`` earlier (the next run finds them due)."""
    for saved in SavedSearch.objects.exclude(last_alerted_at=None):
        SavedSearch.objects.filter(pk=saved.pk).update(
            last_alerted_at=saved.last_alerted_at - dt.timedelta(days=days)
        )
