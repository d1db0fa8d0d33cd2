"""The article page's numbered marks and the plain snippets of exports and feeds."""

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.highlighting import (
    LEAD_CHARS,
    TOKEN,
    Matcher,
    highlight_paragraphs,
    plain_snippet,
    snippet,
)
from search.querying.tree import HighlightTerm


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


FILLER = ["the", "harbours", "don't", "U.S.", "état", "x" * 40, "<b>", "&amp;", "a.b", "’s"]


@st.composite
def texts(draw):
    """Words that mostly don't match, with a matching word or two anywhere (often far in)."""
    rng = draw(st.randoms(use_true_random=False))
    words = [rng.choice(FILLER) for _ in range(draw(st.integers(0, 1500)))]
    for word in draw(st.lists(st.sampled_from(["harbour", "ports", "Etat"]), max_size=2)):
        words.insert(draw(st.integers(0, len(words))), word)
    return words


@settings(max_examples=60)
@given(words=texts(),
       terms=st.lists(st.sampled_from(["harbour", "port", "etat"]), min_size=1, max_size=2))
def test_a_snippet_is_the_window_around_the_first_match_of_the_whole_text(words, terms):
    """The first match is looked for a window at a time; it is the first of the whole text."""
    text = " ".join(words)
    marked = snippet(text, [HighlightTerm(t) for t in terms])
    matcher = Matcher([HighlightTerm(t) for t in terms])
    first = next((m for m in TOKEN.finditer(text) if matcher.matches(m.group())), None)
    if first is None:
        assert "<mark>" not in marked
        return
    assert html.unescape(marked.split("<mark>", 1)[1].split("</mark>")[0]) == first.group()
    start = 0 if first.start() <= LEAD_CHARS else text.rfind(" ", 0, first.start() - LEAD_CHARS) + 1
    shown = html.unescape(re.sub("</?mark>", "", marked))
    assert shown.startswith("… " if start else "")
    assert text.startswith(shown.removeprefix("… ").removesuffix(" …"), start)


def test_a_match_far_into_a_long_text_is_found():
    text = "filler words here " * 2000 + "the harbour at last " + "more " * 50
    marked = snippet(text, [HighlightTerm("harbour")])
    assert "the <mark>harbour</mark> at last" in marked and marked.startswith("… ")


def test_a_snippets_first_match_is_the_first_token_that_matches():
    """The first match is found among the tokens starting with a term's first letter in any
    case (the regular expression of ``Matcher.candidates``): the same token as looking at
    every token in turn, joiners, other scripts and case mappings included."""
    import random

    from search.highlighting import TOKEN, Matcher, _first_match
    from search.querying.tree import HighlightTerm

    pieces = ["İstanbul", "istanbul", "Kelvin", "\u212aelvin", "kelvin", "O'Brien", "obrien",
              "don't", "a..b", "x.y.z", "ab.'c", "’tis", "Éclair", "éclair", "STRAẞE", "_k",
              "k_", "9k", "ﬁnance", "finance", "Δelta", "δelta", "running", "runs", "rUn",
              "costs", "cost", "-", "—", "...", "'", "’", ".", " ", "  ", "\n",
              "Ab'c", "A’bc", "a.bc", "aBC", "ab", "Ac", "İb", "ib", "I\u0307b", "xy", "XY", "A'bc",
              "AΣ", "aς", "aσ", "ΑΣ"]
    terms_sets = [("istanbul",), ("kelvin",), ("obrien",), ("tis",), ("éclair",), ("run",),
                  ("finance",), ("δelta",), ("b",), ("c",), ("z",), ("k",), ("cost", "straße"),
                  ("abc",), ("ib",), ("a", "xy"), ("ac", "ke"), ("aς",)]
    rng = random.Random(5)
    for _ in range(400):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "'", "."])
                       for _ in range(rng.randrange(1, 40)))
        text = " ".join(text.split())
        for words in terms_sets:
            prefix = rng.random() < 0.3
            matcher = Matcher([HighlightTerm(w, prefix=prefix) for w in words])
            expected = next((m for m in TOKEN.finditer(text) if matcher.matches(m.group())), None)
            found = _first_match(text, matcher)
            assert (found and (found.start(), found.group())) == \
                (expected and (expected.start(), expected.group())), (text, words, prefix)


def test_the_first_matching_comment_is_the_first_with_a_matching_token():
    """Only the candidate tokens of each comment are looked at: the same comment as looking at
    every token."""
    import random

    from search.highlighting import first_matching_comment

    pieces = ["Harbour", "harbours", "ha'rbour", "HARBOR", "port", "Ports", "Pörte", "o'port",
              "the", "a", "hat", "X", "’s", " ", "."]
    rng = random.Random(7)
    for _ in range(300):
        comments = [" ".join(rng.choice(pieces) for _ in range(rng.randrange(0, 6)))
                    for _ in range(rng.randrange(1, 5))]
        for words, prefix in ((("harbour",), False), (("port",), True), (("ha",), True),
                              (("a", "port"), False)):
            terms = [HighlightTerm(w, prefix=prefix) for w in words]
            matcher = Matcher(terms)
            expected = next((n for n, c in enumerate(comments, start=1)
                             if any(matcher.matches(m.group()) for m in TOKEN.finditer(c))), None)
            assert first_matching_comment(comments, terms) == expected, (comments, words)


def _snippet_of_the_joined_text(text, terms, size):
    """The snippet as it was made before only the shown part of the text was joined: the whole
    text's words joined by single spaces, then the window around the first match of that."""
    from django.utils.html import escape

    from search.highlighting import SNIPPET_CHARS, _first_match, _matcher

    text = " ".join((text or "").split())
    if not text:
        return ""
    size = size or SNIPPET_CHARS
    matcher = _matcher(tuple(terms))
    first = _first_match(text, matcher) if matcher else None
    start = 0
    if first is not None and first.start() > LEAD_CHARS:
        start = text.rfind(" ", 0, first.start() - LEAD_CHARS) + 1
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start + size // 2, end)
        end = space if space > 0 else end
    parts, position = ["… " if start > 0 else ""], start
    for match in TOKEN.finditer(text, start, end) if first is not None else ():
        if matcher.matches(match.group()):
            parts += [escape(text[position:match.start()]), f"<mark>{escape(match.group())}</mark>"]
            position = match.end()
    parts.append(escape(text[position:end]))
    return "".join(parts) + (" …" if end < len(text) else "")


def test_a_snippet_is_made_as_if_the_whole_text_were_joined_first():
    """Only the text up to the window's end has its whitespace runs joined into spaces: the
    same snippet as joining all of it, whatever the runs (newlines, tabs, no-break spaces,
    long runs before or after the match, at either end)."""
    import random

    for text in ["\n" * 500 + "x" * 100 + " harbour", " " * 400 + "x " * 60 + "harbour",
                 "a" + " " * 400 + "x" * 100 + " harbour", "x" * 400 + " harbour"]:
        terms = [HighlightTerm("harbour")]
        assert str(snippet(text, terms)) == _snippet_of_the_joined_text(text, terms, None)
    rng = random.Random(11)
    words = ["the", "harbour", "Harbours", "port", "état", "x" * 30, "<b>", "a.b", "’s", "&"]
    spaces = [" ", " ", " ", "\n\n", "\t", "\xa0", " " * 40, "\n" * 300, "\u2003"]
    for _ in range(1500):
        count = rng.choice([0, 1, 3, 20, 60, 200, 900])
        text = "".join(rng.choice(spaces) * rng.choice([0, 1, 1, 1, 2]) + rng.choice(words)
                       for _ in range(count))
        text += rng.choice(["", " ", "\n" * 500])
        terms = [HighlightTerm(t, prefix=rng.random() < 0.2)
                 for t in rng.sample(["harbour", "port", "etat", "zebra"], rng.randrange(0, 3))]
        size = rng.choice([None, 20, 260, 1])
        kwargs = {"size": size} if size else {}
        assert str(snippet(text, terms, **kwargs)) == _snippet_of_the_joined_text(
            text, terms, size), (text, terms, size)
