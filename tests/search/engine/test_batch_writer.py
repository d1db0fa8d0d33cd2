"""The index built in batches (one pass a segment, on every core, merged by our merger) answers
exactly as one built document by document with Whoosh's own writer: same documents, stored
fields, lengths, columns, postings (positions and weights), term statistics and search results.
Also: an admin edit is searchable as soon as the request commits, and an index written by
Whoosh's stock writer (the old way) is read and extended in place."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from haystack import connections
from whoosh import index as whoosh_index
from whoosh.fields import SpellField

from archive.models import Article
from bench.corpusgen.stories import make_story
from search.engine import merging
from search.engine.segments import SegmentBuilder
from search.indexing import bulk
from tests.factories import make_article

from .batch_index import (
    add_articles,
    amend_and_hide,
    assert_same,
    dump,
    prepared_documents,
    reference_index,
)


@pytest.mark.django_db
def test_one_batch_segment_equals_whooshs_own_segment(tmp_path, search_index):
    add_articles(60)
    documents = prepared_documents()
    backend = connections["default"].get_backend()
    reference = reference_index(tmp_path / "reference", backend.schema, documents)
    ours_path = tmp_path / "ours"
    ours_path.mkdir()
    ours = whoosh_index.create_in(str(ours_path), backend.schema)
    writer = ours.writer()
    builder = SegmentBuilder(ours.storage, ours.indexname, ours.schema)
    for document in documents:
        builder.add_document(document)
    merging.commit_segments(writer, [builder.finish()])
    assert_same(ours, reference)


@pytest.mark.django_db(transaction=True)
def test_rebuild_on_two_workers_equals_document_by_document(tmp_path, search_index,
                                                            monkeypatch):
    add_articles(50)
    monkeypatch.setattr(bulk, "PARALLEL_MIN_DOCS", 0)
    monkeypatch.setattr(bulk, "SEGMENT_DOCS", 12)  # several segments, in forked workers
    call_command("rebuild_index", interactive=False, verbosity=0, workers=2)
    backend = connections["default"].get_backend()
    backend.index = backend.index.refresh()
    assert len(backend.index._segments()) >= 4
    reference = reference_index(tmp_path / "reference", backend.schema, prepared_documents(),
                           like=backend.index)
    assert_same(backend.index, reference)
    # The search page answers from it.
    from django.test import Client

    page = Client().get("/search/", {"q": "council"})
    assert page.status_code == 200


@pytest.mark.django_db
def test_merged_segments_with_deletions_equal_a_fresh_build(tmp_path, search_index,
                                                            monkeypatch, on_commit):
    """Small commits (as ingest batches and admin edits make) are merged by the tiered policy;
    deleted documents are dropped by the merge, and the result reads as a fresh build."""
    monkeypatch.setattr(merging, "MERGE_FACTOR", 3)
    monkeypatch.setattr(merging, "SMALLEST_TIER", 4)
    for start in range(0, 40, 5):
        with on_commit():
            for sid in range(start, start + 5):
                story = make_story(9, sid)
                make_article(title=story.headline, body="\n\n".join(story.paragraphs),
                             published=story.published, source="Reuters",
                             comments=["First!"] if sid % 4 == 0 else None)
    amend_and_hide(on_commit, amended=6, hidden=10)  # deletions in merged segments
    backend = connections["default"].get_backend()
    backend.index = backend.index.refresh()
    segments = backend.index._segments()
    assert len(segments) < 8  # merged along the way (9 commits)
    reference = reference_index(tmp_path / "reference", backend.schema, prepared_documents())
    assert_same(backend.index, reference, merged=True)


def test_positions_of_matches_the_analyzer():
    from search.engine.schema import ANALYZER

    text = ("İstanbul's mayor, Dr. J.R. Smith-Jones, said on 3.5.2019 that the the 'A' "
            "plan — and ÉCOLE naïve résumé — costs $4.5bn; e.g. u.s.a. is I/O.")
    terms, words = ANALYZER.positions_of(text)
    expected: dict[str, list[int]] = {}
    for token in ANALYZER(text, positions=True, mode="index"):
        expected.setdefault(token.text, []).append(token.pos)
    assert terms == expected
    assert words == {t.text for t in ANALYZER(text, no_morph=True)}
    assert "İstanbul".lower() in words  # lower-cased word by word, as the analyzer does


def test_word_table_gives_the_positions_and_words_of_the_analyzer():
    """The array path's word ids give each text's terms and positions as the analyzer does,
    including the characters whose lower case depends on more than the word itself."""
    from search.engine.analysis import WordTable
    from search.engine.schema import ANALYZER

    texts = [
        "İstanbul's mayor, Dr. J.R. Smith-Jones, said on 3.5.2019 that the the 'A' plan",
        "ÉCOLE naïve résumé — costs $4.5bn; e.g. u.s.a. is I/O. ΟΔΟΣ'Α and ΟΔΟΣ ΣΑΣ",
        "Plain ASCII: the council said the council's plan, THE PLAN, was planned.",
        "", "the a of",
    ]
    table = WordTable(ANALYZER)
    for text in texts * 2:  # the second time every word is known
        ids = table.word_ids(text)
        terms = table.term_of_word()
        got: dict[str, list[int]] = {}
        for position, word_id in enumerate(ids.tolist()):
            got.setdefault(table.terms[terms[word_id]], []).append(position)
        expected, words = ANALYZER.positions_of(text)
        assert got == expected, text
        assert {table.words[i] for i in ids.tolist()} == words


@pytest.mark.django_db
def test_a_segment_holds_clippings_records_and_merges_with_a_w3_segment(tmp_path,
                                                                        search_index):
    """New segments are written in the Clippings codec (raw arrays, no W3 blocks); a W3
    segment written by Whoosh's own writer (an older index) and a new one merge into one
    that reads as a fresh build."""
    from search.engine.codec import MAGIC, ClippingsCodec, is_record

    add_articles(40)
    documents = prepared_documents()
    backend = connections["default"].get_backend()
    old, new = documents[: len(documents) // 2], documents[len(documents) // 2:]
    ix = reference_index(tmp_path / "mixed", backend.schema, old)  # one W3 segment
    builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
    for document in new:
        builder.add_document(document)
    segment = builder.finish()
    assert isinstance(segment.codec(), ClippingsCodec)
    merging.commit_segments(ix.writer(), [segment], merge=False)
    with ix.reader() as reader:
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        assert len(leaves) == 2
        info = leaves[1]._terms.term_info("text", b"council")
        assert is_record(leaves[1]._terms._postfile, info)
        assert leaves[1]._terms._postfile.get(info.extent()[0], 4) == MAGIC
        assert not is_record(leaves[0]._terms._postfile,
                             leaves[0]._terms.term_info("text", b"council"))
    writer = ix.writer()
    merged = merging.merge_segments(ix.storage, ix.indexname, ix.schema, writer.segments)
    writer._close_segment()
    writer._commit_toc([merged])
    writer._finish()
    ix = whoosh_index.open_dir(str(tmp_path / "mixed"))
    assert len(ix._segments()) == 1
    assert_same(ix, reference_index(tmp_path / "fresh", backend.schema, documents), merged=True)


@pytest.mark.django_db
def test_an_index_written_by_whooshs_own_writer_is_read_and_extended(search_index, on_commit,
                                                                     tmp_path):
    """The batch writer keeps Whoosh's file format (W3): an index written the old way, one
    document at a time, is searched as it is, and new commits add segments beside it."""
    add_articles(30)
    backend = connections["default"].get_backend()
    backend.setup()
    # In the live index's place:
    old = reference_index(search_index, backend.schema, prepared_documents())
    assert len(old._segments()) == 1
    # The index above is written by hand: the articles' outbox rows (their commit never runs in
    # a test) are done, or the edit's drain would re-index all 30 beside it.
    from search.models import IndexOutbox

    IndexOutbox.objects.all().delete()
    backend.index = backend.index.refresh()
    article = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk").first()
    from haystack.query import SearchQuerySet

    assert SearchQuerySet().auto_query("council").count() > 0  # read as written
    with on_commit():
        article.title = "Wombatfest returns"
        article.save()
    assert [r.pk for r in SearchQuerySet().auto_query("wombatfest")] == [str(article.pk)]
    backend.index = backend.index.refresh()
    assert len(backend.index._segments()) == 2  # the old segment and the edit's
    reference = reference_index(tmp_path / "fresh", backend.schema, prepared_documents(),
                           like=backend.index)
    assert_same(backend.index, reference, merged=True)


@pytest.mark.django_db
def test_a_segment_written_after_other_batches_equals_whooshs_own(tmp_path, search_index,
                                                                 monkeypatch):
    """The word table outlives a segment (ingest's batches share it): a segment written after
    other batches have filled it holds only its own terms and spelling words, as Whoosh's
    writer makes them, its ``.words`` file is its lexicon's, and a table past the bound is
    dropped rather than kept."""
    from search.engine import analysis, words

    add_articles(40)
    documents = prepared_documents()
    backend = connections["default"].get_backend()
    earlier, later = documents[:20], documents[20:]
    warm_path = tmp_path / "warm"
    warm_path.mkdir()
    warm = whoosh_index.create_in(str(warm_path), backend.schema)
    builder = SegmentBuilder(warm.storage, warm.indexname, warm.schema)
    for document in earlier:
        builder.add_document(document)
    builder.finish()
    table = analysis.take_word_table(backend.schema["text"].analyzer)
    assert table.size() > 0  # the table the earlier batch filled was given back
    analysis.give_back_word_table(table)

    reference = reference_index(tmp_path / "reference", backend.schema, later)
    ours_path = tmp_path / "ours"
    ours_path.mkdir()
    ours = whoosh_index.create_in(str(ours_path), backend.schema)
    builder = SegmentBuilder(ours.storage, ours.indexname, ours.schema)
    for document in later:
        builder.add_document(document)
    segment = builder.finish()
    merging.commit_segments(ours.writer(), [segment],
                            words={segment.segment_id(): builder.spelling_words})
    assert_same(ours, reference)
    spelled = [n for n, f in backend.schema.items() if isinstance(f, SpellField)]
    assert spelled
    with ours.reader() as reader:
        for name in spelled:
            saved = words.load(ours.storage, segment.segment_id(), None, name)
            assert saved.by_length == words.from_lexicon(reader, name).by_length
            assert len(saved) > 0

    monkeypatch.setattr(analysis, "SHARED_TABLE_LIMIT", 10)
    table = analysis.take_word_table(backend.schema["text"].analyzer)
    analysis.give_back_word_table(table)  # too big: dropped
    assert analysis.take_word_table(backend.schema["text"].analyzer).size() == 0


def test_words_of_gives_the_words_of_the_pattern():
    """The tokeniser the builder uses (bytes, ``translate`` and ``split``) gives exactly the
    words of the analyzer's pattern, lower-cased, whatever the dots, quotes and scripts."""
    import random
    import string

    from search.engine.analysis import WORDS, words_of

    def pattern(value: str) -> list[bytes]:
        if "\u0130" in value or "\u03a3" in value:
            return [w.lower().encode() for w in WORDS.findall(value)]
        return [w.encode() for w in WORDS.findall(value.lower())]

    cases = ["", "U.S. and e.g. 3.5 a..b ...x. .y", "“Quoted” — it’s… ©2019", "Müller.Straße",
             "a.é é.a a.«b» a.\u00a0b", "ΣΊΣΥΦΟΣ İstanbul", "ﬁne ½ x² _a_", "end.\nNext"]
    rnd = random.Random(16)
    alphabet = list(string.printable) + ["é", "É", "İ", "Σ", "“", "”", "…", "\u00a0", "½",
                                          "ß", "ﬁ", "\u2019", "©", "日本", "..", "a.", ".b"]
    cases += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
              for _ in range(20_000)]
    for value in cases:
        assert words_of(value) == pattern(value), value


@pytest.mark.django_db
def test_merging_segments_without_deletions_keeps_every_posting_and_statistic(tmp_path,
                                                                              search_index):
    """Segments without deletions are merged by moving records whole (a term of one segment)
    or joining them (a term of several): postings, weights, positions and every term
    statistic are a fresh build's; only the summed field lengths may differ (one byte each)."""
    add_articles(45)
    documents = prepared_documents()
    backend = connections["default"].get_backend()
    path = tmp_path / "three"
    path.mkdir()
    ix = whoosh_index.create_in(str(path), backend.schema)
    third = len(documents) // 3
    segments = []
    for run in (documents[:third], documents[third: 2 * third], documents[2 * third:]):
        builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
        for document in run:
            builder.add_document(document)
        segments.append(builder.finish())
    merging.commit_segments(ix.writer(), segments, merge=False)
    writer = ix.writer()
    merged = merging.merge_segments(ix.storage, ix.indexname, ix.schema, writer.segments)
    writer._close_segment()
    writer._commit_toc([merged])
    writer._finish()
    ix = whoosh_index.open_dir(str(path))
    assert len(ix._segments()) == 1
    got, want = dump(ix), dump(reference_index(tmp_path / "fresh", backend.schema, documents))
    assert got["docs"] == want["docs"]
    assert got["spelling"] == want["spelling"]
    only_one = [k for k, v in want["terms"].items() if len(v[0]) == 1]
    assert only_one  # terms of one segment (moved whole) are among them
    assert got["terms"] == want["terms"]
