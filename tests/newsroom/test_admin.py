"""Editors' decisions in the admin: split and move stories, merge, rename and alias entities;
re-extraction (re-ingesting the files) keeps every one of them."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from archive.models import Article
from newsroom.models import Entity, EntityAlias, Story, StoryMembership
from newsroom.services import analyse_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, seeded):
    user = User.objects.create_superuser("chief", "chief@example.org", "x-unused-x")
    client.force_login(user)
    return client


def seed(prefix: str) -> Article:
    return Article.objects.get(file_name__startswith=prefix)


def reextract_all():
    for article in Article.objects.all():
        analyse_article(article=article)


def action(client, model, name, ids, **extra):
    url = reverse(f"admin:newsroom_{model}_changelist")
    return client.post(url, {"action": name, "_selected_action": ids, **extra}, follow=True)


def test_admin_pages_render(admin):
    story = seed("000").story_membership.story
    entity = Entity.objects.get(name="Jeff Sessions")
    for url in (
        reverse("admin:newsroom_story_changelist"),
        reverse("admin:newsroom_story_change", args=[story.pk]),
        reverse("admin:newsroom_storymembership_changelist") + f"?story__id__exact={story.pk}",
        reverse("admin:newsroom_entity_changelist") + "?q=ACLU",
        reverse("admin:newsroom_entity_change", args=[entity.pk]),
    ):
        assert admin.get(url).status_code == 200, url


def test_split_a_story_in_the_admin_and_reextraction_keeps_it(admin):
    story = seed("000").story_membership.story
    membership = StoryMembership.objects.get(article=seed("001"))
    response = action(admin, "storymembership", "split_off", [membership.pk])
    assert "Split off into story" in response.content.decode()
    reextract_all()
    assert seed("001").story_membership.story_id != story.pk
    assert seed("000").story_membership.story_id == story.pk


def test_split_refuses_to_empty_a_story_with_a_message(admin):
    ids = list(
        StoryMembership.objects.filter(article__in=[seed("000"), seed("001")]).values_list(
            "pk", flat=True
        )
    )
    response = action(admin, "storymembership", "split_off", ids)
    assert "at least one article in the story" in response.content.decode()


def test_move_an_article_between_stories_and_reextraction_keeps_it(admin):
    target = seed("000").story_membership.story
    membership = StoryMembership.objects.get(article=seed("004"))
    page = action(admin, "storymembership", "move_to_story", [membership.pk])
    assert "Move to story number" in page.content.decode()
    bad = action(
        admin, "storymembership", "move_to_story", [membership.pk], apply="Move", story="999999"
    )
    assert "Select a valid choice" in bad.content.decode()
    done = action(
        admin, "storymembership", "move_to_story", [membership.pk], apply="Move",
        story=str(target.pk),
    )
    assert "Moved 1 article" in done.content.decode()
    reextract_all()
    assert seed("004").story_membership.story_id == target.pk
    target.refresh_from_db()
    assert target.size == 3


def test_editing_a_story_title_locks_it(admin):
    story = seed("000").story_membership.story
    admin.post(reverse("admin:newsroom_story_change", args=[story.pk]), {
        "title": "The letter to the Attorney General",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    })
    reextract_all()
    story.refresh_from_db()
    assert story.title == "The letter to the Attorney General" and story.title_locked


def test_merge_entities_in_the_admin_and_reextraction_keeps_it(admin):
    lynch = Entity.objects.get(name="Loretta Lynch")
    sessions = Entity.objects.get(name="Jeff Sessions")
    page = action(admin, "entity", "merge_entities", [lynch.pk, sessions.pk])
    assert "Merge entities" in page.content.decode()
    done = action(
        admin, "entity", "merge_entities", [lynch.pk, sessions.pk], apply="Merge",
        target=str(sessions.pk),
    )
    assert "Merged 1 into" in done.content.decode()
    reextract_all()
    names = set(seed("000").mentions.values_list("entity__name", flat=True))
    assert "Jeff Sessions" in names and "Loretta Lynch" not in names


def test_rename_and_alias_in_the_admin_and_reextraction_keeps_them(admin):
    sessions = Entity.objects.get(name="Jeff Sessions")
    url = reverse("admin:newsroom_entity_change", args=[sessions.pk])
    aliases = list(sessions.aliases.all())
    data = {
        "name": "Jefferson B. Sessions",
        "aliases-TOTAL_FORMS": str(len(aliases) + 1),
        "aliases-INITIAL_FORMS": str(len(aliases)),
        "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000",
    }
    for i, alias in enumerate(aliases):
        data |= {f"aliases-{i}-id": alias.pk, f"aliases-{i}-entity": sessions.pk,
                 f"aliases-{i}-name": alias.name}
    n = len(aliases)
    data |= {f"aliases-{n}-name": "Sessions of Alabama", f"aliases-{n}-entity": sessions.pk}
    response = admin.post(url, data, follow=True)
    assert response.status_code == 200 and "was changed successfully" in response.content.decode()
    reextract_all()
    sessions.refresh_from_db()
    assert sessions.name == "Jefferson B. Sessions"
    assert EntityAlias.objects.filter(entity=sessions, name="Jeff Sessions").exists()
    assert EntityAlias.objects.get(name="Sessions of Alabama").by_editor
    assert "Jefferson B. Sessions" in set(
        seed("003").mentions.values_list("entity__name", flat=True)
    )


def test_renaming_onto_another_entity_is_refused_with_a_message(admin):
    sessions = Entity.objects.get(name="Jeff Sessions")
    response = admin.post(
        reverse("admin:newsroom_entity_change", args=[sessions.pk]),
        {"name": "Donald Trump", "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200 and "merge the two instead" in response.content.decode()
    assert Story.objects.exists()  # nothing else touched
