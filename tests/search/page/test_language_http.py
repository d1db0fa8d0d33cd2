"""Each feature of the query language, through the search page (articles only, so that reader
comment blocks do not muddy the expected lists)."""

import pytest

from tests.search.page.conftest import urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("border senate", ["a1", "a4"]),  # every word must match
        ("border budget", ["a1", "a2"]),
        ("BORDER Budget", ["a1", "a2"]),  # case does not matter
        ("budgets", ["a1", "a2", "a3"]),  # stemming: other forms of a word
        ('"border security"', ["a1"]),  # an exact phrase
        ('"security border"', []),
        ("governor OR lawmakers", ["a2", "a3"]),
        ("border NOT senate", ["a2", "a5"]),
        ("border -senate", ["a2", "a5"]),
        ("(governor OR judges) border", ["a2", "a5"]),
        ("border (governor OR judges)", ["a2", "a5"]),
        ("NOT (border OR budget)", []),
        ("headline:budget", ["a2", "a3"]),
        ("headline:(budget OR asylum)", ["a2", "a3", "a5"]),
        ("outlet:reuters", ["a1", "a3"]),
        ('outlet:"los angeles times"', ["a2"]),
        ("byline:lee", ["a1", "a3"]),
        ("byline:ray budget", ["a2", "a3"]),
        ("prosecut*", ["a3"]),
        ("immig*", ["a2", "a3"]),
        ("asylm~", ["a5"]),
        ("asylm", []),
        ('"judges claims"~5', ["a5"]),
        ('"judges claims"', []),
        ('"judges night"~2', []),
        ("-border", ["a3"]),  # only an exclusion: everything else
    ],
)
def test_query_language(search, newsroom, query, expected):
    page = search(q=query, kind="article")
    assert page.status == 200
    assert sorted(page.links) == urls(*(newsroom[key] for key in expected)), query
    assert page.total == len(expected)


def test_the_page_says_what_was_searched(search, newsroom):
    page = search(q="border  senate   -wall")
    assert 'Showing results for <strong class="searched-query">border senate NOT wall</strong>' in (
        page.html
    )
    assert page.response.context["form"]["q"].value() == "border  senate   -wall"


def test_the_search_box_keeps_the_query(search, newsroom):
    page = search(q='"border security"')
    assert 'value="&quot;border security&quot;"' in page.html
