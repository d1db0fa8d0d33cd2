"""The article page through HTTP: reading, highlighting, provenance, comments, sharing tags."""

import datetime as dt
import hashlib
import html as htmllib
import json
import re

import pytest

from archive.models import Article
from archive.serializers import article_record, export_queryset
from tests.factories import XSS, make_article

pytestmark = pytest.mark.django_db
PUBLISHED = dt.date(2018, 3, 22)

BODY = (
    "The harbour authority voted on Tuesday to close the old pier.\n\n"
    "Residents said the harbour had been neglected for years.\n\n"
    "A spokesman declined to comment."
)


def get_html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_page_shows_headline_outlet_date_byline_paragraphs_and_word_count(client, outlet):
    article = make_article("Pier to close", BODY, source=outlet, published=PUBLISHED,
                           byline="By Ann Reporter")
    html = get_html(client, article.get_absolute_url())
    assert "<h1 id=\"headline\">Pier to close</h1>" in html
    assert f'<a href="{outlet.get_absolute_url()}">The Harbour Gazette</a>' in html
    assert '<time datetime="2018-03-22">22 March 2018</time>' in html
    assert "By Ann Reporter" in html
    assert f"{article.word_count} words" in html
    body = html.split('id="article-body">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r"<p>(.*?)</p>", body) == article.paragraphs


def test_search_terms_are_highlighted_with_numbered_matches(client):
    article = make_article("Pier to close", BODY)
    html = get_html(client, article.get_absolute_url(), q="harbour")
    marks = re.findall(r'<mark class="hit" id="match-(\d+)" data-match="\d+">(.*?)</mark>', html)
    assert marks == [("0", "harbour"), ("1", "harbour")]
    body = html.split('id="article-body">', 1)[1].split("</div>", 1)[0]
    shown = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", body)]
    assert shown == article.paragraphs  # every paragraph whole, only marks added
    assert "2 matches for “harbour”" in html
    assert 'href="#match-0"' in html  # the first match is reachable without JavaScript
    for control in ("Previous match", "Next match", "Highlight search terms"):
        assert control in html


def test_phrases_and_inflections_are_highlighted_but_exclusions_are_not(client):
    article = make_article("Votes", "The council votes and voted; the old pier stays.\n\nNot now.")
    html = get_html(client, article.get_absolute_url(), q='vote "old pier" -now')
    marked = re.findall(r'<mark class="hit"[^>]*>(.*?)</mark>', html)
    assert marked == ["votes", "voted", "old pier"]  # the phrase is one match


def test_without_a_query_nothing_is_marked_and_no_match_tools(client):
    article = make_article("Pier to close", BODY)
    html = get_html(client, article.get_absolute_url())
    assert "<mark" not in html and "match-tools" not in html


def test_query_with_no_match_says_so(client):
    article = make_article("Pier to close", BODY)
    html = get_html(client, article.get_absolute_url(), q="volcano")
    assert "No matches for “volcano”" in html and "<mark" not in html


def test_highlighting_escapes_the_text_and_the_query(client):
    body = 'Before <b>bold</b> & "quoted" harbour <script>alert(1)</script> after.'
    article = make_article("Escapes", body)
    html = get_html(client, article.get_absolute_url(), q='harbour <script>"')
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;" in html
    assert '<mark class="hit" id="match-0" data-match="0">harbour</mark>' in html
    # "script" is a term of the query: its mark goes inside the escaped tag text
    assert '&lt;<mark class="hit" id="match-1" data-match="1">script</mark>&gt;' in html


def test_removed_lines_are_summarised_collapsed(client):
    boilerplate = [
        {"kind": "advertising", "text": "Advertisement", "line": 2},
        {"kind": "photo", "text": "AP Photo/Jane Doe", "line": 4},
        {"kind": "advertising", "text": "Advertisement", "line": 6},
        {"kind": "copyright", "text": "© 2018 <Gazette>", "line": 9},
    ]
    article = make_article("Pier", BODY, boilerplate=boilerplate)
    html = get_html(client, article.get_absolute_url())
    summary = re.search(r'<details class="removed">\s*<summary>(.*?)</summary>', html, re.S)
    assert summary, "the removed lines are in a collapsed <details>"
    assert summary.group(1) == (
        "Removed from the original page: 4 lines — advertising markers, photo credits, "
        "copyright lines"
    )
    assert "© 2018 &lt;Gazette&gt;" in html


def test_original_text_is_shown_exactly_decoded_and_escaped_with_its_sha256(client):
    raw = "Titre\n\nLe café <b>fermé</b> à Zürich.\n".encode("cp1252")
    article = make_article("Café", "Le café fermé.", raw=raw, encoding="cp1252")
    page = get_html(client, article.get_absolute_url())
    original_url = f"/articles/{article.pk}/{article.slug}/original/"
    assert f'href="{original_url}"' in page
    assert hashlib.sha256(raw).hexdigest() in page
    html = get_html(client, original_url)
    assert hashlib.sha256(raw).hexdigest() in html
    assert "Le café &lt;b&gt;fermé&lt;/b&gt; à Zürich." in html
    assert 'name="robots" content="noindex"' in html
    download = client.get(original_url, {"download": "1"})
    assert download.status_code == 200
    assert download.content == raw
    assert hashlib.sha256(download.content).hexdigest() == article.raw_sha256
    assert download["Content-Disposition"].startswith("attachment;")


def test_reader_comments_are_collapsed_counted_apart_and_escaped(client):
    article = make_article("Pier", BODY, comments=["Great piece.", XSS, "Nonsense."])
    html = get_html(client, article.get_absolute_url())
    body_part, comments_part = html.split("Reader comments — not written by the outlet", 1)
    assert "Great piece." in comments_part and "Great piece." not in body_part
    assert "Reader comments — not written by the outlet (3)" in html
    details = re.search(r'<section class="reader-comments"[^>]*>\s*<details( open)?>', html)
    assert details and details.group(1) is None  # collapsed by default
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert htmllib.escape(XSS) in html or "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hidden_comment_block_is_not_shown(client):
    article = make_article("Pier", BODY, comments=["Secret remark."])
    article.comment_blocks.update(is_hidden=True)
    html = get_html(client, article.get_absolute_url())
    assert "Secret remark." not in html
    assert "Reader comments — not written by the outlet" not in html


def test_hostile_headline_renders_as_text_in_every_tag(client, outlet):
    article = make_article(XSS, BODY, source=outlet, published=PUBLISHED, byline=XSS)
    html = get_html(client, article.get_absolute_url(), q="harbour")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert '"><img' not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"
    assert escaped in html


def test_canonical_open_graph_and_twitter_tags(client, outlet):
    article = make_article("Pier to close", BODY, source=outlet, published=PUBLISHED)
    html = get_html(client, f"/articles/{article.pk}/{article.slug}/", q="pier")
    permalink = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{permalink}">' in html  # without ?q=
    assert '<meta property="og:title" content="Pier to close">' in html
    assert f'<meta property="og:url" content="{permalink}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="article:published_time" content="2018-03-22">' in html
    assert '<meta property="article:publisher" content="The Harbour Gazette">' in html
    description = ("The Harbour Gazette, 22 March 2018. The harbour authority voted on Tuesday "
                   "to close the old pier.")
    assert f'<meta property="og:description" content="{description}">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert f'<meta name="twitter:description" content="{description}">' in html


def test_cite_box_offers_every_style_with_a_copy_button(client, outlet):
    article = make_article("Pier to close", BODY, source=outlet, published=PUBLISHED,
                           byline="By Ann Reporter")
    html = get_html(client, article.get_absolute_url())
    permalink = f"http://testserver{article.get_absolute_url()}"
    for key, label in [("plain", "Plain reference"), ("apa", "APA"), ("mla", "MLA"),
                       ("chicago", "Chicago"), ("bibtex", "BibTeX"), ("ris", "RIS")]:
        block = re.search(rf'<pre id="cite-{key}"[^>]*>(.*?)</pre>', html, re.S)
        assert block, key
        assert permalink in block.group(1)
        assert f'<button type="button" class="copy-button" data-copy="cite-{key}" hidden>' \
               f"Copy {label}</button>" in html
    assert "Ann Reporter" in html and "retrieved" in html
    assert 'data-copy="permalink"' in html


def test_format_json_is_the_export_record(client, outlet):
    article = make_article("Pier", BODY, source=outlet, published=PUBLISHED, comments=[XSS])
    response = client.get(article.get_absolute_url(), {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    expected = article_record(export_queryset(Article.objects.filter(pk=article.pk)).get())
    assert set(data) == set(expected)
    assert data["permalink"] == f"http://testserver{article.get_absolute_url()}"
    assert {k: v for k, v in data.items() if k != "permalink"} == {
        k: v for k, v in expected.items() if k != "permalink"
    }
    assert data["comments"] == [XSS]  # JSON carries the text; escaping is the reader's job


def test_unknown_format_is_a_clear_400(client):
    article = make_article("Pier", BODY)
    response = client.get(article.get_absolute_url(), {"format": "xml"})
    assert response.status_code == 400
    assert b"available as: html, json" in response.content
