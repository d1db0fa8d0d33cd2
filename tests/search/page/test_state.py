"""The page's links and facet lists, in pure Python over GET parameters."""

from search.querying.state import (
    MORE_VALUES,
    TOP_VALUES,
    SearchState,
    active_filters,
    facet_groups,
)


def state(*pairs):
    return SearchState(list(pairs))


def test_links_add_remove_and_exclude_values_and_drop_the_page():
    s = state(("q", "border"), ("outlet", "Reuters"), ("page", "3"))
    assert s.with_value("outlet", "AP") == "?q=border&outlet=Reuters&outlet=AP"
    assert s.without("outlet", "Reuters") == "?q=border"
    assert s.excluding("outlet", "Reuters") == "?q=border&not_outlet=Reuters"
    assert state(("not_outlet", "AP")).with_value("outlet", "AP") == "?outlet=AP"
    assert s.page_url(2) == "?q=border&outlet=Reuters&page=2"
    assert s.page_url(1) == "?q=border&outlet=Reuters"
    assert s.with_only("q", "bordr") == "?outlet=Reuters&q=bordr"
    assert state(("q", "a&b=c#d")).url() == "?q=a%26b%3Dc%23d"


def test_a_long_facet_is_cut_and_says_how_much():
    counts = {"byline": [(f"Author {n:03d}", 500 - n) for n in range(200)]}
    params = {"byline": ["Author 199"]}
    (group,) = [g for g in facet_groups(params, counts, state()) if g.param == "byline"]
    assert len(group.values) == TOP_VALUES + 1  # the selected one is always shown
    assert group.values[-1].value == "Author 199" and group.values[-1].selected
    assert len(group.more) == MORE_VALUES
    assert group.left_out == 200 - TOP_VALUES - MORE_VALUES - 1


def test_years_newest_first_months_in_order_labels_readable():
    counts = {"year": [("2017", 5), ("2019", 1), ("2018", 9)],
              "month": [("2018-04", 2), ("2018-03", 7), ("2017-01", 5)],
              "kind": [("article", 3), ("comments", 1)]}
    groups = {g.param: g for g in facet_groups({"year": ["2018"]}, counts, state())}
    assert [v.value for v in groups["year"].values] == ["2019", "2018", "2017"]
    assert [v.label for v in groups["month"].values] == ["March 2018", "April 2018"]
    assert [v.label for v in groups["kind"].values] == ["Articles", "Reader comments"]


def test_filters_in_force():
    import datetime as dt

    params = {"outlet": ["Reuters"], "not_year": ["2016"], "from": dt.date(2018, 1, 2)}
    chips = active_filters(params, state(("outlet", "Reuters"), ("not_year", "2016"),
                                         ("from", "2018-01-02")))
    assert [(c.label, c.remove_url, c.excluded) for c in chips] == [
        ("Outlet: Reuters", "?not_year=2016&from=2018-01-02", False),
        ("Year: not 2016", "?outlet=Reuters&from=2018-01-02", True),
        ("From 2018-01-02", "?outlet=Reuters&not_year=2016", False),
    ]


def test_a_value_added_to_the_encoded_parameters_equals_encoding_them_all():
    """``with_value`` / ``excluding`` append to the parameters encoded once when the value is
    neither selected nor excluded: the same URL as encoding every pair again."""
    import random
    from urllib.parse import urlencode

    rng = random.Random(3)
    keys = ["q", "outlet", "not_outlet", "year", "person", "not_person", "sort", "page"]
    values = ["Reuters", "AP", "a&b=c", "Zoë", "2018", "", "x y", "1+1/2~", "%"]
    for _ in range(300):
        pairs = [(rng.choice(keys), rng.choice(values)) for _ in range(rng.randrange(0, 6))]
        s = SearchState(pairs)
        param, value = rng.choice(["outlet", "person", "year"]), rng.choice(values[:-1])
        gone = {(param, value), (f"not_{param}", value)}
        kept = [p for p in s.pairs if p not in gone]
        for got, new in ((s.with_value(param, value), (param, value)),
                         (s.excluding(param, value), (f"not_{param}", value))):
            assert got == "?" + urlencode([*kept, new]), (pairs, param, value)
