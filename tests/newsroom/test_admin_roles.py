"""Curator roles reach the stories and entities admin: Editors act, Viewers only look."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from archive.models import Article
from newsroom.models import StoryMembership

pytestmark = pytest.mark.django_db


def login(role: str) -> Client:
    user = User.objects.create_user(role.lower(), f"{role}@example.org", "x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def split_001(client: Client):
    membership = StoryMembership.objects.get(article__file_name__startswith="001_")
    url = reverse("admin:newsroom_storymembership_changelist")
    return client.post(url, {"action": "split_off", "_selected_action": [membership.pk]})


def story_of(prefix: str) -> int:
    return Article.objects.get(file_name__startswith=prefix).story_membership.story_id


def test_viewer_sees_stories_and_entities_but_cannot_split(seeded):
    viewer = login("Viewer")
    for name in ("story", "storymembership", "entity"):
        assert viewer.get(reverse(f"admin:newsroom_{name}_changelist")).status_code == 200
    before = story_of("001_")
    response = split_001(viewer)
    assert response.status_code in (200, 302, 403)
    assert story_of("001_") == before == story_of("000_")


def test_editor_can_split_a_story(seeded):
    editor = login("Editor")
    response = split_001(editor)
    assert response.status_code == 302
    assert story_of("001_") != story_of("000_")
