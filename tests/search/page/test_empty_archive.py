"""A new archive, before anything is ingested or indexed, answers every kind of search."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("params", [
    {},
    {"sort": "newest"},
    {"per_story": "on"},
    {"per_story": "on", "sort": "newest"},
    {"q": "harbour", "sort": "oldest"},
    {"q": "harbour~", "per_story": "on"},
])
def test_an_empty_archive_answers_with_no_results(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert response.context["total"] == 0
