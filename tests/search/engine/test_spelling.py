"""Spelling suggestions (``search.engine.spelling``): each segment's word list read once (from
the file written beside it) and kept in a bounded cache, one look-up per unknown word, none for
known words, and never a word that only deleted (hidden or merged) documents hold, although
Whoosh keeps their words until a merge."""

from __future__ import annotations

import pytest
from haystack import connections
from haystack.query import SearchQuerySet

from search.engine import spelling, words
from tests.factories import make_article
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
    original = spelling.Speller.near
    monkeypatch.setattr(spelling.Speller, "near", lambda self, searcher, field, word:
                        looked_up.append(word) or original(self, searcher, field, word))
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


def _segment_ids(backend) -> list[str]:
    with backend.index.refresh().searcher() as searcher:
        return [sub.reader().segment().segment_id() for sub, _ in searcher.leaf_searchers()]


def test_each_segments_words_are_read_once_and_a_new_generation_reads_only_its_new_segment(
        index, monkeypatch):
    cache = words.WordCache()
    monkeypatch.setattr(index, "speller", spelling.Speller(cache))
    read = []
    original = words.load
    monkeypatch.setattr(words, "load", lambda storage, segment_id, reader, field:
                        read.append(segment_id) or original(storage, segment_id, reader, field))
    assert suggestion("budgte") == "budget"
    first = _segment_ids(index)
    assert sorted(read) == sorted(first) and len(first) == 2
    # Whoosh's own commit wrote these segments: their files were written on first use
    for segment_id in first:
        assert index.storage.file_exists(words.file_name(segment_id, "spell_text"))
    suggestion("hospitl")
    assert len(read) == 2  # kept
    S.build_index(50, segments=1, delete_every=0, seed=2)  # a new generation: one more segment
    index.index = index.index.refresh()
    assert suggestion("budgte") == "budget"
    assert sorted(read) == sorted(_segment_ids(index))  # only the new segment was read


def test_a_new_process_reads_the_file_not_the_lexicon(index, monkeypatch):
    assert suggestion("budgte") == "budget"  # the files are written
    monkeypatch.setattr(index, "speller", spelling.Speller(words.WordCache()))
    monkeypatch.setattr(words, "from_lexicon", lambda *args: pytest.fail("lexicon read"))
    assert suggestion("budgte") == "budget"
    assert suggestion("hospitl nurses") == "hospital nurses"


def test_the_word_cache_is_bounded(index, monkeypatch):
    cache = words.WordCache(max_bytes=1)
    monkeypatch.setattr(index, "speller", spelling.Speller(cache))
    assert suggestion("budgte") == "budget"
    assert len(cache) == 1  # the segments' lists do not fit: only the last one read is kept
    roomy = words.WordCache()
    monkeypatch.setattr(index, "speller", spelling.Speller(roomy))
    suggestion("budgte")
    assert len(roomy) == 2 and 0 < roomy.nbytes <= roomy.max_bytes


def test_a_commit_writes_the_new_segments_word_files(db, on_commit):
    backend = connections["default"].get_backend()
    backend.setup()
    with on_commit():
        make_article(title="Quokka census", body="The quokka census counted islands.")
    ids = _segment_ids(backend)
    assert ids
    for segment_id in ids:
        assert backend.storage.file_exists(words.file_name(segment_id, "spell_text"))
        handle = backend.storage.open_file(words.file_name(segment_id, "spell_text"))
        listed = words.SegmentWords.decode(handle.read())
        handle.close()
        assert "quokka" in listed.by_length[6]


@pytest.mark.parametrize("maxdist,prefix", [(1, 0), (2, 0), (1, 1), (2, 2), (3, 0)])
def test_a_segments_words_within_edits_are_whooshs(maxdist, prefix):
    backend = S.build_index(400, segments=2, delete_every=0)
    typos = [w[:-1] for w in S.WORDS[:30]] + [w[1:] + "x" for w in S.WORDS[30:60]] + \
        ["zorblaxiam", "a", "ab", "budget", "tx", "xyzzyq"]
    with backend.index.searcher() as searcher:
        for sub, _ in searcher.leaf_searchers():
            reader = sub.reader()
            listed = words.from_lexicon(reader, "spell_text")
            for word in (w for w in typos if len(w) >= prefix):  # else Whoosh raises
                ours = {w for w, _ in listed.within(word, maxdist, prefix)}
                assert ours == set(reader.terms_within("text", word, maxdist, prefix)), word
