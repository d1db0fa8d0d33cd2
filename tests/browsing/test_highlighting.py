"""Which words of a query are marked, and that marking never lets text become markup."""

from search.highlighting import highlight, query_terms, snippet, terms_pattern


def test_query_terms_drop_operators_exclusions_and_field_prefixes():
    assert query_terms('harbour AND "old pier" -ferry headline:vote OR x') == [
        "old pier", "harbour", "vote"
    ]
    assert query_terms("") == []


def test_highlight_marks_whole_words_only():
    html, count = highlight("Harbours, harbour; harbourmaster.", terms_pattern(["harbour"]))
    assert count == 2
    assert str(html) == (
        '<mark class="hit" id="match-0" data-match="0">Harbours</mark>, '
        '<mark class="hit" id="match-1" data-match="1">harbour</mark>; harbourmaster.'
    )


def test_highlight_escapes_everything_around_and_inside_marks():
    html, _ = highlight('<img src=x onerror="a">img', terms_pattern(["img"]))
    assert "<img" not in str(html)
    assert str(html).startswith('&lt;<mark class="hit" id="match-0" data-match="0">img</mark>')


def test_snippet_starts_near_the_first_match():
    before = " ".join(f"w{i}" for i in range(100))
    text = before + " harbour " + " ".join("z" * 5 for _ in range(50))
    piece = snippet(text, "harbour", words=20)
    assert piece.startswith("… w92 ") and "harbour" in piece and piece.endswith(" …")
    assert snippet("Short text.", "absent") == "Short text."
