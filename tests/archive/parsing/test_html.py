"""Saved HTML pages through ``parse_html_page``: what the extractor is asked for and what the
parser does with its text. Pure parsing: no database."""

import datetime as dt

from archive.parsing import parse_html_page

PROSE = " ".join(
    f"Sentence number {n} of the article says something plain about the harbour and the town."
    for n in range(12)
)


def page(*, head: str = "", body: str = "", tail: str = "") -> bytes:
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Harbour reopens</title>'
        f'{head}</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>Harbour reopens</h1>{body}<p>{PROSE}</p><p>{PROSE}</p></article>{tail}"
        "</body></html>"
    ).encode()


# --- dates -------------------------------------------------------------------------------------

def test_the_date_comes_from_the_pages_date_markup():
    raw = page(head='<meta property="article:published_time" content="2021-03-04T10:00:00Z">')
    assert parse_html_page(raw).published == dt.date(2021, 3, 4)


def test_date_like_strings_elsewhere_in_the_page_are_not_taken_for_its_date():
    # An image path and a copyright line: the extractor's "extensive" date search guessed
    # 2019-05-01 and 2010-01-01 from such strings; the page says nothing of when it was published.
    raw = page(body='<img src="/uploads/2019-05/harbour.jpg" alt="">',
               tail="<footer><p>Copyright 2010 - 2020 Harbour Media</p></footer>")
    assert parse_html_page(raw).published is None
