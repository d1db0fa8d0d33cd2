"""``GenerationCache``: answers kept for one index generation, bounded, dropped whole when the
index changes; and the backend's generation key, which every commit changes."""

from search.querying.generations import GenerationCache, generation_key


def test_answers_are_kept_per_generation_and_dropped_when_it_changes():
    generation = ["g1"]
    cache = GenerationCache(max_entries=2, key_of=lambda: generation[0])
    computed = []

    def answer(value):
        def compute():
            computed.append(value)
            return value

        return compute

    assert cache.get("a", answer(1)) == 1
    assert cache.get("a", answer(2)) == 1  # kept
    assert computed == [1]
    generation[0] = "g2"
    assert cache.get("a", answer(3)) == 3  # the index changed: computed again
    cache.get("b", answer(4))
    cache.get("c", answer(5))  # over two entries: the least recently used ("a") is dropped
    assert len(cache) == 2
    assert cache.get("a", answer(6)) == 6


def test_without_a_generation_nothing_is_kept():
    cache = GenerationCache(key_of=lambda: None)
    assert [cache.get("a", lambda n=n: n) for n in range(3)] == [0, 1, 2]
    assert len(cache) == 0


def test_every_commit_changes_the_backends_generation_key(make_article):
    import datetime as dt

    before = generation_key()
    assert generation_key() == before  # nothing changed: the same key
    article = make_article("Sport", "Football.", published=dt.date(2018, 3, 9))
    added = generation_key()
    assert added != before
    from haystack import connections

    connections["default"].get_backend().remove(article)  # a deletion: a commit too
    assert generation_key() not in (before, added)
