"""The query language's parser and repairs, in pure Python (no database, no index)."""

import pytest

from search.querying.language import (
    MAX_CLAUSES,
    MAX_DEPTH,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    And,
    HighlightTerm,
    Not,
    Or,
    Phrase,
    QueryTooBroad,
    Term,
    parse_query,
)


def backend(text):
    return parse_query(text).backend_query


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Sessions", "Sessions"),
        ("border crossings", "border AND crossings"),
        ('"profoundly immoral"', '"profoundly immoral"'),
        ("lynch OR sessions", "lynch OR sessions"),
        ("a OR b c", "a OR (b AND c)"),
        ("(lynch OR sessions) border", "(lynch OR sessions) AND border"),
        ("border -trump", "border AND NOT trump"),
        ("border NOT trump", "border AND NOT trump"),
        ("border AND trump", "border AND trump"),
        ("NOT (a OR b)", "NOT (a OR b)"),
        ("headline:sessions", "headline:sessions"),
        ("Outlet:reuters", "outlet:reuters"),
        ('byline:"Anna Gorman"', 'byline:"Anna Gorman"'),
        ("headline:(a OR b)", "headline:a OR headline:b"),
        ("headline:(a outlet:b)", "headline:a AND outlet:b"),
        ("prosecut*", "prosecut*"),
        ("immorl~", "immorl~1"),
        ("immorl~2", "immorl~2"),
        ("immorl~9", "immorl~2"),
        ('"civil groups"~5', '"civil groups"~5'),
        ('"civil groups"~500', '"civil groups"~50'),
        ("U.S.", '"U.S."'),
        ("x-ray", '"x-ray"'),
        ("foo:bar", '"foo bar"'),
        ("+required", "required"),
        ("NOT NOT a", "a"),
        ("a && b || c", "(a AND b) OR c"),
    ],
)
def test_the_language(query, expected):
    parsed = parse_query(query)
    assert parsed.backend_query == expected
    assert parsed.notes == ()


def test_the_tree_for_a_mixed_query():
    node = parse_query('headline:"border crossing" (lynch OR sessions) -trump immig*').node
    assert node == And(
        (
            Phrase(("border", "crossing"), field="headline"),
            Or((Term("lynch"), Term("sessions"))),
            Not(Term("trump")),
            Term("immig", prefix=True),
        )
    )


def test_display_uses_implicit_and():
    assert parse_query("a b (c OR d)").display == "a b (c OR d)"


@pytest.mark.parametrize(
    ("query", "expected", "note"),
    [
        ('"profoundly immoral', '"profoundly immoral"', "unbalanced quote"),
        ('a "b c" "d', 'a AND "b c" AND "d"', "unbalanced quote"),
        ("((a b", "a AND b", "unclosed parenthesis"),
        ("a)) b", "a AND b", "unmatched closing parenthesis"),
        ("()", "", "Empty parentheses"),
        ("AND", "", "AND with nothing"),
        ("OR", "", "OR with nothing"),
        ("NOT", "", "NOT with nothing"),
        ("a AND", "a", "AND with nothing"),
        ("OR a", "a", "OR with nothing"),
        ("a OR OR b", "a OR b", "OR with nothing"),
        ("a NOT", "a", "NOT with nothing"),
        ("-", "", "no letters or digits"),
        ("a -", "a", "no letters or digits"),
        ("headline:", "", "with nothing after it"),
        ('""', "", "empty phrase"),
        ("*", "", "no letters or digits"),
        ("a*", "a", "too short for a prefix"),
        ("a\x00b\x07c\u200bd", "a AND b AND c AND d", "Control"),
    ],
)
def test_malformed_queries_are_repaired_and_say_so(query, expected, note):
    parsed = parse_query(query)
    assert parsed.backend_query == expected
    assert any(note.lower() in n.lower() for n in parsed.notes), parsed.notes


def test_a_10_kb_query_is_shortened():
    parsed = parse_query(" ".join(f"border{n}" for n in range(1500)))  # 12 kB
    assert len(parsed.raw) > 10_000
    assert parsed.backend_query.count("border") == MAX_TERMS
    assert any(str(MAX_QUERY_CHARS) in n or "too long" in n for n in parsed.notes)
    assert any(f"first {MAX_TERMS}" in n for n in parsed.notes)


def test_a_10_kb_single_word_is_shortened():
    parsed = parse_query("x" * 10_240)
    assert parsed.backend_query == "x" * MAX_QUERY_CHARS


@pytest.mark.parametrize(
    "query",
    ["(" * 5000, ")" * 5000, '"' * 5001, "NOT " * 3000, "-" * 10_000, "(a " * 3000, "a " * 5000],
)
def test_pathological_queries_never_raise(query):
    parsed = parse_query(query)
    assert isinstance(parsed.backend_query, str)
    assert parsed.backend_query.count("(") == parsed.backend_query.count(")")


def test_a_word_repeated_is_searched_once():
    assert backend("a " * 300) == "a"
    assert backend("x~ " * 40) == "x~1"
    assert backend("(a OR a OR b) a") == "(a OR b) AND a"


@pytest.mark.parametrize(
    "query",
    [
        "a:" * 5000,  # one "word" of 250 words
        '"' + "w " * (MAX_CLAUSES + 1) + '"',
        " ".join(f'"w{n} v{n}"' for n in range(MAX_CLAUSES // 2 + 1)),
    ],
)
def test_more_than_max_clauses_words_is_too_broad(query):
    with pytest.raises(QueryTooBroad, match=f"^too broad: .* more than {MAX_CLAUSES} words"):
        parse_query(query)
    # Only marking words (highlighting) keeps the first MAX_CLAUSES of them instead.
    relaxed = parse_query(query, budget=False)
    assert relaxed.backend_query.count("w") <= MAX_CLAUSES
    assert any(f"first {MAX_CLAUSES} words" in note for note in relaxed.notes)


def test_max_clauses_words_are_within_the_budget():
    parsed = parse_query('"' + "w " * MAX_CLAUSES + '"')
    assert len(parsed.node.words) == MAX_CLAUSES


def test_nesting_is_limited():
    parsed = parse_query("(" * (MAX_DEPTH + 3) + "deep" + ")" * (MAX_DEPTH + 3))
    assert "deep" in parsed.backend_query
    assert parsed.backend_query.count("(") <= MAX_DEPTH


def test_the_rendered_query_has_no_unbalanced_syntax_for_any_input():
    for query in ['a"b', "a(b", "a)b", "a:b:c", "\\", "a\\\"b", "^2", "a^2", "[a TO b]", "{x}"]:
        rendered = backend(query)
        assert rendered.count('"') % 2 == 0, (query, rendered)
        assert rendered.count("(") == rendered.count(")"), (query, rendered)
        for char in "\\^[]{}":
            assert char not in rendered, (query, rendered)


def test_lower_case_operator_words_are_words():
    assert backend("law and order") == "law AND and AND order"
    assert backend("TO be") == '"TO" AND be'


def test_highlight_terms_are_the_positive_words():
    parsed = parse_query('"profoundly immoral" prosecut* -trump NOT (wall OR fence) Sessions')
    assert parsed.highlight_terms == (
        HighlightTerm("profoundly"),
        HighlightTerm("immoral"),
        HighlightTerm("prosecut", prefix=True),
        HighlightTerm("sessions"),
    )


def test_negative_only_queries_are_flagged():
    assert parse_query("-trump").is_negative_only
    assert parse_query("NOT a -b").is_negative_only
    assert not parse_query("a -b").is_negative_only
    assert parse_query("").is_empty and parse_query(None).is_empty
