"""``config.permalinks.PathTemplate``: the same paths as ``reverse``, for any value and script
prefix, with ``reverse``'s errors for values its converters refuse."""

import random

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from config.paths import PathTemplate

VALUES = ["a", "ab-c_9", "7", "007", "", "é", "a b", "a/b", "x%2F", "?q", "#", "a.b", "-", "_",
          "A" * 300, "Δ", 0, 12, -3, None, True, "日本"]


def _both(name, template, kwargs):
    try:
        expected = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            template(**kwargs)
        return None
    assert template(**kwargs) == expected, kwargs
    return expected


@pytest.mark.parametrize("prefix", ["/", "/sub/path/"])
def test_the_same_paths_as_reverse(prefix):
    article = PathTemplate("archive:article", pk=PathTemplate.INT, slug=PathTemplate.SAFE)
    source = PathTemplate("archive:source", slug=PathTemplate.SAFE)
    rng = random.Random(3)
    set_script_prefix(prefix)
    try:
        found = 0
        for _ in range(400):
            pk, slug = rng.choice(VALUES), rng.choice(VALUES)
            found += _both("archive:article", article, {"pk": pk, "slug": slug}) is not None
            _both("archive:source", source, {"slug": slug})
        assert found > 30
        assert article(pk=12, slug="a-b").startswith(prefix)
    finally:
        set_script_prefix("/")
    assert article(pk=12, slug="a-b") == "/articles/12/a-b/"  # the prefix of now


def test_a_stand_in_that_is_not_found_once_falls_back_to_reverse(monkeypatch):
    source = PathTemplate("archive:source", slug=PathTemplate.SAFE)
    monkeypatch.setattr(source, "_stand_ins", lambda: {"slug": "sources"})  # twice in the path
    assert source(slug="x") == reverse("archive:source", kwargs={"slug": "x"})
    assert set(source._parts.values()) == {None}


NAMES = ["archive:home", "search:search", "archive:sources", "newsroom:stories", "login",
         "search:search-help", "search:saved-searches", "search:attention", "search:search-feed"]


@pytest.mark.parametrize("prefix", ["/", "/sub path/"])
def test_fixed_paths_and_the_path_tag_as_reverse_and_the_url_tag(prefix):
    from django.template import Context, Template

    from config.paths import fixed_path

    set_script_prefix(prefix)
    try:
        for name in NAMES:
            assert fixed_path(name) == reverse(name)
            source = "{% load paths %}{% path '" + name + "' %}|{% url '" + name + "' %}"
            tag, url = Template(source).render(Context()).split("|")
            assert tag == url
        for param in ("outlet", "year", "a b"):
            assert fixed_path("search:facet-values", param) == reverse(
                "search:facet-values", args=[param])
        with pytest.raises(NoReverseMatch):
            fixed_path("search:facet-values", "a/b")
    finally:
        set_script_prefix("/")


def test_a_fixed_path_follows_a_new_url_conf(settings):
    from django.urls import clear_url_caches, path

    from config.paths import fixed_path

    assert fixed_path("search:search") == "/search/"
    settings.ROOT_URLCONF = type("URLs", (), {"urlpatterns": [
        path("elsewhere/", lambda request: None, name="elsewhere")]})
    clear_url_caches()
    try:
        assert fixed_path("elsewhere") == "/elsewhere/"
        with pytest.raises(NoReverseMatch):
            fixed_path("search:search")
    finally:
        settings.ROOT_URLCONF = "config.urls"
        clear_url_caches()
    assert fixed_path("search:search") == "/search/"
