"""Attention over time on the search page: matches per month drawn as SVG on the server, the
share of all archived articles (outlet filter on both sides), a second query, the date-unknown
bar, month links that become the date filter, the table and the CSV/JSON numbers."""

import csv
import io
import json
import re

from archive.models import Article
from tests.factories import XSS


def svg(page) -> str:
    match = re.search(r"<svg class=\"attention-chart\".*?</svg>", page.html, re.S)
    assert match, "no chart"
    return match.group()


def months(page) -> dict[str, tuple]:
    chart = page.response.context["chart"]
    return {row.key: row.counts for row in chart.rows}


def test_matches_per_month_drawn_as_svg_with_a_date_unknown_bar(search, newsroom):
    page = search(kind="article")
    drawing = svg(page)
    counted = months(page)
    assert counted["2017-11"] == (1,) and counted["2018-03"] == (1,) and counted["2019-01"] == (1,)
    assert counted["2018-05"] == (0,)
    assert list(counted)[0] == "2017-01" and list(counted)[-1] == "2019-12"
    assert page.response.context["chart"].unknown.counts == (1,)  # "Courts weigh asylum"
    assert "Date unknown: 1 match" in drawing
    assert drawing.count('<rect class="bar"') == 36
    assert "<script" not in drawing  # nothing needs JavaScript to be seen
    assert '<th scope="row">March 2018</th><td>1</td>' in page.html


def test_a_month_links_to_its_date_range(search, newsroom):
    page = search(q="border", kind="article")
    bar = next(b for b in page.response.context["drawing"].bars if b.row.key == "2018-03")
    assert bar.url == "?q=border&kind=article&from=2018-03-01&to=2018-03-31"
    narrowed = search(bar.url)
    assert narrowed.links and narrowed.total == 1


def test_share_of_coverage_uses_the_outlet_filter_on_both_sides(search, newsroom, make_article):
    import datetime as dt

    make_article("Reuters sport", "Football.", source="Reuters", published=dt.date(2018, 3, 9))
    make_article("Times sport", "Tennis.", source="Los Angeles Times",
                 published=dt.date(2018, 3, 9))
    counts = search(q="border", kind="article")
    assert counts.response.context["chart"].mode == "count"
    share = search(q="border", kind="article", chart="share")
    row = next(r for r in share.response.context["chart"].rows if r.key == "2018-03")
    assert row.counts == (1,) and row.base == 3 and round(row.shares[0]) == 33
    reuters = search(q="border", kind="article", outlet="Reuters", chart="share")
    row = next(r for r in reuters.response.context["chart"].rows if r.key == "2018-03")
    assert row.base == 2 and row.shares[0] == 50.0
    assert "Share of all archived articles per month" in reuters.html
    assert 'aria-current="true">Share of coverage' in reuters.html


def test_a_second_query_is_repaired_like_the_search_box(search, newsroom):
    page = search(kind="article", q="border", q2='budget AND ("senate')
    chart = page.response.context["chart"]
    assert len(chart.series) == 2
    assert chart.series[1].notes  # the unbalanced quote and parenthesis were repaired
    assert "How the second query was read" in page.html
    counted = {r.key: r.counts for r in chart.rows}
    assert counted["2018-03"] == (1, 1)
    assert counted["2018-04"] == (1, 0)  # "border" there, not "senate": each its own words
    assert '<polyline class="series-2"' in svg(page)


def test_a_too_broad_second_query_is_said_and_the_first_still_drawn(search, newsroom):
    phrases = " ".join(f'"a{n} b{n}"' for n in range(33))  # 66 words: over the budget's 64
    page = search(kind="article", q="border", q2=phrases)
    assert len(page.response.context["chart"].series) == 1
    assert "The query to compare was not drawn: too broad:" in page.html
    assert '<polyline class="series-2"' not in svg(page)


def test_hidden_articles_are_not_counted(search, newsroom, make_article):
    import datetime as dt

    make_article("Border hidden", "border", published=dt.date(2018, 3, 2),
                 status=Article.Status.HIDDEN)
    page = search(q="border", kind="article")
    assert months(page)["2018-03"] == (1,)


def test_the_numbers_as_csv_and_json(client, newsroom):
    data = client.get("/search/attention/", {"q": "border", "kind": "article", "format": "json"})
    body = json.loads(data.content)
    assert body["series"][0]["query"] == "border"
    march = next(m for m in body["months"] if m["month"] == "2018-03")
    assert march["counts"] == [1] and march["all_articles"] == 1
    assert body["months"][-1]["month"] is None and body["months"][-1]["counts"] == [1]
    table = client.get("/search/attention/", {"q": "border", "format": "csv"})
    assert table["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(table.content.decode())))
    assert rows[0][0] == "month" and rows[-1][0] == "unknown"
    assert client.get("/search/attention/", {"format": "xml"}).status_code == 400


def test_bad_chart_input_is_never_a_500(search, newsroom):
    for params in ({"chart": "nonsense"}, {"q2": "\x00((\"" + XSS}, {"q2": "x" * 5000},
                   {"from": "2030-01-01"}, {"q2": "AND OR NOT"}):
        page = search(**params)
        assert page.status == 200
        assert "<script>alert" not in page.html


def test_the_chart_reads_the_page_search_and_the_base_once_per_index_generation(
    search, newsroom, make_article, monkeypatch
):
    """Its months and years come from the page's own search; the base (every archived article
    under the same filters) is one more search, kept until the index changes; a second query
    is one more search."""
    import datetime as dt

    from haystack.backends import BaseSearchQuery

    runs = []
    original = BaseSearchQuery.run

    def counted(self, *args, **kwargs):
        runs.append(self.build_query())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(BaseSearchQuery, "run", counted)
    page = search(q="border", chart="share")
    assert runs == ["(border)", "*"]  # the page (results, count, facets, months), the base
    march = next(r for r in page.response.context["chart"].rows if r.key == "2018-03")
    assert march.base == 1
    runs.clear()
    compared = search(q="border", q2="budget", chart="share")
    assert runs == ["(border)", "(budget)"]  # the same index and filters: the base is known
    drawn = months(compared)
    assert len(drawn["2018-03"]) == 2 and drawn["2018-03"][0] == months(page)["2018-03"][0]
    assert page.response.context["chart"].unknown.counts == (1,)
    runs.clear()
    search(q="border", outlet="Reuters")  # other filters: another base
    assert runs.count("*") == 1

    make_article("Sport", "Football.", source="Reuters", published=dt.date(2018, 3, 9))
    runs.clear()
    again = search(q="border", chart="share")
    assert "*" in runs  # the index changed: the base is searched again
    march = next(r for r in again.response.context["chart"].rows if r.key == "2018-03")
    assert march.base == 2 and march.shares == (50.0,)
