"""Fixtures for the search page: the seed corpus (or made-up articles) in the test index."""

import html
import re

import pytest

from archive.models import Article
from tests import factories


@pytest.fixture
def make_article(db, django_capture_on_commit_callbacks):
    """``tests.factories.make_article``, indexed at once as after ingest's commit:
    ``make_article(title=…, body=…, source="Outlet name", …)``."""

    def make(*args, **kwargs) -> Article:
        with django_capture_on_commit_callbacks(execute=True):
            return factories.make_article(*args, **kwargs)

    return make


RESULT_LINK = re.compile(r'<h3 class="card-title"><a href="([^"]+)">')


class Page:
    """A search page fetched through HTTP, with what tests look at."""

    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        self.html = response.content.decode()

    @property
    def links(self) -> list[str]:
        """The result links, in order, without the ``?q=`` that carries the search's words to
        the article page (for its highlighting)."""
        return [
            re.sub(r"\?[^#]*", "", html.unescape(u)) for u in RESULT_LINK.findall(self.html)
        ]

    @property
    def total(self) -> int:
        return self.response.context["total"]

    def facet(self, param: str) -> dict[str, int]:
        """{value: count} of one facet as shown."""
        for group in self.response.context["groups"]:
            if group.param == param:
                return {v.value: v.count for v in group.values + group.more}
        return {}

    def facet_value(self, param: str, value: str):
        for group in self.response.context["groups"]:
            for item in group.values + group.more:
                if group.param == param and item.value == value:
                    return item
        raise AssertionError(f"{param}={value} is not shown")


@pytest.fixture
def search(client):
    """``search(q=…, outlet=[…], …)`` or ``search("?raw=query")`` → a ``Page``."""

    def get(raw: str | None = None, **params) -> Page:
        if raw is not None:
            return Page(client.get("/search/" + raw))
        return Page(client.get("/search/", params))

    return get


@pytest.fixture
def newsroom(make_article):
    """Five made-up articles with known words, outlets, dates and bylines (see each test)."""
    import datetime as dt

    return {
        "a1": make_article(
            title="Senate passes border bill",
            body="The senate passed the border security bill, a budget item, on Tuesday.",
            source="Reuters", published=dt.date(2018, 3, 5), byline="Ann Lee",
        ),
        "a2": make_article(
            title="Governor vetoes budget",
            body="The governor vetoed the state budget, citing border costs. "
            "Immigration policy was debated.",
            source="Los Angeles Times", published=dt.date(2018, 4, 10), byline="Bob Ray",
        ),
        "a3": make_article(
            title="Budget talks resume",
            body="Lawmakers resumed budget talks. The prosecution of immigrants continued.",
            source="Reuters", published=dt.date(2017, 11, 20), byline="Ann Lee and Bob Ray",
            comments=["I think this is treason", "Great budget news"],
        ),
        "a4": make_article(
            title="Wall funding debate",
            body="Funding for the wall and for border agents was debated in the senate.",
            source="The Washington Times", published=dt.date(2019, 1, 15),
        ),
        "a5": make_article(
            title="Courts weigh asylum",
            body="Judges weighed asylum claims near the border crossing at night.",
        ),
    }


def urls(*articles) -> list[str]:
    return sorted(a.get_absolute_url() for a in articles)
