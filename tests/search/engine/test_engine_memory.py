"""What the engine keeps in memory and how it reads: bounded facet columns, an index read with
file reads (never memory-mapped and copied), lengths read once, and ``iterate()`` streaming every
result of a search in its order."""

import datetime as dt
from collections import Counter

import pytest
from haystack import connections
from haystack.query import SearchQuerySet
from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length

from archive.models import Article
from search.engine import columns, ordering
from search.engine.counting import CodedColumn, ColumnCache, NumberColumn, load_column
from search.engine.narrow import exact_clause
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db

FIELDS = ("outlet_exact", "year", "kind")


def engine():
    """The backend haystack's SearchQuerySet uses in this thread."""
    return connections["default"].get_backend()


@pytest.fixture
def tides(on_commit):
    """12 matching articles: 5 from Alpha Post (2011–2015), 4 from Beta News (2001–2004), 3 undated
    and without an outlet; plus 2 that do not match."""
    with on_commit():
        alpha, beta = make_source("Alpha Post"), make_source("Beta News")
        for n in range(5):
            make_article(title=f"Alpha {n}", body="tide " * (n + 1), source=alpha,
                         published=dt.date(2011 + n, 3, 1))
        for n in range(4):
            make_article(title=f"Beta {n}", body="tide and wind", source=beta,
                         published=dt.date(2001 + n, 6, 1))
        for n in range(3):
            make_article(title=f"Undated {n}", body="the tide turned")
        for n in range(2):
            make_article(title=f"Other {n}", body="nothing to see", source=alpha)


def leaf_readers(searcher):
    return [sub.reader() for sub, _ in searcher.leaf_searchers() if sub.reader().segment()]


def test_facet_counts_stay_exact_when_the_cache_is_smaller_than_one_column(tides):
    backend = engine()
    backend.column_cache = ColumnCache(max_bytes=1)
    for _ in range(2):  # the second search finds nothing cached and reads the columns again
        counts = SearchQuerySet().auto_query("tide").facet("outlet_exact").facet("year")
        fields = counts.facet_counts()["fields"]
        assert fields["outlet_exact"] == [("Alpha Post", 5), ("Beta News", 4),
                                          ("Unknown outlet", 3)]
        assert dict(fields["year"]) == {
            **{str(2011 + n): 1 for n in range(5)}, **{str(2001 + n): 1 for n in range(4)}
        }
        assert len(backend.column_cache) == 0 and backend.column_cache.nbytes == 0


def test_the_cache_keeps_its_bound_and_drops_the_least_recently_used_column(tides):
    with engine().index.searcher() as searcher:
        reader = max(leaf_readers(searcher), key=lambda r: r.doc_count_all())
        size = {name: load_column(reader, name).nbytes for name in FIELDS}
        first, second, third = FIELDS
        bound = max(size[first] + size[second], size[first] + size[third])
        cache = ColumnCache(max_bytes=bound)
        cache.column(reader, first)
        cache.column(reader, second)
        assert len(cache) == 2
        cache.column(reader, first)  # used again: now the most recent
        cache.column(reader, third)  # over the bound: the least recently used goes
        assert cache.nbytes <= bound
        kept = {key[1] for key in cache._columns}
        assert kept == {first, third}


def test_a_cached_column_gives_each_document_its_value(tides, monkeypatch):
    monkeypatch.setattr(columns, "READ_BYTES", 3)  # many partial reads of the values
    with engine().index.searcher() as searcher:
        for reader in leaf_readers(searcher):
            for name in (*FIELDS, "comment_count"):
                column = load_column(reader, name)
                expected = list(reader.column_reader(name))  # Whoosh, one document at a time
                if name == "comment_count":
                    assert isinstance(column, NumberColumn)
                else:
                    assert isinstance(column, CodedColumn)
                    assert [column.values[code] for code in column.codes] == expected
                    assert len(column.values) == len(set(expected))  # each value kept once
                assert column.count(range(len(expected))) == Counter(expected)
                assert column.count([0, 0]) == Counter({expected[0]: 2})


def test_the_index_is_read_without_a_memory_map(tides, monkeypatch):
    """Whoosh copied every mapped segment part it opened into memory: the whole index, twice."""

    class NoMapping:
        error = OSError

        @staticmethod
        def mmap(*args, **kwargs):
            raise AssertionError("the index was memory-mapped")

    monkeypatch.setattr("whoosh.filedb.compound.mmap", NoMapping)
    connections.reload("default")
    sqs = SearchQuerySet().auto_query("tide").facet("outlet_exact").order_by("-published")
    assert sqs.count() == 12 and sqs[0].title == "Alpha 4"
    assert sum(1 for _ in SearchQuerySet().auto_query("tide").query.iterate()) == 12


def test_field_lengths_read_whole_equal_the_column(tides):
    with engine().index.searcher() as searcher:
        for reader in leaf_readers(searcher):
            per_doc = reader._perdoc
            column = per_doc.column_reader("_text_len", whoosh3.LENGTHS_COLUMN)
            for docnum in range(reader.doc_count_all()):
                stored = column[docnum]
                expected = byte_to_length(stored) if stored else None
                assert reader.doc_field_length(docnum, "text") == expected


def searches():
    alpha = exact_clause("outlet_exact", "Alpha Post")
    return {
        "relevance": SearchQuerySet().auto_query("tide"),
        "newest": SearchQuerySet().auto_query("tide").order_by("-published"),
        "oldest": SearchQuerySet().auto_query("tide").order_by("published"),
        "mixed": SearchQuerySet().auto_query("tide").order_by("-outlet_exact", "published"),
        "narrowed": SearchQuerySet().auto_query("tide").narrow(alpha).order_by("published"),
        "excluded": SearchQuerySet().auto_query("tide").narrow(f"NOT {alpha}"),
        "dated": SearchQuerySet().auto_query("tide").filter(published__gte=dt.date(2003, 1, 1)),
        "models": SearchQuerySet().models(Article).auto_query("tide").order_by("-published"),
    }


def test_iterate_gives_every_result_in_the_order_of_the_search(tides):
    sizes = {"narrowed": 5, "excluded": 7, "dated": 7}
    for name, sqs in searches().items():
        paged = [(r.model_name, r.pk, r.score) for r in sqs.all()[:100]]
        streamed = [(r.model_name, r.pk, r.score) for r in sqs.all().query.iterate()]
        assert len(paged) == sizes.get(name, 12), name
        if name in ("relevance", "excluded", "dated"):  # ranked: the scores come along
            assert streamed == paged, name
        else:
            assert [r[:2] for r in streamed] == [r[:2] for r in paged], name
    newest = [r.title for r in searches()["newest"].query.iterate()]
    assert newest[:2] == ["Alpha 4", "Alpha 3"]
    undated = {"Undated 0", "Undated 1", "Undated 2"}
    assert set(newest[-3:]) == undated  # undated last both ways
    oldest = [r.title for r in searches()["oldest"].query.iterate()]
    assert oldest[0] == "Beta 0" and set(oldest[-3:]) == undated


def test_iterate_reads_the_index_as_it_was_when_it_began(tides, on_commit):
    results = SearchQuerySet().auto_query("tide").order_by("published").query.iterate()
    first = next(results)
    with on_commit():
        make_article(title="Late tide", body="tide", published=dt.date(1990, 1, 1))
    rest = list(results)
    assert first.title == "Beta 0" and len(rest) == 11
    assert "Late tide" not in {r.title for r in rest}
    # a new search (and a new iteration) sees the new article
    assert SearchQuerySet().auto_query("tide").order_by("published")[0].title == "Late tide"
    assert next(SearchQuerySet().auto_query("tide").query.iterate()) is not None


def test_iterate_of_nothing(tides):
    assert list(SearchQuerySet().auto_query("zeppelin").query.iterate()) == []
    assert list(SearchQuerySet().auto_query("the").query.iterate()) == []  # only a stop word


def test_a_sorted_page_keeps_few_keys_and_equals_the_full_sort(tides, monkeypatch):
    monkeypatch.setattr(ordering, "KEEP_KEYS", 1)  # trim after every 4 × limit matches
    backend = engine()
    query = backend._whoosh_query("tide", None, None)
    with backend.index.searcher() as searcher:
        for sort_by in (["-published"], ["published"], ["-outlet_exact", "published"]):
            sortedby = ordering.sort_facet(backend.schema, sort_by)
            everything = searcher.search(query, limit=None, sortedby=sortedby)
            full = [docnum for _, docnum in everything.top_n]
            assert len(full) == 12
            for limit in (1, 2, 3, 5, 12, 20):
                page = ordering.sorted_search(searcher, query, sortedby, limit=limit)
                assert [docnum for _, docnum in page.top_n] == full[:limit], (sort_by, limit)
                assert len(page) == 12  # the number of matches, found when asked
