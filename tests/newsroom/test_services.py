"""Extraction at ingestion and the editors' decisions, through the ingest command."""

import pytest

from archive.models import Article
from newsroom.models import Entity, EntityAlias, Mention, Quote, Story
from newsroom.services import (
    add_entity_alias,
    analyse_article,
    merge_entities,
    move_article_to_story,
    rename_entity,
    split_story,
)
from tests.helpers import CORPUS, run_command

pytestmark = pytest.mark.django_db


def seed(prefix: str) -> Article:
    return Article.objects.get(file_name__startswith=prefix)


def test_ingest_groups_the_two_letter_reports_and_nothing_else(seeded):
    story = seed("000").story_membership.story
    assert story == seed("001").story_membership.story
    assert story.size == 2
    assert story.lead == seed("001")  # neither has a date: the longer one leads
    others = {seed(p).story_membership.story_id for p in ("002", "003", "004")}
    assert len(others) == 3 and story.id not in others
    assert Story.objects.count() == 4


def test_ingest_extracts_people_organisations_places_and_aliases(seeded):
    article = seed("003")
    names = set(article.mentions.values_list("entity__kind", "entity__name"))
    assert ("person", "Jeff Sessions") in names
    assert ("person", "Cecillia Wang") in names
    assert ("organisation", "American Civil Liberties Union") in names
    assert ("place", "Texas") in names
    aclu = Entity.objects.get(name="American Civil Liberties Union")
    assert EntityAlias.objects.filter(entity=aclu, name="ACLU").exists()
    # "Trump" alone in 002 is the Donald Trump the corpus knows.
    assert ("person", "Donald Trump") in set(
        seed("002").mentions.values_list("entity__kind", "entity__name")
    )


def test_ingest_extracts_quotes_with_speakers(seeded):
    quote = Quote.objects.get(article=seed("003"), text__startswith="This will be assembly")
    assert quote.speaker.name == "Cecillia Wang"
    carried = Quote.objects.filter(key__contains="criminalizing migration is profoundly immoral")
    assert {q.article.file_name[:3] for q in carried} == {"000", "001"}


def test_reingest_is_stable(seeded):
    # 000 says only "the Obama administration"; when it was ingested first, the corpus did not
    # yet know who "Obama" is. Later articles joined "Obama" to "Barack Obama", so analysing
    # 000 again finds one mention more; from then on, nothing changes.
    analyse_article(article=seed("000"))
    assert seed("000").mentions.filter(entity__name="Barack Obama").exists()
    counts = (Story.objects.count(), Entity.objects.count(), Mention.objects.count())
    analyse_article(article=seed("000"))
    analyse_article(article=seed("003"))
    assert (Story.objects.count(), Entity.objects.count(), Mention.objects.count()) == counts


def test_a_split_survives_re_extraction(seeded):
    story = seed("000").story_membership.story
    new = split_story(story=story, articles=[seed("001")])
    assert new.id != story.id and new.size == 1
    analyse_article(article=seed("001"))
    analyse_article(article=seed("000"))
    assert seed("001").story_membership.story_id == new.id
    assert seed("000").story_membership.story_id == story.id


def test_moving_an_article_into_a_story_survives_re_extraction(seeded):
    target = seed("000").story_membership.story
    old = seed("004").story_membership.story
    move_article_to_story(article=seed("004"), story=target)
    assert not Story.objects.filter(pk=old.pk).exists()  # emptied stories go
    analyse_article(article=seed("004"))
    target.refresh_from_db()
    assert target.size == 3 and seed("004").story_membership.story_id == target.id


def test_split_refuses_bad_requests(seeded):
    story = seed("000").story_membership.story
    with pytest.raises(ValueError, match="at least one article in the story"):
        split_story(story=story, articles=[seed("000"), seed("001")])
    with pytest.raises(ValueError, match="must belong"):
        split_story(story=story, articles=[seed("004")])


def test_rename_merge_and_alias_survive_re_extraction(seeded):
    sessions = Entity.objects.get(kind="person", name="Jeff Sessions")
    rename_entity(entity=sessions, name="Jefferson Beauregard Sessions")
    wang = Entity.objects.get(name="Cecillia Wang")
    aclu = Entity.objects.get(name="American Civil Liberties Union")
    merge_entities(source=wang, target=aclu)  # an editor's (odd) decision
    analyse_article(article=seed("003"))
    names = set(seed("003").mentions.values_list("entity__name", flat=True))
    assert "Jefferson Beauregard Sessions" in names and "Jeff Sessions" not in names
    assert "Cecillia Wang" not in names
    assert Quote.objects.get(text__startswith="This will be assembly").speaker == aclu
    add_entity_alias(entity=aclu, name="Century Foundation")
    analyse_article(article=seed("002"))
    names = set(seed("002").mentions.values_list("entity__name", flat=True))
    assert "Century Foundation" not in names and "American Civil Liberties Union" in names


def test_rename_refuses_empty_and_clashing_names(seeded):
    sessions = Entity.objects.get(kind="person", name="Jeff Sessions")
    with pytest.raises(ValueError, match="empty"):
        rename_entity(entity=sessions, name="  ")
    with pytest.raises(ValueError, match="merge them instead"):
        rename_entity(entity=sessions, name="Donald Trump")


def test_intelligence_can_be_switched_off_at_ingest(settings, sources):
    settings.CLIPPINGS_INTELLIGENCE_AT_INGEST = False
    assert run_command("ingest", str(CORPUS)).ok
    assert not Story.objects.exists() and not Mention.objects.exists()


def test_the_index_fields_of_a_batch_are_each_articles_own_and_leave_merged_entities_out(
        seeded):
    from newsroom.queries import index_fields, index_fields_for

    article = seed("003")
    wang = Entity.objects.get(name="Cecillia Wang")
    aclu = Entity.objects.get(name="American Civil Liberties Union")
    # merged, with its mentions left in place (as an import could leave them)
    Entity.objects.filter(pk=wang.pk).update(merged_into=aclu)
    articles = list(Article.objects.order_by("pk"))
    batch = index_fields_for(articles)
    assert batch == {a.pk: index_fields(a) for a in articles}
    assert "Cecillia Wang" not in batch[article.pk]["people"]
    assert "Jeff Sessions" in batch[article.pk]["people"]
    assert "American Civil Liberties Union" in batch[article.pk]["organisations"]
