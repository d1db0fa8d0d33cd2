"""The spelling word lists' structure (``search.engine.wordlist``) and the cheap proof that a live
document holds a word (``search.engine.live_words``): signatures never lose a word within the
edits asked for, exact lists are written only for segments built from documents, and a word a
deleted document holds is never proven by its segment's list."""

from __future__ import annotations

import random

import numpy as np
import pytest
from haystack import connections
from haystack.query import SearchQuerySet
from rapidfuzz.distance import Levenshtein
from whoosh import query as Q

from search.engine import live_words, spelling, words
from search.engine.pairs import with_pairs
from search.engine.wordlist import SegmentWords, signature, signatures
from tests.search.engine import synthetic as S

ALPHABET = "abcdeéeorstnü0-'"


def _random_words(rng: random.Random, count: int) -> list[str]:
    return sorted({"".join(rng.choices(ALPHABET, k=rng.randrange(1, 9))) for _ in range(count)})


def _every(listed: list[str], word: str, maxdist: int, prefix: int) -> set[tuple[str, int]]:
    found = set()
    for candidate in listed:
        edits = Levenshtein.distance(word, candidate)
        if edits <= maxdist and candidate.startswith(word[:prefix]):
            found.add((candidate, edits))
    return found


@pytest.mark.parametrize("maxdist,prefix", [(1, 0), (2, 0), (3, 0), (2, 1)])
def test_within_finds_what_comparing_every_word_finds(maxdist, prefix):
    rng = random.Random(maxdist * 10 + prefix)
    listed = _random_words(rng, 3000)
    segment = SegmentWords.decode(SegmentWords.from_words(listed).encode())
    typos = rng.sample(listed, 40) + _random_words(random.Random(99), 40)
    for word in typos:
        assert set(segment.within(word, maxdist, prefix)) == _every(
            listed, word, maxdist, prefix
        ), word


def test_within_orders_each_length_closest_then_alphabetical_and_limits_it():
    segment = SegmentWords.from_words(
        ["budget", "budgets", "nudget", "budgie", "fudget", "bucket", "budge", "budgte"]
    )
    found = segment.within("budgxt", 2, limit=2)
    assert found == [("budge", 2), ("budget", 1), ("budgie", 2), ("budgets", 2)]


def test_a_lengths_ascii_and_other_words_are_kept_apart_and_searched_as_one():
    segment = SegmentWords.decode(SegmentWords.from_words(["bbbé", "bbbc", "bbba", "éa"]).encode())
    assert [g.ascii for g in segment.groups[4]] == [True, False]
    assert segment.within("bbbb", 1, limit=2) == [("bbba", 1), ("bbbc", 1)]
    assert segment.within("bbbb", 1) == [("bbba", 1), ("bbbc", 1), ("bbbé", 1)]
    assert segment.by_length == {2: ["éa"], 4: ["bbba", "bbbc", "bbbé"]}
    both = segment.union(SegmentWords.from_words(["bbbd", "bbbü"]))
    assert both.by_length[4] == ["bbba", "bbbc", "bbbd", "bbbé", "bbbü"]
    assert [g.ascii for g in both.groups[4]] == [True, False]


def test_a_substitution_changes_a_signature_by_at_most_two_bits():
    assert signature("budget") == signature("budgte")  # the same letters
    assert (int(signature("budget")) ^ int(signature("bodget"))).bit_count() == 2
    assert (int(signature("aab")) ^ int(signature("ab"))).bit_count() == 1  # 'a' twice: 1 bit
    assert (int(signature("budget")) ^ int(signature("zzzzzz"))).bit_count() > 4


def test_a_list_round_trips_through_its_file_with_its_exactness():
    listed = ["naïve", "café", "cafe", "zebra", "a1", "x", "éé"]
    for exact in (True, False):
        segment = SegmentWords.from_words(listed, exact=exact)
        back = SegmentWords.decode(segment.encode())
        assert back.exact is exact
        assert sorted(w for group in back.by_length.values() for w in group) == sorted(listed)
        assert all(w in back for w in listed) and "cafè" not in back and "zebr" not in back
    # a file written before lists were marked: not exact
    old = b"\n".join([b"x", b"a1 ab", b"cafe", b"zebra"])
    assert SegmentWords.decode(old).exact is False
    assert "zebra" in SegmentWords.decode(old)


def _backend_with_built_segments(count: int, segments: int):
    """Documents written as the application writes them (``IndexWriting._write``: a segment
    built from documents, then ``commit_segments``)."""
    backend = connections["default"].get_backend()
    backend.setup()
    docs = [
        with_pairs(doc, backend.content_field_name, backend.schema) for doc in S.documents(count)
    ]
    size = -(-len(docs) // segments)
    for start in range(0, len(docs), size):
        backend._write(None, docs[start : start + size])
    backend.index = backend.index.refresh()
    return backend, docs


def _lists(backend) -> list[SegmentWords]:
    cache = words.WordCache()
    with backend.index.refresh().searcher() as searcher:
        return [cache.get(sub.reader(), "spell_text") for sub, _ in searcher.leaf_searchers()]


def test_segments_built_from_documents_have_exact_lists_and_whooshs_do_not():
    backend, _ = _backend_with_built_segments(300, 2)
    assert [listed.exact for listed in _lists(backend)] == [True, True]
    S.build_index(40, segments=1, delete_every=0, seed=3)  # Whoosh's own commit
    assert sorted(listed.exact for listed in _lists(backend)) == [False, True, True]


@pytest.fixture
def merge_two(monkeypatch):
    """Every commit merges the segments of up to 10,000 documents, two at a time."""
    from search.engine import merging

    monkeypatch.setattr(merging, "SMALLEST_TIER", 10_000)  # every segment in one tier
    monkeypatch.setattr(merging, "MERGE_FACTOR", 2)


def _prepared(backend, count: int, seed: int) -> list[dict]:
    return [
        with_pairs(doc, backend.content_field_name, backend.schema)
        for doc in S.documents(count, seed=seed)
    ]


def test_a_merge_of_exact_lists_is_exact_with_the_dropped_documents_words_as_suspects(
    merge_two, monkeypatch
):
    backend, docs = _backend_with_built_segments(300, 1)
    holders = [doc["id"] for doc in docs if "zorblaxian" in doc["text"]]
    assert holders
    added = _prepared(backend, 20, seed=5)
    assert not any("zorblaxian" in doc["text"] for doc in added)
    backend._write(Q.Or([Q.Term("id", i) for i in holders]), added)  # deletes, adds, merges
    lists = _lists(backend)
    assert len(lists) == 1 and lists[0].exact
    dropped = {w for doc in docs if doc["id"] in holders for w in doc["text"].lower().split()}
    kept = {w for doc in docs + added if doc["id"] not in holders for w in doc["text"].split()}
    assert "zorblaxian" in lists[0] and "zorblaxian" in lists[0].suspect
    assert lists[0].suspect <= dropped
    assert "hospital" in dropped and "hospital" in kept and "hospital" not in lists[0].suspect
    monkeypatch.setattr(backend, "speller", spelling.Speller(words.WordCache()))
    assert suggestion("zorblaxiam") != "zorblaxian"
    monkeypatch.setattr(live_words, "_holds", lambda *args: pytest.fail("stored text read"))
    assert suggestion("hospitl") == "hospital"


def test_a_merge_with_a_list_that_is_not_exact_is_not_exact(merge_two):
    S.build_index(40, segments=1, delete_every=0, seed=3)  # Whoosh's own commit
    backend = connections["default"].get_backend()
    backend._write(None, _prepared(backend, 20, seed=5))
    lists = _lists(backend)
    assert len(lists) == 1 and lists[0].exact is False


def suggestion(text: str) -> str | None:
    return SearchQuerySet().auto_query(text).spelling_suggestion(text)


def test_an_exact_list_proves_a_word_without_reading_a_document(monkeypatch):
    backend, _ = _backend_with_built_segments(600, 2)
    monkeypatch.setattr(live_words, "_holds", lambda *args: pytest.fail("stored text read"))
    assert suggestion("budgte") == "budget"
    assert suggestion("zorblaxiam") == "zorblaxian"


def _delete(backend, ids) -> None:
    writer = backend.index.refresh().writer()
    writer.delete_by_query(Q.Or([Q.Term("id", i) for i in ids]))
    writer.commit(merge=False)  # the deleted documents' words stay in the segment
    backend.index = backend.index.refresh()


def test_a_word_only_deleted_documents_of_an_exact_segment_hold_is_never_suggested(monkeypatch):
    backend, docs = _backend_with_built_segments(600, 2)
    assert suggestion("zorblaxiam") == "zorblaxian"
    holders = [doc["id"] for doc in docs if "zorblaxian" in doc["text"]]
    others = [doc["id"] for doc in docs if "zorblaxian" not in doc["text"]][:5]
    _delete(backend, holders + others)
    deleted = live_words.DeletedWords()
    monkeypatch.setattr(backend, "speller", spelling.Speller(words.WordCache(), deleted))
    assert all(listed.exact for listed in _lists(backend))
    assert "zorblaxian" in [w for listed in _lists(backend) for w in listed.by_length[10]]
    assert suggestion("zorblaxiam") != "zorblaxian"
    assert suggestion("budgte") == "budget"  # deleted documents hold it, live ones too
    assert deleted.reads == len(holders) + len(others)  # each deleted document read once
    suggestion("hospitl")
    assert deleted.reads == len(holders) + len(others)
    more = [doc["id"] for doc in docs if "zorblaxian" not in doc["text"]][5:8]
    _delete(backend, more)
    assert suggestion("budgte") == "budget"
    assert deleted.reads == len(holders) + len(others) + len(more)  # only the new ones read
    assert suggestion("zorblaxiam") != "zorblaxian"


@pytest.mark.parametrize("max_deleted", [0, 1000])
def test_with_too_many_deletions_to_read_a_segment_proves_nothing_but_live_text_does(
    monkeypatch, max_deleted
):
    monkeypatch.setattr(live_words, "MAX_DELETED", max_deleted)
    backend, docs = _backend_with_built_segments(600, 1)
    holders = [doc["id"] for doc in docs if "zorblaxian" in doc["text"]]
    _delete(backend, holders[1:])  # one live document still holds it
    monkeypatch.setattr(
        backend, "speller", spelling.Speller(words.WordCache(), live_words.DeletedWords())
    )
    assert suggestion("zorblaxiam") == "zorblaxian"
    _delete(backend, holders[:1])
    monkeypatch.setattr(
        backend, "speller", spelling.Speller(words.WordCache(), live_words.DeletedWords())
    )
    assert suggestion("zorblaxiam") != "zorblaxian"


def _unique_word(n: int) -> str:
    """A word of letters only, one per document ("qv" and n in base 26)."""
    letters = ""
    while True:
        n, r = divmod(n, 26)
        letters = chr(97 + r) + letters
        if not n:
            return "qv" + letters


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_word_only_deleted_documents_hold_is_ever_proven_or_held(merge_two, seed):
    """Writes with deletions, merges two at a time (exact lists with suspects) and deletions
    left in their segments, in a random order: every listed word that ``LiveWords`` proves or
    holds is a word of a live document's stored text."""
    rng = random.Random(seed)
    backend = connections["default"].get_backend()
    backend.setup()
    live_ids: list[str] = []
    next_id = 0
    for step in range(6):
        added = []
        for doc in S.documents(rng.randrange(5, 40), seed=seed * 100 + step):
            next_id += 1
            doc = dict(doc, id=f"archive.article.{next_id}", django_id=str(next_id))
            doc["text"] += f" {_unique_word(next_id)}"  # held by this document alone
            added.append(with_pairs(doc, backend.content_field_name, backend.schema))
        doomed = rng.sample(live_ids, min(len(live_ids), rng.randrange(0, 12)))
        live_ids = [i for i in live_ids if i not in doomed] + [d["id"] for d in added]
        if step % 2 and doomed:  # deleted documents left in their segments
            backend._write(None, added)
            backend.index = backend.index.refresh()
            _delete(backend, doomed)
        else:  # deleted and merged away in the commit that adds
            backend._write(Q.Or([Q.Term("id", i) for i in doomed]) if doomed else None, added)
            backend.index = backend.index.refresh()
    index = backend.index.refresh()
    with index.searcher() as searcher:
        fieldobj = searcher.schema["text"]
        readers = [sub.reader() for sub, _ in searcher.leaf_searchers()]
        held = {
            token.text
            for reader in readers
            for docnum in reader.all_doc_ids()
            for token in fieldobj.analyzer(reader.stored_fields(docnum)["text"], no_morph=True)
        }
        cache = words.WordCache()
        live = live_words.LiveWords(
            "text",
            fieldobj,
            readers,
            lambda r: cache.get(r, "spell_text"),
            live_words.DeletedWords(),
        )
        assert {d["id"] for r in readers for d in r.all_stored_fields()} == set(live_ids)
        lists = [cache.get(r, "spell_text") for r in readers]
        assert all(each.exact for each in lists) and any(each.suspect for each in lists)
        listed = {w for each in lists for group in each.by_length.values() for w in group}
        gone = {w for w in listed - held if w.startswith("qv")}
        assert gone  # words of deleted documents are still listed
        proven = {w for w in listed if live.proven(w)}
        assert proven and proven <= held
        assert not {w for w in gone if live.holds(w)}


def test_a_merge_dropping_more_documents_than_it_reads_is_not_exact(merge_two, monkeypatch):
    """Past ``MAX_DROPPED`` dropped documents a merge does not read their words: its list is
    then the merged lexicon's, not exact, and a word only they held is still never suggested."""
    monkeypatch.setattr(words, "MAX_DROPPED", 2)
    backend, docs = _backend_with_built_segments(300, 1)
    holders = [doc["id"] for doc in docs if "zorblaxian" in doc["text"]]
    assert len(holders) > 2
    backend._write(Q.Or([Q.Term("id", i) for i in holders]), _prepared(backend, 20, seed=5))
    lists = _lists(backend)
    assert len(lists) == 1 and lists[0].exact is False and "zorblaxian" in lists[0]
    monkeypatch.setattr(backend, "speller", spelling.Speller(words.WordCache()))
    assert suggestion("zorblaxiam") != "zorblaxian"
    assert suggestion("hospitl") == "hospital"


def test_one_words_signature_is_the_arrays_signature():
    words = _random_words(random.Random(5), 300) + ["budget", "zürich", "naïve-ish", "a"]
    for word in words:
        codes = np.array([[ord(c) for c in word]], dtype=np.int64)
        assert signature(word) == signatures(codes)[0], word
