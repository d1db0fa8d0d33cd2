"""Fixtures for the reading and sharing tests (their articles come from ``tests.factories``)."""

import pytest

from tests.factories import make_source


@pytest.fixture
def outlet(db):
    return make_source("The Harbour Gazette", slug="harbour-gazette", domain="gazette.example")
