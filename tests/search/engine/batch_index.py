"""What the batch-writer tests share: articles to index, their documents as the search index
prepares them, a reference index built by Whoosh's own writer, and comparisons of two indexes
(``test_batch_writer``, ``test_background_merges``, ``test_background_drain``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from haystack import connections
from whoosh import index as whoosh_index
from whoosh.fields import SpellField
from whoosh.qparser import QueryParser

from archive.models import Article, CommentBlock
from bench.corpusgen.stories import make_story
from search.engine.language import StemmedFuzzyTermPlugin
from tests.factories import make_article

QUERIES = [
    "the", "council", "said", "water OR budget", "council AND NOT police", "headline:report",
    '"city council"', '"said on"~3', "outl*", "budgt~", "byline:smith", "kind:comments",
    "outlet_exact:Reuters", "people:Smith", "published:[2015 TO 2019]", "comment_count:[1 TO]",
    "zzzzunknown", "plan* OR bank*",
]
NO_VALUE = (None, "", b"", 0, 2**63 - 1)  # what a column reads for a document without a value


def add_articles(count: int, *, seed: int = 3) -> None:
    """``count`` articles written by the benchmark generator's classic grammar (real sentence
    shapes, a recurring cast), some with reader comments, some hidden, on three outlets."""
    for sid in range(count):
        story = make_story(seed, sid)
        make_article(
            title=story.headline, body="\n\n".join(story.paragraphs), byline=story.byline,
            source=("Reuters", "The Guardian", "Associated Press")[sid % 3],
            published=story.published,
            comments=[f"Comment {k} on {story.people[0].full}" for k in range(sid % 4)]
            if sid % 3 == 0 else None,
            status=Article.Status.HIDDEN if sid % 17 == 5 else Article.Status.PUBLISHED,
        )


def amend_and_hide(on_commit, *, amended: int, hidden: int) -> None:
    """In one committed transaction, retitle the first ``amended`` articles and hide the one at
    position ``hidden``: each deletes a document from the segment that held it."""
    with on_commit():
        for article in Article.objects.order_by("pk")[:amended]:
            article.title = article.title + " amended"
            article.save()
        article = Article.objects.order_by("pk")[hidden]
        article.status = Article.Status.HIDDEN
        article.save()


def prepared_documents() -> list[dict]:
    backend = connections["default"].get_backend()
    backend.setup()
    unified = connections["default"].get_unified_index()
    docs = []
    for model in (Article, CommentBlock):
        index = unified.get_index(model)
        docs += backend._prepare(index, index.index_queryset().order_by("pk"))
    return docs


def reference_index(path: Path, schema, documents: list[dict], like=None):
    """The index Whoosh's own writer makes, one add_document at a time: one segment, or the
    same segments as the index ``like`` (the same documents in each: a multi-segment index
    scores prefix and wildcard queries segment by segment, in Whoosh as here)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    ix = whoosh_index.create_in(str(path), schema)
    runs = [documents]
    if like is not None:
        by_id = {d["id"]: d for d in documents}
        with like.reader() as reader:
            runs = [[by_id[f["id"]] for _, f in leaf.iter_docs()]
                    for leaf, _ in reader.leaf_readers()]
    for run in runs:
        for field in schema:
            if hasattr(field, "start_segment"):
                field.start_segment()
        writer = ix.writer()
        for document in run:
            writer.add_document(**document)
        writer.commit(merge=False)
    return ix


def dump(ix) -> dict:
    """Everything a search can read from an index, keyed by document id, never by number."""
    out: dict = {"docs": {}, "terms": {}, "spelling": set()}
    with ix.reader() as reader:
        schema = reader.schema
        ident = {n: f["id"] for n, f in reader.iter_docs()}
        for docnum, stored in reader.iter_docs():
            # (a field with no length reads as None or 0 depending on whether its segment
            # has a length column at all: the same to every scorer)
            lengths = {name: reader.doc_field_length(docnum, name) or 0
                       for name in schema.scorable_names()}
            out["docs"][stored["id"]] = (stored, lengths)
        for leaf, offset in reader.leaf_readers():  # columns are read per segment
            for name in schema.names():
                if schema[name].column_type and leaf.has_column(name):
                    column = leaf.column_reader(name)
                    # a segment without the column reads as its default: leave defaults out
                    out.setdefault(("columns", name), {}).update(
                        {ident[offset + n]: column[n] for n in range(leaf.doc_count_all())
                         if offset + n in ident and column[n] not in NO_VALUE})
        for fieldname, text in reader.all_terms():
            if isinstance(schema[fieldname], SpellField):
                out["spelling"].add((fieldname, text))
                continue
            matcher = reader.postings(fieldname, text)
            postings = []
            while matcher.is_active():
                postings.append((ident[matcher.id()], matcher.weight(), matcher.value()))
                matcher.next()
            info = reader.term_info(fieldname, text)
            out["terms"][fieldname, text] = (
                sorted(postings), info.weight(), info.doc_frequency(), info.max_weight(),
                info.min_length(), info.max_length())
        out["field_length"] = {n: reader.field_length(n) for n in schema.scorable_names()}
    return out


def results(ix, schema) -> dict:
    parser = QueryParser("text", schema=schema)
    parser.add_plugin(StemmedFuzzyTermPlugin())
    found = {}
    with ix.searcher() as searcher:
        for q in QUERIES:
            hits = searcher.search(parser.parse(q), limit=None)
            found[q] = [(hit["id"], round(hit.score, 6)) for hit in hits]
    return found


def assert_same(ours, reference, *, merged: bool = False) -> None:
    got, want = dump(ours), dump(reference)
    assert got["docs"] == want["docs"]
    if merged:  # as with Whoosh's own merges, the words of deleted documents stay listed
        assert got["spelling"] >= want["spelling"]
    else:
        assert got["spelling"] == want["spelling"]
    if merged:  # deletions in segments not merged yet keep their terms and statistics
        got["terms"] = {k: v[:1] for k, v in got["terms"].items() if v[0]}
        want["terms"] = {k: v[:1] for k, v in want["terms"].items()}
    assert set(got["terms"]) == set(want["terms"])
    for key, value in want["terms"].items():
        assert got["terms"][key] == value, key
    assert {k: v for k, v in got.items() if isinstance(k, tuple)} == \
        {k: v for k, v in want.items() if isinstance(k, tuple)}
    schema = ours.schema
    ours_results, reference_results = results(ours, schema), results(reference, schema)
    assert any(len(hits) > 5 for hits in reference_results.values())
    if merged:
        # Whoosh's total field lengths count deleted documents until a merge, and a merge
        # adds up lengths as stored (one byte each): the average length in BM25, so scores
        # differ a little from a fresh build's, as they do with Whoosh's own writer. The hits
        # are the same.
        for q in QUERIES:
            assert {i for i, _ in ours_results[q]} == {i for i, _ in reference_results[q]}, q
        return
    assert got["field_length"] == want["field_length"]
    for q in QUERIES:  # scores are the same to 1e-6, so the order is the same
        assert sorted(ours_results[q]) == sorted(reference_results[q]), q
        assert [s for _, s in ours_results[q]] == [s for _, s in reference_results[q]], q
