"""Saved HTML pages through ``parse_html_page``: what the extractor is asked for and what the
parser does with its text. Pure parsing: no database."""

import datetime as dt

from archive.parsing import parse_html_page

PROSE = " ".join(
    f"Sentence number {n} of the article says something plain about the harbour and the town."
    for n in range(12)
)


def page(*, head: str = "", body: str = "", end: str = "", tail: str = "") -> bytes:
    """A saved page: ``body`` opens its article, ``end`` closes it, ``tail`` follows it."""
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Harbour reopens</title>'
        f'{head}</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>Harbour reopens</h1>{body}<p>{PROSE}</p><p>{PROSE}</p>{end}</article>"
        f"{tail}</body></html>"
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


# --- furniture left in the extracted text -------------------------------------------------------

# Lines as real pages print them at the foot of their articles (shared/real-pages: a newsletter
# prompt, a paywall notice, a comment policy, an affiliate disclosure).
PROMPTS = (
    "Never miss the latest news by signing up to our newsletter today!",
    "If you’re seeing this message but you’re already a subscriber, you can log in for "
    "immediate access to this story.",
    "Please understand that comments are moderated and it is not always possible to publish "
    "all that have been submitted.",
    "This post contains references to products from one or more of our advertisers. We may "
    "receive compensation when you click on links to those products.",
)


def test_the_sites_prompts_in_the_extracted_article_are_furniture_not_body():
    raw = page(end="".join(f"<p>{line}</p>" for line in PROMPTS),
               body="<p>Category : Press Releases</p>")
    parsed = parse_html_page(raw)
    assert "Sentence number 11 of the article" in parsed.body
    for line in (*PROMPTS, "Category : Press Releases"):
        assert line not in parsed.body
        assert any(item.text == line and item.kind == "site" for item in parsed.boilerplate)


def test_the_articles_own_short_lines_stay_in_the_body():
    # Four short title-cased lines in a row read as a menu in a page's visible text; in the
    # text the extractor cut out of the page they are the article's subheading and list.
    items = ("Olive Oil", "Sea Salt Flakes", "Fresh Rosemary", "Garlic Cloves")
    # Prose that uses furniture's words ("share", "comments", "follow") is still prose.
    said = ("The harbour master said she would share the comments with the council and "
            "follow the fishermen's advice on the new berths before the end of the month.")
    raw = page(body="<h2>What You Need</h2><ul>" + "".join(f"<li>{i}</li>" for i in items)
               + "</ul><table><tr><td>Carbohydrates: 31g</td><td>Protein: 7g</td></tr></table>",
               end=f"<p>{said}</p>")
    parsed = parse_html_page(raw)
    for line in ("What You Need", *items, "Carbohydrates: 31g", said):
        assert line in parsed.body


# --- the standfirst ----------------------------------------------------------------------------

DECK = "The port was closed for three weeks after the storm damaged both of its piers."


def deck_page(description: str, shown: str) -> bytes:
    """The headline and the line under it in the page's header, outside its article."""
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Harbour reopens</title>'
        f'<meta name="description" content="{description}"></head><body>'
        f'<header><h1>Harbour reopens</h1><p class="standfirst">{shown}</p></header>'
        f"<article><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    ).encode()


def test_the_standfirst_the_page_shows_under_its_headline_opens_the_body():
    parsed = parse_html_page(deck_page(DECK, DECK))
    assert parsed.paragraphs[0] == DECK
    assert parsed.headline == "Harbour reopens"


def test_a_description_the_page_does_not_show_or_that_is_a_prompt_is_not_body():
    assert DECK not in parse_html_page(deck_page(DECK, "By Jane Doe")).body
    prompt = "Never miss the latest news by signing up to our newsletter today!"
    assert prompt not in parse_html_page(deck_page(prompt, prompt)).body
