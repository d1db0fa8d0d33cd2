"""The article page's numbered marks and the plain snippets of exports and feeds."""

import re

from search.highlighting import highlight_paragraphs, plain_snippet


def test_marks_are_numbered_across_paragraphs():
    paragraphs = ["Harbours and a harbour.", "No.", "The harbour!"]
    html, count = highlight_paragraphs(paragraphs, "harbour")
    assert count == 3
    ids = [re.findall(r'id="match-(\d+)"', str(p)) for p in html]
    assert ids == [["0", "1"], [], ["2"]]


def test_marked_paragraphs_are_escaped():
    html, count = highlight_paragraphs(['<img src=x onerror="a"> img <mark>x</mark>'], "img")
    text = str(html[0])
    assert "<img" not in text and "<mark>x" not in text
    assert "&lt;mark&gt;x&lt;/mark&gt;" in text
    assert count == 2


def test_no_query_no_marks():
    html, count = highlight_paragraphs(["A <b>text</b>."], "")
    assert count == 0 and str(html[0]) == "A &lt;b&gt;text&lt;/b&gt;."


def test_plain_snippet_is_text_around_the_first_match():
    text = " ".join(f"w{i}" for i in range(100)) + ' harbour <b>&amp;</b> "' + " end" * 80
    piece = plain_snippet(text, "harbour")
    assert piece.startswith("… ") and 'harbour <b>&amp;</b> "' in piece and piece.endswith(" …")
    assert plain_snippet("Short & <i>plain</i>.", "absent") == "Short & <i>plain</i>."


def test_long_paragraphs_are_kept_whole():
    paragraph = "Opening words that come first. " * 10 + "Then the harbour, at last."
    html, count = highlight_paragraphs([paragraph], "harbour")
    assert count == 1
    assert str(html[0]) == paragraph.replace(
        "harbour", '<mark class="hit" id="match-0" data-match="0">harbour</mark>'
    )
