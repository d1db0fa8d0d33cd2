"""Everything that came from a scraped page or from the query is escaped; only <mark> is added."""

import re

import pytest

pytestmark = pytest.mark.django_db

HOSTILE_HEADLINE = "<script>alert('headline')</script> Border"
HOSTILE_BODY = 'Border news "><img src=x onerror=alert(1)> and <svg/onload=alert(2)> border'


@pytest.fixture
def hostile(make_article):
    return make_article(
        title=HOSTILE_HEADLINE,
        body=HOSTILE_BODY,
        source='<b onmouseover="alert(3)">Outlet</b>',
        byline="<i>Evil</i> Byline",
        comments=['"><script>alert(4)</script> border comment'],
    )


def assert_no_markup_from_data(text: str) -> None:
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert "<svg/onload" not in text
    assert '<b onmouseover' not in text
    assert "<i>Evil" not in text


def test_scraped_text_is_escaped_in_results_and_facets(search, hostile):
    page = search(q="border")
    assert page.status == 200 and page.total == 2
    assert_no_markup_from_data(page.html)
    assert "&lt;script&gt;alert(&#x27;headline&#x27;)&lt;/script&gt; <mark>Border</mark>" in (
        page.html
    )
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page.html
    assert "&lt;b onmouseover=&quot;alert(3)&quot;&gt;Outlet&lt;/b&gt;" in page.html
    # The only tags inside snippets are <mark> and </mark>.
    for snippet in re.findall(r'<p class="snippet">(.*?)</p>', page.html, re.S):
        assert set(re.findall(r"</?([a-z]+)", snippet)) <= {"mark"}


def test_the_query_is_escaped_everywhere_it_is_shown(search, hostile):
    query = '"><script>alert(5)</script> <img src=x onerror=alert(6)> border'
    page = search(q=query, outlet='"><script>alert(7)</script>')
    assert page.status == 200
    assert "<script>alert(5)" not in page.html
    assert "<script>alert(7)" not in page.html
    assert "<img src=x onerror=alert(6)>" not in page.html
    assert 'value="&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;' in page.html


def test_a_hostile_spelling_suggestion_or_note_is_escaped(search, hostile):
    page = search(q="<script>alert(8)</script>\x00")
    assert page.status == 200
    assert "<script>alert(8)" not in page.html
