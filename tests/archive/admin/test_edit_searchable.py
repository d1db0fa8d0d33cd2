"""An edit saved in the admin is searchable as soon as the request returns (issue 16): the
commit writes one small segment (no merge of the whole index on the way)."""

import pytest
from django.test import Client
from haystack import connections

from tests.archive.admin.conftest import seed
from tests.archive.admin.test_actions import change_form_data

pytestmark = pytest.mark.django_db(transaction=True)


def hits(q: str) -> str:
    return Client().get("/search/", {"q": q}).content.decode()


def test_an_admin_edit_is_searchable_when_the_request_returns(as_editor, seeded):
    article = seed("002")
    assert f"/articles/{article.pk}/" not in hits("quokkaville")
    response = as_editor.post(f"/admin/archive/article/{article.pk}/change/",
                              change_form_data(article, headline="Flooding in Quokkaville"))
    assert response.status_code == 302
    assert f"/articles/{article.pk}/" in hits("quokkaville")
    backend = connections["default"].get_backend()
    backend.index = backend.index.refresh()
    with backend.index.searcher() as searcher:  # one document for the article, not two
        assert len(searcher.search(backend.parser.parse(f"django_id:{article.pk} "
                                                        "AND django_ct:archive.article"))) == 1
