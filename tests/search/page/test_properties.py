"""Property-based tests (Hypothesis) over every view's URL parameters and the query language:
whatever a URL holds, no view answers 5xx, and every answer is valid in its own format (HTML,
JSON, CSV, JSON Lines, Atom XML, text). HYPOTHESIS_PROFILE=ci (set by .ci/run) runs more
examples (tests/conftest.py)."""

import datetime as dt
from urllib.parse import quote, quote_from_bytes

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.querying.language import QueryTooBroad, parse_query
from tests.factories import make_source
from tests.validity import check_body

pytestmark = pytest.mark.django_db

SEARCH_PARAMS = ["q", "page", "sort", "from", "to", "format", "per_story", "kind", "outlet",
                 "year", "month", "comments", "byline", "person", "organisation", "place",
                 "story_size", "not_kind", "not_outlet", "not_year", "not_month",
                 "not_comments", "not_byline", "not_story_size"]
OTHER_PARAMS = ["page", "year", "q", "format", "download", "left", "right", "p", ""]
INTERESTING = [
    "", " ", "1", "0", "-1", "2", "999999", "1000000", "1e3", "1.0", "²", "٣", "0x1", "NaN",
    "2018", "0000", "²²²²", "١٢٣٤", "99999", "2018-03", "2018-13", "0000-00",
    "2018-03-05", "0001-01-01", "0999-12-31", "1000-01-01", "9999-12-31", "2018-02-30",
    "2018-W01-1", "20180101", "²⁰¹⁸-01-01", "relevance", "newest", "oldest", "random",
    "html", "json", "csv", "jsonl", "xml", "on", "off", "yes", "no", "article", "comments",
    "10+", "Reuters", "reuters", '"', "(", "a*", "x~", "\"a b\"~5", "a OR b", "NOT", "-a",
    "headline:", "*:*", "[a TO b]", "<script>", "%", "&", "=", "\x00", "\x01", "\ufffe",
    "\u200b", "a" * 600,
]


def _encoded(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


values = st.one_of(
    st.sampled_from(INTERESTING).map(_encoded),
    st.text(max_size=30).map(_encoded),
    st.binary(max_size=30).map(lambda raw: quote_from_bytes(raw, safe="")),  # not UTF-8 too
)


def query_strings(names: list[str]):
    name = st.one_of(st.sampled_from(names), st.text(max_size=8).map(_encoded))
    return st.lists(st.tuples(name, values), max_size=6).map(
        lambda pairs: "&".join(f"{n}={v}" for n, v in pairs)
    )


@pytest.fixture
def archive(make_article, monkeypatch):
    """A few articles (one hidden, one with comments), and an engine that may not swallow an
    error (SILENTLY_FAIL would turn it into "no results")."""
    from haystack import connections

    monkeypatch.setattr(connections["default"].get_backend(), "silently_fail", False)
    reuters = make_source("Reuters", slug="reuters")
    first = make_article(title="Harbour <b>bill</b>", body="The harbour bill passed.\x07",
                         source=reuters, published=dt.date(2018, 3, 5), byline="Ann Lee",
                         comments=["A comment on the harbour"])
    make_article(title="Budget talks", body="Budget talks resumed at the harbour.",
                 source=reuters, published=dt.date(2017, 11, 20))
    make_article(title="Undated", body="An undated harbour story.")
    make_article(title="Hidden", body="A hidden harbour story.", status="hidden")
    return first


def fetch(client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def assert_sound(response, body: bytes, url: str) -> None:
    assert response.status_code < 500, url
    if response.status_code in (301, 302):
        return
    check_body(response.get("Content-Type", ""), body)


@given(query=query_strings(SEARCH_PARAMS),
       path=st.sampled_from(["/search/", "/search/feed/"]))
def test_no_search_url_is_a_5xx_and_every_answer_is_valid(client, archive, query, path):
    url = f"{path}?{query}"
    response, body = fetch(client, url)
    assert_sound(response, body, url)
    assert response.status_code in (200, 400, 404), url


@given(query=query_strings(SEARCH_PARAMS),
       fmt=st.sampled_from(["json", "csv", "jsonl", "html"]))
def test_every_search_format_answers_sound_for_any_parameters(client, archive, query, fmt):
    url = f"/search/?{query}&format={fmt}"
    response, body = fetch(client, url)
    assert_sound(response, body, url)
    if response.status_code == 400 and fmt != "html":
        assert b"could not run" in body or b'"error"' in body or b"Unknown format" in body


def browse_paths(article_path: str):
    junk = values
    return st.one_of(
        st.sampled_from([
            "/", "/archive/", "/archive/2018/", "/archive/2018/03/", "/archive/0000/",
            "/sources/reuters/", "/sources/reuters/feed/", article_path, article_path +
            "original/", "/stories/1/", "/entities/1/", "/quotes/", "/search/help/",
            "/sitemap.xml", "/robots.txt",
        ]),
        junk.map(lambda v: f"/archive/{v}/"),
        junk.map(lambda v: f"/sources/{v}/"),
        junk.map(lambda v: f"/articles/{v}/x/"),
        junk.map(lambda v: f"/entities/1/{v}/"),
    )


@given(data=st.data())
def test_no_page_url_is_a_5xx_and_every_answer_is_valid(client, archive, data):
    path = data.draw(browse_paths(archive.get_absolute_url()))
    query = data.draw(query_strings(OTHER_PARAMS))
    url = f"{path}?{query}" if query else path
    response, body = fetch(client, url)
    assert_sound(response, body, url)


@given(text=st.text(max_size=600))
def test_the_query_language_repairs_anything_or_says_too_broad(text):
    try:
        parsed = parse_query(text)
    except QueryTooBroad as error:
        assert str(error).startswith("too broad: ")
        relaxed = parse_query(text, budget=False)  # highlighting never refuses
        assert relaxed.backend_query.count("(") == relaxed.backend_query.count(")")
        return
    rendered = parsed.backend_query
    assert rendered.count("(") == rendered.count(")")
    assert "\x00" not in rendered
    # What was searched, typed again, is searched the same way.
    assert parse_query(parsed.display).backend_query == rendered


@given(q=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300))
def test_any_typed_query_is_a_page_or_too_broad(client, archive, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code in (200, 400), q
    check_body(response["Content-Type"], response.content)
    if response.status_code == 400:
        assert b"too broad: " in response.content
