"""Deleting by terms (``writing.delete_terms``) marks deleted exactly what Whoosh's
``delete_by_query`` over an ``Or`` of the same terms does: in every segment, documents already
deleted left alone, unknown terms, fields and values skipped."""

from __future__ import annotations

from whoosh import query as Q

from search.engine.writing import delete_terms
from tests.search.engine import synthetic as S


def _deleted_by(backend, delete) -> list[frozenset[int]]:
    """Each segment's deleted documents after ``delete(writer)`` (the writer then cancelled)."""
    writer = backend._writer()
    try:
        delete(writer)
        return [frozenset(segment.deleted_docs()) for segment in writer.segments]
    finally:
        writer.cancel()


def test_deleting_by_terms_deletes_what_the_or_query_deletes():
    backend = S.build_index(400, segments=3, delete_every=17)
    terms = {
        # articles and comment blocks, some deleted already (1, 18, 35…), some never indexed
        "id": [f"archive.article.{n}" for n in (1, 2, 17, 18, 35, 150, 399, 5000)]
        + [f"archive.commentblock.{n}" for n in (8, 136, 400, 9000)],
        "article_id": [7, 135, 271, 399, 123456],  # NUMERIC: the comment blocks of articles
        "django_ct": ["archive.nothing"],
        "no_such_field": ["x"],
    }
    query = Q.Or([Q.Term(field, value) for field, values in terms.items() for value in values])
    expected = _deleted_by(backend, lambda writer: writer.delete_by_query(query))
    got = _deleted_by(backend, lambda writer: delete_terms(writer, terms))
    before = _deleted_by(backend, lambda writer: None)
    assert got == expected
    assert sum(map(len, got)) > sum(map(len, before))  # it did delete something
    assert len(got) == 3


def test_deleting_by_terms_counts_only_documents_it_deleted():
    backend = S.build_index(200, segments=2, delete_every=17)
    writer = backend._writer()
    try:
        # article 1 is deleted already; 2 and 3 are live; 999 was never indexed
        assert delete_terms(writer, {"id": ["archive.article.1", "archive.article.2",
                                            "archive.article.3", "archive.article.999"]}) == 2
        assert delete_terms(writer, {}) == 0
    finally:
        writer.cancel()


def test_terms_held_are_looked_up_with_positioned_reads_as_whoosh_finds_them():
    from search.engine.term_index import hash_index
    from search.engine.writing import _held

    backend = S.build_index(300, segments=2, delete_every=17)
    schema = backend.index.schema
    wanted = [("id", schema["id"].to_bytes(f"archive.article.{n}")) for n in range(0, 320, 3)]
    wanted += [("article_id", schema["article_id"].to_bytes(n)) for n in (7, 135, 9999)]
    wanted += [("django_ct", b"archive.nothing")]
    with backend.index.searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            assert hash_index(reader._terms) is not None  # the positioned path is the one tested
            held = _held(reader, wanted)
            assert held == [key for key in wanted if key in reader]
            assert 0 < len(held) < len(wanted)
