"""Curators of each role, and a client logged in as each."""

import shutil

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from archive.models import Article
from tests.helpers import SEED_FILES, run_command


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("chief", "chief@example.org", "x-unused-x")


@pytest.fixture
def editor(db):
    user = User.objects.create_user("eddie", "eddie@example.org", "editor-pass-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def viewer(db):
    user = User.objects.create_user("vera", "vera@example.org", "viewer-pass-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Viewer"))
    return user


@pytest.fixture
def as_superuser(superuser):
    return _client(superuser)


@pytest.fixture
def as_editor(editor):
    return _client(editor)


@pytest.fixture
def as_viewer(viewer):
    return _client(viewer)


def seed(prefix: str) -> Article:
    """A seed article by the number its file name starts with, e.g. ``seed("002")``."""
    return Article.objects.get(file_name__startswith=f"{prefix}_")


@pytest.fixture
def seeded(sources, tmp_path):
    """The five seed files as scraped, without the sidecars the shipped corpus gives four of
    them: curation is about articles whose date, outlet or headline the raw text lacks."""
    folder = tmp_path / "as-scraped"
    folder.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, folder / path.name)
    run = run_command("ingest", str(folder))
    assert run.ok, run.stderr
    return run
