""""Did you mean …" never reveals a word that only a hidden or merged article holds (issue 13),
through the search page: hide, merge and un-hide, with misspellings of a unique word, of its
inflections, and of a word in the hidden article's reader comments.

The spelling word list keeps unstemmed words, and Whoosh keeps a deleted document's words until
a merge; a candidate is only suggested when a public document holds it. Checking the candidate's
*stem* is not enough: "quintrevoring" stems to "quintrevor", which a public article holds, while
the word "quintrevoring" itself is only in the hidden one."""

import pytest

from archive.curation import merge, status
from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

# misspelling typed -> the word only the secret article holds
SECRET_ONLY = {
    "flumbervicks": "flumberwicks",  # unique, in no public article
    "flumberwik": "flumberwick",
    "quintrevorimg": "quintrevoring",  # an inflection whose stem a public article holds
    "quintrevorizm": "quintrevorism",
    "zephyrquil": "zephyrquill",  # in the secret article's reader comments
}


@pytest.fixture
def articles(db, django_capture_on_commit_callbacks):
    """Indexed together, so that they share a segment: hiding or merging the secret one (the
    kept article is re-indexed elsewhere) leaves the segment, with the bystander and the
    secret article's words in Whoosh's term dictionary, in place."""
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(title="Bystander", body="Nothing to see in the harbour.")
        public = factories.make_article(
            title="The quintrevor report", body="The quintrevor report was published on Monday.",
            source="Reuters",
        )
        secret = factories.make_article(
            title="Leaked memo",
            body="The flumberwicks met in secret. One flumberwick spoke of quintrevoring and "
            "quintrevorism.",
            source="Reuters",
            comments=["A reader wrote zephyrquill here"],
        )
    return public, secret


@pytest.fixture
def curate(django_capture_on_commit_callbacks):
    """Run a curation service and the index writes its commit triggers, as the admin does."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


def suggestions(search) -> dict[str, str | None]:
    found = {}
    for typed in SECRET_ONLY:
        page = search(q=typed)
        assert page.status == 200
        found[typed] = page.response.context["suggestion"]
    return found


def leaked(search) -> list[tuple[str, str]]:
    """(typed, suggestion) pairs whose suggestion holds a word only the secret article has."""
    return [
        (typed, suggestion) for typed, suggestion in suggestions(search).items()
        if suggestion and set(suggestion.lower().split()) & set(SECRET_ONLY.values())
    ]


def test_a_public_articles_words_are_suggested(search, articles):
    """The test below can fail: while the article is public, each word is suggested."""
    assert suggestions(search) == SECRET_ONLY


def test_a_hidden_articles_words_are_never_suggested_and_come_back_when_published(
    search, articles, curate
):
    _, secret = articles
    curate(status.hide, articles=Article.objects.filter(pk=secret.pk), reason="legal")
    assert leaked(search) == []
    page = search(q="quintrevorimg")
    assert "quintrevoring" not in page.html
    curate(status.publish, articles=Article.objects.filter(pk=secret.pk))
    assert suggestions(search) == SECRET_ONLY


def test_a_merged_articles_words_are_never_suggested(search, articles, curate):
    public, secret = articles
    curate(merge.merge_into, articles=Article.objects.filter(pk=secret.pk), kept=public)
    assert leaked(search) == []
