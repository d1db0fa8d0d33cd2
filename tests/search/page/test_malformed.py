"""Malformed input never errors: the query is repaired and the page says what was searched;
a bad form value is a 400 that says what was wrong; a bad page number is a 404."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "searched", "note"),
    [
        ('"border security', '"border security"', "unbalanced quote"),
        ('border "', "border", "empty phrase"),
        ("(border OR senate", "border OR senate", "unclosed parenthesis"),
        ("border) senate", "border senate", "unmatched closing parenthesis"),
        ("border AND", "border", "AND with nothing"),
        ("OR border", "border", "OR with nothing"),
        ("border NOT", "border", "NOT with nothing"),
        ("border -", "border", "no letters or digits"),
        ("border\x00\x07\x1bsenate", "border senate", "Control"),
        ("border headline:", "border", "with nothing after it"),
    ],
)
def test_malformed_queries_are_repaired(search, newsroom, query, searched, note):
    page = search(q=query)
    assert page.status == 200
    assert page.response.context["parsed"].display == searched
    shown = searched.replace('"', "&quot;")
    assert f'Showing results for <strong class="searched-query">{shown}</strong>' in page.html
    assert any(note.lower() in n.lower() for n in page.response.context["parsed"].notes)
    assert note.lower() in page.html.lower()
    assert page.total >= 1


@pytest.mark.parametrize("query", ["AND", "OR", "NOT", "-", "()", '"', "*", "~", "AND OR NOT ("])
def test_queries_of_only_operators_show_everything_and_say_so(search, newsroom, query):
    page = search(q=query)
    assert page.status == 200
    assert "Nothing searchable was left in your query" in page.html
    assert page.total == 6  # five articles and one comment block


def test_a_10_kb_query(search, newsroom):
    page = search(q="border " * 1500)
    assert page.status == 200
    assert "too long" in page.html
    assert "first 40 words" in page.html
    assert page.total == 4


def test_a_10_kb_query_of_junk(search, newsroom):
    junk = ('(("' + "\x01" + "NOT ~*:^[]{}\\") * 600
    page = search(q=junk)
    assert page.status == 200
    assert "Showing results for" in page.html or "Nothing searchable" in page.html


def test_control_characters_in_the_raw_url(search, newsroom):
    page = search("?q=border%00%01%7F%E2%80%8Bsenate")
    assert page.status == 200
    assert page.response.context["parsed"].display == "border senate"


def test_invalid_utf8_in_the_url(search, newsroom):
    page = search("?q=border%ff%fe")
    assert page.status == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "twenty"}, "“twenty” is not valid here: expected a year of four digits"),
        ({"year": "²²²²"}, "expected a year of four digits"),
        ({"year": "0000"}, "expected a year of four digits"),
        ({"month": "2018-13"}, "expected a month as YYYY-MM"),
        ({"kind": "videos"}, "“article” or “comments”"),
        ({"comments": "maybe"}, "“yes” or “no”"),
        ({"sort": "random"}, "Select a valid choice"),
        ({"from": "yesterday"}, "is not a day: expected YYYY-MM-DD"),
        ({"from": "2018-W01-1"}, "is not a day: expected YYYY-MM-DD"),
        ({"from": "0001-01-01"}, "out of range: expected a day from 1000-01-01 to 9999-12-31"),
        ({"to": "0999-12-31"}, "out of range: expected a day from 1000-01-01 to 9999-12-31"),
        ({"to": "2018-02-30"}, "Enter a valid date"),
        ({"outlet": "Reuters\x00"}, "is not valid here"),
        ({"outlet": "x" * 400}, "is not valid here"),
        ({"byline": [f"n{i}" for i in range(30)]}, "at most 20"),
        ({"from": "2019-01-01", "to": "2018-01-01"}, "“To” is before “From”"),
    ],
)
def test_bad_form_values_are_a_400_saying_what_was_wrong(search, newsroom, params, message):
    page = search(q="border", **params)
    assert page.status == 400
    assert "This search could not run" in page.html
    assert html.escape(message, quote=False) in page.html
    assert 'class="card-title"' not in page.html  # nothing was searched with the rest
    # The link offered searches again without the bad parameters, keeping the words.
    fixed = re.search(r'href="(/search/\?[^"]*)">Search again without', page.html).group(1)
    again = search(html.unescape(fixed)[len("/search/"):])
    assert again.status == 200 and "q=border" in fixed


@pytest.mark.parametrize(
    "number", ["0", "-1", "abc", "1.5", "2", "99", "9999999999", " ", "²", "٣", "1\n"]
)
def test_a_bad_page_number_is_a_404(search, newsroom, number):
    assert search(q="border", page=number).status == 404


def test_page_one_of_an_empty_search_is_a_page(search, newsroom):
    page = search(q="zebra", page="1")
    assert page.status == 200 and page.total == 0


def test_random_queries_never_fail(search, newsroom, monkeypatch):
    """Fixed-seed random mixes of words and every syntax character the engines know. The
    engine may not swallow an error (SILENTLY_FAIL would turn one into "no results")."""
    import random

    from haystack import connections

    monkeypatch.setattr(connections["default"].get_backend(), "silently_fail", False)
    rng = random.Random(20261125)
    pieces = ["border", "senate", "budget", "U.S.", "x-ray", "AND", "OR", "NOT", "TO", "-", "+",
              '"', "'", "(", ")", "[", "]", "{", "}", "*", "?", "~", "~2", "^2", ":", "\\", "/",
              "headline:", "outlet:", "byline:", "foo:", "&&", "||", "!", "\x00", "é", "日本",
              "*:*", "[a TO b]", " "]
    for _ in range(150):
        length = rng.randint(1, 12)
        query = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(length))
        page = search(q=query)
        assert page.status == 200, query
        parsed = page.response.context["parsed"]
        assert "Showing results for" in page.html or parsed.is_empty, query
