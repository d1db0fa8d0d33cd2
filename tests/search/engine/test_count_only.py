"""A search asked only for its count builds no result (no stored fields read), on the
executor's path and on Whoosh's own; its count is the same as a sliced search's."""

import pytest
from haystack import connections
from haystack.query import SearchQuerySet

from search.engine.whoosh import ClippingsWhooshBackend
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("arrays", [True, False])
def test_a_count_alone_reads_no_result(on_commit, monkeypatch, arrays):
    with on_commit():
        for n in range(3):
            make_article(f"Border story {n}", "The border and the budget.")
        make_article("Other", "Nothing of the kind.")
    connections["default"].get_backend().use_executor = arrays
    built = []
    original = ClippingsWhooshBackend._to_result

    def counted(self, *args, **kwargs):
        built.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ClippingsWhooshBackend, "_to_result", counted)
    assert SearchQuerySet().filter(content="border").count() == 3
    assert SearchQuerySet().count() == 4
    assert built == []
    sliced = SearchQuerySet().filter(content="border")
    assert len(list(sliced[:2])) == 2 and sliced.count() == 3
    assert len(built) == 2
