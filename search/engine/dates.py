"""The index keeps naive UTC datetimes (Whoosh drops time zones); convert at the edges."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def to_index_datetime(value) -> dt.datetime:
    """A date or datetime (aware or naive) as the naive UTC datetime Whoosh stores."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            return value.astimezone(dt.UTC).replace(tzinfo=None)
        if settings.USE_TZ:
            aware = timezone.make_aware(value, timezone.get_default_timezone())
            return aware.astimezone(dt.UTC).replace(tzinfo=None)
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    raise TypeError(f"not a date: {value!r}")


def from_index_datetime(value: dt.datetime) -> dt.datetime:
    """A stored naive UTC datetime back as an aware UTC datetime when time zones are on."""
    if settings.USE_TZ and timezone.is_naive(value):
        return value.replace(tzinfo=dt.UTC)
    return value
