"""``build_search`` counts its facets on one copy of the search: the same query and the same
facets, in the same order, as asking ``facet()`` for each in turn."""

import datetime as dt

import pytest

from search.querying.builder import FACETS_BY_PARAM, build_search


@pytest.mark.parametrize("facets", [None, (), ("year",), ("outlet", "kind", "month")])
@pytest.mark.parametrize("params", [
    {}, {"q": "harbour"}, {"q": "harbour", "outlet": ["The Times"], "not_year": ["2018"],
                           "from": dt.date(2015, 1, 1), "sort": "newest"},
])
def test_the_same_search_as_one_facet_at_a_time(params, facets):
    built = build_search(params, facets=facets)
    chained = build_search(params, facets=())
    for param in FACETS_BY_PARAM if facets is None else facets:
        chained = chained.facet(FACETS_BY_PARAM[param].field)
    assert list(built.query.facets.items()) == list(chained.query.facets.items())
    assert built.query.build_query() == chained.query.build_query()
    assert built.query.order_by == chained.query.order_by


def test_each_search_has_its_own_facets():
    first, second = build_search({"q": "a"}), build_search({"q": "a"}, facets=("year",))
    first.query.add_field_facet("story_id")
    assert "story_id" not in second.query.facets
    assert list(second.query.facets) == [FACETS_BY_PARAM["year"].field]
