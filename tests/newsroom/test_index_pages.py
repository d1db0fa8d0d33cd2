"""The story and entity indexes of the header (issue 14), and entity pages that lead to the
search filtered on the entity. Hidden articles count nowhere."""

import re

import pytest

from archive.models import Article
from newsroom.models import Entity, Story

pytestmark = pytest.mark.django_db


def test_the_entity_index_lists_entities_by_public_articles(client, seeded):
    html = client.get("/entities/").content.decode()
    listed = re.findall(r'<li><a href="/entities/(\d+)/[^"]+">([^<]+)</a>', html)
    assert listed, "entities are listed"
    barack = Entity.objects.get(name="Barack Obama")
    assert (str(barack.pk), "Barack Obama") in listed
    assert "Obama</a>" not in html.replace("Barack Obama</a>", "")  # joined, not listed twice
    people = client.get("/entities/?kind=person").content.decode()
    assert "American Civil Liberties Union" not in people and "Barack Obama" in people
    assert client.get("/entities/?kind=nonsense").status_code == 404


def test_the_entity_page_links_to_its_search(client, seeded):
    barack = Entity.objects.get(name="Barack Obama")
    html = client.get(barack.get_absolute_url()).content.decode()
    link = re.search(r'<a href="(/search/\?person=[^"]+)">Search them</a>', html)
    assert link and link.group(1) == "/search/?person=Barack%20Obama"
    assert "also written Obama" in html  # the alias, as written (not capitalised)


def test_the_story_index_lists_stories_told_more_than_once(client, seeded):
    story = Story.objects.with_public_size().filter(public_size__gt=1).get()
    html = client.get("/stories/").content.decode()
    assert story.get_absolute_url() in html and f"{story.public_size} versions" in html
    for member in story.public_members():
        member.status = Article.Status.HIDDEN
        member.save()
    assert story.get_absolute_url() not in client.get("/stories/").content.decode()
