"""A search as JSON, CSV, JSON Lines and an Atom feed, through HTTP, against a real index."""

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from archive.models import Article
from archive.serializers import HIT_FIELDS
from tests.factories import XSS, make_article, make_source

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def index_now():
    call_command("rebuild_index", interactive=False, verbosity=0)


def streamed(response) -> str:
    assert response.status_code == 200
    assert response.streaming, "exports are streamed, not built in memory"
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def harbour(outlet, django_capture_on_commit_callbacks):
    """25 harbour stories (more than a page) from one outlet, 3 from another, one hidden after
    indexing (as the curation admin hides: saved, the index updated on commit) and one never
    public."""
    for day in range(1, 26):
        make_article(f"Harbour story {day:02d}", f"The harbour news of day {day}.",
                     source=outlet, published=dt.date(2018, 1, day))
    other = make_source("Other Times", slug="other-times")
    for day in range(1, 4):
        make_article(f"Other harbour {day}", "More harbour news.", source=other,
                     published=dt.date(2017, 6, day))
    late = make_article("Harbour secret", "The harbour secret.", source=outlet,
                        published=dt.date(2019, 1, 1))
    make_article("Harbour hidden all along", "Harbour.", status=Article.Status.HIDDEN)
    index_now()
    with django_capture_on_commit_callbacks(execute=True):
        late.status = Article.Status.HIDDEN
        late.save()
    return outlet


def csv_rows(client, **params):
    text = streamed(client.get("/search/", {**params, "format": "csv"}))
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_exports_every_result_with_the_filters_and_sort(client, harbour, monkeypatch):
    monkeypatch.setattr("search.views.exports.EXPORT_CHUNK", 7)  # slices, if not streamed
    response = client.get("/search/", {"q": "harbour", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="clippings-search-')
    rows = list(csv.DictReader(io.StringIO(streamed(response))))
    assert len(rows) == 28  # the whole result set, not a page of 20; never the hidden ones
    assert {"Harbour secret", "Harbour hidden all along"}.isdisjoint(r["headline"] for r in rows)
    oldest = csv_rows(client, q="harbour", outlet="The Harbour Gazette", sort="oldest")
    assert [r["headline"] for r in oldest] == [f"Harbour story {d:02d}" for d in range(1, 26)]
    first = oldest[0]
    assert list(first) == list(HIT_FIELDS)
    article = Article.objects.get(title="Harbour story 01")
    assert first["permalink"] == f"http://testserver{article.get_absolute_url()}"
    assert first["outlet"] == "The Harbour Gazette" and first["published"] == "2018-01-01"
    assert first["kind"] == "article" and first["id"] == str(article.pk)
    assert "harbour news of day 1" in first["snippet"]
    newest = csv_rows(client, q="harbour", sort="newest")
    assert newest[0]["headline"] == "Harbour story 25"


def test_jsonl_exports_every_result_as_one_record_a_line(client, harbour, monkeypatch):
    monkeypatch.setattr("search.views.exports.EXPORT_CHUNK", 10)
    monkeypatch.setattr("search.views.exports.LOAD_CHUNK", 3)  # rows loaded 3 at a time
    response = client.get("/search/", {"q": "harbour", "format": "jsonl"})
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    lines = streamed(response).splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 28 and all(set(r) == set(HIT_FIELDS) for r in records)
    assert len({r["id"] for r in records}) == 28


def test_csv_neutralises_formulas_and_keeps_markup_as_text(client, outlet):
    make_article("=HYPERLINK(\"http://evil.example\",\"harbour\")", "A harbour.", source=outlet,
                 byline="+1 harbour")
    make_article("-2+3 harbour", "Harbour.", byline="@SUM(A1)")
    make_article("\tTabbed harbour", "Harbour.", byline="\rReturn")
    make_article(XSS + " harbour", "Harbour <b>bold</b>.")
    index_now()
    text = streamed(client.get("/search/", {"q": "harbour", "format": "csv"}))
    rows = {r["headline"]: r for r in csv.DictReader(io.StringIO(text))}
    assert "'=HYPERLINK(\"http://evil.example\",\"harbour\")" in rows
    assert rows["'=HYPERLINK(\"http://evil.example\",\"harbour\")"]["byline"] == "'+1 harbour"
    assert rows["'-2+3 harbour"]["byline"] == "'@SUM(A1)"
    assert rows["'\tTabbed harbour"]["byline"] == "'\rReturn"
    # opened as text, the hostile headline is just its characters (CSV has no markup)
    assert rows[XSS + " harbour"]["snippet"] == "Harbour <b>bold</b>."
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_search_json_lists_a_page_with_permalinks_and_facet_counts(client, harbour):
    response = client.get("/search/", {"q": "harbour", "format": "json", "sort": "newest"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["total"] == 28 and data["num_pages"] == 2 and data["page"] == 1
    assert len(data["results"]) == 20
    assert data["results"][0]["headline"] == "Harbour story 25"
    article = Article.objects.get(title="Harbour story 25")
    assert data["results"][0]["permalink"] == f"http://testserver{article.get_absolute_url()}"
    assert data["next"].startswith("http://testserver/search/?") and "page=2" in data["next"]
    assert data["previous"] is None
    outlets = {f["value"]: f["count"] for f in data["facets"]["outlet"]}
    assert outlets == {"The Harbour Gazette": 25, "Other Times": 3}
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 8 and second["previous"]
    titles = [r["headline"] for r in data["results"] + second["results"]]
    assert "Harbour secret" not in titles and "Harbour hidden all along" not in titles


def test_search_json_honours_filters(client, harbour):
    data = client.get("/search/", {"q": "harbour", "outlet": "Other Times",
                                   "format": "json"}).json()
    assert data["total"] == 3
    assert {r["outlet"] for r in data["results"]} == {"Other Times"}
    assert data["errors"] == {}


def test_search_json_refuses_bad_values_with_a_400_saying_what_was_wrong(client, harbour):
    response = client.get("/search/", {"q": "harbour", "outlet": "Other Times", "year": "20x",
                                       "format": "json"})
    assert response.status_code == 400
    data = response.json()
    assert data["errors"] == {"year": ["“20x” is not valid here: expected a year of four "
                                       "digits, e.g. 2018."]}
    assert data["error"].startswith("Year: “20x” is not valid here")
    assert "results" not in data


def test_search_feed_is_newest_first_with_the_same_filters(client, harbour):
    response = client.get("/search/feed/", {"q": "harbour", "outlet": "The Harbour Gazette",
                                            "sort": "relevance"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles == [f"Harbour story {d:02d}" for d in range(25, 0, -1)]
    assert "harbour" in feed.find(f"{ATOM}title").text
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate.startswith("http://testserver/search/?") and "outlet=The+Harbour" in alternate


def test_search_feed_escapes_scraped_text(client, outlet):
    make_article(XSS, "A harbour <script>x()</script> story.", source=outlet)
    index_now()
    response = client.get("/search/feed/", {"q": "harbour"})
    assert b"<script>" not in response.content and b"<img src" not in response.content
    entry = ET.fromstring(response.content).find(f"{ATOM}entry")  # noqa: S314
    assert entry.find(f"{ATOM}title").text == XSS
    assert "<script>x()</script>" in entry.find(f"{ATOM}summary").text


def test_search_page_links_its_feed_json_and_exports(client, harbour):
    html = client.get("/search/", {"q": "harbour", "outlet": "Other Times", "page": "1"})
    html = html.content.decode()
    assert ('<link rel="alternate" type="application/atom+xml" title="Atom feed of this search" '
            'href="/search/feed/?q=harbour&amp;outlet=Other+Times">') in html
    assert 'type="application/json"' in html
    assert 'href="/search/?q=harbour&amp;outlet=Other+Times&amp;format=csv" download' in html
    assert 'href="/search/?q=harbour&amp;outlet=Other+Times&amp;format=jsonl" download' in html


def test_result_links_carry_the_search_and_the_article_links_back(client, harbour):
    html = client.get("/search/", {"q": "harbour", "outlet": "Other Times", "page": "1"})
    article = Article.objects.get(title="Other harbour 1")
    link = f"{article.get_absolute_url()}?q=harbour&amp;outlet=Other+Times&amp;page=1"
    assert f'href="{link}"' in html.content.decode()
    page = client.get(article.get_absolute_url(),
                      {"q": "harbour", "outlet": "Other Times", "page": "1"}).content.decode()
    assert ('<a href="/search/?q=harbour&amp;outlet=Other+Times&amp;page=1" id="back-to-results">'
            in page)
    assert '<mark class="hit" id="match-0"' in page


def test_an_article_hidden_behind_the_index_back_is_in_no_export_or_feed(client, outlet):
    """The index may lag behind the database: what the database says is hidden never leaks."""
    shown = make_article("Harbour shown", "Harbour.", source=outlet)
    hidden = make_article("Harbour gone", "Harbour.", source=outlet)
    merged = make_article("Harbour merged", "Harbour.", source=outlet)
    index_now()
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.HIDDEN)  # no reindex
    Article.objects.filter(pk=merged.pk).update(merged_into=shown)
    outputs = [
        streamed(client.get("/search/", {"q": "harbour", "format": "csv"})),
        streamed(client.get("/search/", {"q": "harbour", "format": "jsonl"})),
        client.get("/search/", {"q": "harbour", "format": "json"}).content.decode(),
        client.get("/search/feed/", {"q": "harbour"}).content.decode(),
    ]
    for output in outputs:
        assert "Harbour shown" in output
        assert "Harbour gone" not in output and "Harbour merged" not in output
        assert hidden.get_absolute_url() not in output
        assert merged.get_absolute_url() not in output


def test_unknown_search_format_is_a_clear_400(client):
    response = client.get("/search/", {"q": "x", "format": "pdf"})
    assert response.status_code == 400
    assert b"html, json, csv, jsonl" in response.content


def test_search_json_page_past_the_end_is_404(client, harbour):
    for page in ("3", "x", "0"):
        response = client.get("/search/", {"q": "harbour", "format": "json", "page": page})
        assert response.status_code == 404, page


@pytest.fixture
def engine_calls(monkeypatch):
    """How many times the search backend was asked to search and to iterate."""
    from collections import Counter

    from search.engine.whoosh import ClippingsWhooshBackend

    calls = Counter()
    for name in ("search", "iterate"):
        original = getattr(ClippingsWhooshBackend, name)

        def counted(self, *args, _original=original, _name=name, **kwargs):
            calls[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(ClippingsWhooshBackend, name, counted)
    return calls


def test_exports_rank_the_matches_once_and_stream_every_row(client, harbour, monkeypatch,
                                                            engine_calls):
    monkeypatch.setattr("search.views.exports.LOAD_CHUNK", 4)  # rows loaded 4 at a time
    rows = csv_rows(client, q="harbour", outlet="The Harbour Gazette", sort="oldest")
    assert [r["headline"] for r in rows] == [f"Harbour story {d:02d}" for d in range(1, 26)]
    assert engine_calls == {"iterate": 1}  # never a search per slice


def test_an_engine_that_cannot_stream_is_read_in_slices(client, harbour, monkeypatch,
                                                        engine_calls):
    from search.engine.whoosh import ClippingsWhooshQuery

    streamed_rows = csv_rows(client, q="harbour", sort="newest")
    monkeypatch.delattr(ClippingsWhooshQuery, "iterate")  # as another haystack engine
    monkeypatch.setattr("search.views.exports.EXPORT_CHUNK", 7)
    engine_calls.clear()
    sliced_rows = csv_rows(client, q="harbour", sort="newest")
    assert len(sliced_rows) == 28 and sliced_rows == streamed_rows
    assert engine_calls == {"search": 5}  # four slices of 7, then one that finds the end
