"""Spelling suggestions (``search.engine.spelling``): a bounded word list per index generation,
one look-up per unknown word, none for known words, and never a word that only deleted (hidden
or merged) documents hold, although Whoosh keeps their words until a merge."""

from __future__ import annotations

import pytest
from haystack.query import SearchQuerySet

from search.engine import spelling
from tests.search.engine import synthetic as S


def suggestion(text: str) -> str | None:
    return SearchQuerySet().auto_query(text).spelling_suggestion(text)


@pytest.fixture
def index():
    return S.build_index(600, segments=2, delete_every=0)


def test_a_misspelt_word_gets_the_closest_live_word(index):
    assert suggestion("budgte") == "budget"
    assert suggestion("hospitl nurses") == "hospital nurses"


def test_known_words_are_not_looked_up(index, monkeypatch):
    looked_up = []
    original = spelling.WordList.near
    monkeypatch.setattr(spelling.WordList, "near",
                        lambda self, word: looked_up.append(word) or original(self, word))
    assert suggestion("budget border") is None
    assert looked_up == []
    suggestion("budget xyzzyq xyzzyq")
    assert looked_up == ["xyzzyq"]  # once, however often it is typed


def test_words_only_deleted_documents_hold_are_never_suggested(index):
    assert suggestion("zorblaxiam") == "zorblaxian"  # live: suggested
    writer = index.index.refresh().writer()
    for doc in S.documents(600):
        if "zorblaxian" in doc["text"]:
            writer.delete_by_term("id", doc["id"])
    writer.commit(merge=False)  # the words stay in Whoosh's term dictionary
    index.index = index.index.refresh()
    with index.index.searcher() as searcher:
        assert ("spell_text", b"zorblaxian") in searcher.reader()
    assert suggestion("zorblaxiam") != "zorblaxian"


def test_the_word_list_is_bounded_and_kept_per_generation(index, monkeypatch):
    monkeypatch.setattr(spelling, "MAX_WORDS", 10)
    speller = index.speller
    speller._lists.clear()
    suggestion("budgte")
    assert len(speller._lists) == 1
    (words,) = speller._lists.values()
    assert sum(len(group) for group in words.by_length.values()) == 10
    for seed in (2, 3):  # each adds a segment: a new index generation
        S.build_index(50, segments=1, delete_every=0, seed=seed)
        suggestion("budgte")
    assert len(speller._lists) == spelling.GENERATIONS
