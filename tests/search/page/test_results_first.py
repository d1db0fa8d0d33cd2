"""The search page as a journalist uses it (issue 14), through HTTP: undated articles are never
dropped without a word, the advanced form writes the query language, every facet value is one
tab stop, and a facet's values beyond the page are one link away."""

import html
import re
from urllib.parse import parse_qs, urlsplit

from search.querying.advanced import compose_query


def test_a_date_filter_says_how_many_undated_articles_it_leaves_out(search, newsroom):
    everything = search(q="border")
    assert newsroom["a5"].get_absolute_url() in everything.html  # undated, and shown
    assert "without a date" not in everything.html  # no date filter: nothing left out

    dated = search(q="border", **{"from": "2018-01-01"})
    assert dated.total == 3  # a1, a2, a4
    notice = re.search(r'<p class="notice undated-notice">(.*?)</p>', dated.html, re.S)
    assert notice, "the page must say that the undated article is not shown"
    assert "1 article without a date is not shown" in notice.group(1)
    link = html.unescape(re.search(r'href="([^"]+)"', notice.group(1)).group(1))
    assert parse_qs(urlsplit(link).query) == {"q": ["border"]}
    included = search(link)
    assert included.total == 4 and newsroom["a5"].get_absolute_url() in included.html

    by_year = search(q="border", year="2018")
    assert "1 article without a date is not shown" in by_year.html


def test_the_date_boxes_are_iso(search, newsroom):
    page = search(q="border", **{"from": "2018-01-01"})
    box = re.search(r'<input type="text" name="from"[^>]*>', page.html).group()
    assert 'value="2018-01-01"' in box and 'placeholder="YYYY-MM-DD"' in box
    assert 'type="date"' not in page.html


def test_the_sort_help_says_what_happens_without_words(search, newsroom):
    blank = search()
    assert "with no words the newest come first" in blank.html
    assert '<option value="relevance" selected>Best match (no words: newest first)</option>' in (
        blank.html
    )
    worded = search(q="border")
    assert '<option value="relevance" selected>Best match</option>' in worded.html
    assert blank.links[0] == newsroom["a4"].get_absolute_url()  # 2019: the newest


def test_advanced_boxes_become_one_query_in_the_url(client, newsroom):
    response = client.get("/search/", {
        "adv_all": "border bill", "adv_phrase": "security bill", "adv_any": "senate governor",
        "adv_none": "wall", "adv_headline": "", "adv_outlet": "Reuters", "adv_byline": "Ann Lee",
        "from": "2018-01-01", "to": "",
    })
    assert response.status_code == 302
    params = parse_qs(urlsplit(response["Location"]).query)
    assert params == {
        "q": ['border bill "security bill" (senate OR governor) -wall outlet:Reuters '
              'byline:"Ann Lee"'],
        "from": ["2018-01-01"],
    }
    page = client.get(response["Location"])
    assert page.context["total"] == 1
    assert page.context["hits"][0].article == newsroom["a1"]


def test_compose_query_keeps_operators_and_quotes_as_words():
    assert compose_query({"all": 'OR "x', "phrase": '"a" b', "none": "-NOT"}) == (
        'or x "a b" -not'
    )
    assert compose_query({"headline": "civil rights"}) == "headline:civil headline:rights"
    assert compose_query({}) == ""


def test_one_tab_stop_per_facet_value(search, newsroom):
    page = search(q="border")
    for value in re.findall(r'<li class="facet-value">.*?</li>', page.html, re.S):
        # the checkbox is the stop; the − link is reached from it (x) and skipped by Tab
        assert value.count("<input") == 1
        assert re.search(r'class="exclude"[^>]*tabindex="-1"', value)
        assert 'data-exclude="' in value


def test_every_value_of_a_facet_is_one_link_away(search, client, make_article):
    for n in range(40):
        make_article(
            title=f"Harbour story {n}", body="The harbour again.", source=f"Outlet {n:02d}"
        )
    page = search(q="harbour")
    group = next(g for g in page.response.context["groups"] if g.param == "outlet")
    assert group.left_out == 40 - 5 - 20
    assert group.all_url.startswith("/search/facets/outlet/?q=harbour")
    listing = client.get(group.all_url)
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "40 values" in text
    for n in range(40):
        assert f"Outlet {n:02d}" in text
    assert client.get("/search/facets/nonsense/").status_code == 404
