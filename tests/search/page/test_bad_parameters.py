"""Issue 13: every URL parameter is validated; an invalid one is a 400 (or a 404) that says what
was wrong, in every format, never a 500. Each failure the issue lists is one test here."""

import csv
import html
import io
import json
import xml.etree.ElementTree as ET

import pytest

from search.engine.budget import MAX_CLAUSES, QueryTooBroad
from tests.factories import make_source

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
FORMATS = ("html", "json", "csv", "jsonl", "feed")


@pytest.fixture
def reuters(make_article):
    import datetime as dt

    source = make_source("Reuters", slug="reuters")
    make_article(title="Harbour a story", body="a harbour word", source=source,
                 published=dt.date(2018, 3, 5))
    make_article(title="Second", body="a second harbour word", source=source,
                 published=dt.date(2017, 1, 2))
    return source


def fetch(client, fmt: str, params: dict):
    if fmt == "feed":
        return client.get("/search/feed/", params)
    return client.get("/search/", {**params, "format": fmt} if fmt != "html" else params)


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def assert_says(response, fmt: str, text: str) -> None:
    """The 400 names the problem in the format's own way."""
    assert response.status_code == 400, body(response)[:300]
    content = body(response)
    if fmt == "json":
        assert text in response.json()["error"]
    elif fmt == "html":
        assert "This search could not run" in content and html.escape(text) in content
    else:
        assert response["Content-Type"].startswith("text/plain")
        assert content.startswith("This search could not run:") and text in content


def test_page_as_a_superscript_digit_is_a_404(client, reuters):
    for fmt in ("html", "json"):
        assert fetch(client, fmt, {"q": "a", "page": "²"}).status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("param", "value"), [("from", "0001-01-01"), ("to", "0999-12-31")])
def test_dates_before_year_1000_are_a_400_in_every_format(client, reuters, fmt, param, value):
    response = fetch(client, fmt, {"q": "harbour", param: value})
    assert_says(response, fmt, f"{value} is out of range: expected a day from 1000-01-01")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("value", ["2018-W01-1", "20180101", "2018-3-5", "²⁰¹⁸-01-01"])
def test_dates_not_written_yyyy_mm_dd_are_a_400(client, reuters, fmt, value):
    assert_says(fetch(client, fmt, {"from": value}), fmt, "expected YYYY-MM-DD")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_valid_date_range_still_searches(client, reuters, fmt):
    response = fetch(client, fmt, {"q": "harbour", "from": "1000-01-01", "to": "2017-12-31"})
    assert response.status_code == 200
    assert "Second" in body(response) and "Harbour a story" not in body(response)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("params", "text"),
    [
        ({"year": "²²²²"}, "expected a year of four digits"),
        ({"sort": "random"}, "Select a valid choice"),
        ({"outlet": "Reuters\x01"}, "is not valid here"),
        ({"not_month": "2018-00"}, "expected a month as YYYY-MM"),
        ({"story_size": "11"}, "a number of versions from 1 to 9"),
    ],
)
def test_bad_sort_and_facet_values_are_a_400_in_every_format(client, reuters, fmt, params, text):
    assert_says(fetch(client, fmt, {"q": "harbour", **params}), fmt, text)


def test_csv_of_a_bad_search_is_not_an_empty_file(client, reuters):
    """It used to be a 200 with only the header row."""
    response = fetch(client, "csv", {"q": "harbour", "from": "0001-01-01"})
    assert response.status_code == 400
    assert "headline" not in body(response).splitlines()[0]


@pytest.mark.parametrize("url", ["/archive/0000/", "/archive/0000/01/", "/archive/١٢٣٤/"])
def test_year_zero_in_the_archive_is_a_404(client, reuters, url):
    assert client.get(url).status_code == 404


def test_archive_pages_still_resolve(client, reuters):
    assert client.get("/archive/2018/").status_code == 200
    assert client.get("/archive/2018/03/").status_code == 200


@pytest.mark.parametrize(
    ("year", "text"),
    [("0000", "expected a year from 0001 to 9999"), ("²²²²", "expected a year of four digits"),
     ("20x8", "expected a year of four digits")],
)
def test_an_outlet_page_with_a_bad_year_is_a_404_saying_why(client, reuters, year, text):
    response = client.get("/sources/reuters/", {"year": year})
    assert response.status_code == 404
    assert f"is not a year: {text}" in response.content.decode()


def test_an_outlet_page_for_one_year_still_works(client, reuters):
    html = client.get("/sources/reuters/", {"year": "2017"}).content.decode()
    assert "Second" in html and "Harbour a story" not in html


def parse_feed(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


@pytest.mark.parametrize(
    "query", ["a%01", "%EF%BF%BE", "harbour%EF%BF%BE%0B", "a%ED%A0%80", "%FF%FE"]
)
def test_a_search_feed_strips_what_xml_forbids(client, reuters, query):
    feed = parse_feed(client.get(f"/search/feed/?q={query}"))
    title = feed.find(f"{ATOM}title").text
    assert title.startswith("Clippings search: ")
    assert not any(ch in title for ch in "\x01\x0b\ufffe")


def test_a_search_feed_of_a_headline_with_control_characters_is_valid_xml(client, make_article):
    source = make_source("Wire", slug="wire")
    make_article(title="Bell\x07 rings\ufffe", body="A bell\x01 story.", source=source)
    for url in ("/search/feed/?q=bell", "/sources/wire/feed/"):
        feed = parse_feed(client.get(url))
        assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == [
            "Bell rings"
        ]


TOO_BROAD = '"' + " ".join(f"w{n}" for n in range(MAX_CLAUSES + 1)) + '"'


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_query_over_the_clause_budget_is_too_broad(client, reuters, fmt):
    response = fetch(client, fmt, {"q": TOO_BROAD})
    assert_says(response, fmt, f"too broad: the query searches for more than {MAX_CLAUSES}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_engine_refusing_a_query_is_too_broad(client, reuters, fmt, monkeypatch):
    """The engine's own budget (a wildcard matching too many words) raises while searching: the
    page, the JSON and even the streamed CSV and JSON Lines answer 400, not a cut-short file."""
    from haystack import connections

    def refuse(*args, **kwargs):
        raise QueryTooBroad("the wildcard 'a*' matches more than 1,000 words")

    def refuse_when_read(*args, **kwargs):  # a generator: raises once the export reads it
        yield refuse()

    backend = connections["default"].get_backend()
    monkeypatch.setattr(backend, "search", refuse)
    monkeypatch.setattr(backend, "iterate", refuse_when_read)
    response = fetch(client, fmt, {"q": "a*"})
    assert_says(response, fmt, "too broad: the wildcard 'a*' matches more than 1,000 words")


def test_a_too_broad_csv_and_jsonl_have_no_rows(client, reuters):
    for fmt in ("csv", "jsonl"):
        content = body(fetch(client, fmt, {"q": TOO_BROAD}))
        assert not list(csv.reader(io.StringIO(content)))[0][0].startswith("headline")
        with pytest.raises(json.JSONDecodeError):
            json.loads(content.splitlines()[0])
