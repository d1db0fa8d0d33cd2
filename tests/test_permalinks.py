"""``config.permalinks.PathTemplate``: the same paths as ``reverse``, for any value and script
prefix, with ``reverse``'s errors for values its converters refuse."""

import random

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from config.permalinks import PathTemplate

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
