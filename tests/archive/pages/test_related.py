"""“Related coverage” on the article page: the index's more-like-this, public articles only."""

import re

import pytest
from django.core.management import call_command

from archive.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

FERRY = ("The ferry operator cancelled crossings after the storm damaged the harbour pier. "
         "Passengers were stranded as the ferry operator inspected the storm damage.")


def related_titles(html: str) -> list[str]:
    section = re.search(r'<section class="related".*?</section>', html, re.S)
    return re.findall(r'<li><a href="[^"]+">(.*?)</a>', section.group(0)) if section else []


@pytest.fixture
def stories(db):
    main = make_article("Storm stops ferries", FERRY)
    twin = make_article("Ferry crossings cancelled after storm", FERRY + " Crossings resume.")
    cousin = make_article("Storm damage at the pier", "The storm damaged the pier and ferry.")
    unrelated = make_article("Budget vote", "The council approved the school budget on Monday.")
    call_command("rebuild_index", interactive=False, verbosity=0)
    return main, twin, cousin, unrelated


def test_related_coverage_lists_similar_articles(client, stories):
    main, twin, cousin, unrelated = stories
    titles = related_titles(client.get(main.get_absolute_url()).content.decode())
    assert titles[0] == twin.title
    assert main.title not in titles and unrelated.title not in titles


def test_hidden_and_merged_articles_are_never_related(client, stories):
    main, twin, cousin, _ = stories
    Article.objects.filter(pk=twin.pk).update(status=Article.Status.HIDDEN)  # index not updated
    Article.objects.filter(pk=cousin.pk).update(merged_into=main)
    html = client.get(main.get_absolute_url()).content.decode()
    assert twin.title not in html and cousin.title not in html


def test_without_an_index_the_page_still_renders(client):
    article = make_article("Storm stops ferries", FERRY)  # never indexed: the index is empty
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Related coverage" not in response.content.decode()
