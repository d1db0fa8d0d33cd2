"""The scoring of parsed pages against labels (pure Python, no parser, no database)."""

from __future__ import annotations

import pytest

from archive.parsing import scoring


def _truth(**fields):
    return scoring.Truth(**{"name": "page", "url": "https://www.cnn.com/x", **fields})


def test_passages_are_compared_whitespace_normalised_and_case_folded():
    truth = _truth(with_=("The  Council\nvoted", "never here"), without=("SIGN IN", "Menu"))
    score = scoring.score_page(truth, body="the council voted today.\n\nSign   in to read",
                               headline="Budget", expected_headline=" budget ",
                               found_outlet=None, expected_outlet="cnn")
    assert score.with_missed == ("never here",) and score.with_kept == 1
    assert score.without_leaked == ("SIGN IN",) and score.without_dropped == 1
    assert score.headline_exact
    assert score.outlet == scoring.UNKNOWN


@pytest.mark.parametrize(("found", "expected", "verdict"), [
    ("cnn", "cnn", scoring.RIGHT), ("fox-news", "cnn", scoring.WRONG),
    ("cnn", None, scoring.WRONG), (None, None, scoring.UNKNOWN),
])
def test_outlet_verdicts(found, expected, verdict):
    score = scoring.score_page(_truth(), body="", headline="", expected_headline="",
                               found_outlet=found, expected_outlet=expected)
    assert score.outlet == verdict


def test_summary_percentages_and_known_outlets():
    scores = [
        scoring.score_page(_truth(with_=("a", "b"), without=("x",)), body="a x", headline="H",
                           expected_headline="H", found_outlet="cnn", expected_outlet="cnn"),
        scoring.score_page(_truth(with_=("c",), without=("y", "z")), body="", headline="",
                           expected_headline="T", found_outlet="bbc", expected_outlet=None),
    ]
    summary = scoring.summarise(scores)
    assert summary.with_kept_percent == pytest.approx(100 / 3)
    assert summary.without_dropped_percent == pytest.approx(200 / 3)
    assert summary.headline_percent == 50
    assert summary.outlets == {scoring.RIGHT: 1, scoring.WRONG: 1, scoring.UNKNOWN: 0}
    assert (summary.known_outlet_pages, summary.known_outlet_right) == (1, 1)
    assert scoring.summarise([]).with_kept_percent is None
    assert scoring.page_errors(scores[1]) == [
        "lost (with): 'c'", "headline: '', expected 'T'", "outlet: bbc, expected none"]


def test_domains_map_to_outlets():
    domains = {"cnn": ("cnn.com",), "bbc": ("bbc.co.uk", "bbc.com")}
    assert scoring.url_domain("https://edition.cnn.com/2020/x") == "edition.cnn.com"
    assert scoring.outlet_for_domain("edition.cnn.com", domains) == "cnn"
    assert scoring.outlet_for_domain(scoring.url_domain("http://www.bbc.com/news"), domains) \
        == "bbc"
    assert scoring.outlet_for_domain("notcnn.com", domains) is None
    assert scoring.url_domain("hard::page.html") == ""


def test_truth_files_and_halves():
    lines = ['{"name": "b", "url": "u", "with": ["x"], "without": []}', "",
             '{"name": "a", "with": [], "without": ["y"]}', '{"name": "c"}']
    truths = scoring.read_truth(lines)
    assert [t.name for t in truths] == ["b", "a", "c"]
    halves = scoring.halves(truths)
    assert [t.name for t in halves["even"]] == ["a", "c"]
    assert [t.name for t in halves["odd"]] == ["b"]
    thirds = scoring.thirds(truths)
    assert [t.name for t in thirds["first"]] == ["a", "b"]
    assert [t.name for t in thirds["last"]] == ["c"]
    for bad, reason in [("{nope", "not JSON"), ("[1]", "expected an object"),
                        ('{"name": "a", "with": "x"}', '"with" must be a list')]:
        with pytest.raises(scoring.TruthError, match=reason):
            scoring.read_truth([bad])


def test_expected_headline_is_the_first_line():
    assert scoring.expected_headline("\n\n  Title here \n\nBody") == "Title here"
    assert scoring.expected_headline("") == ""
