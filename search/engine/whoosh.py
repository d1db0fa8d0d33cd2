"""Clippings' haystack backend: haystack's Whoosh backend, fixed where it gives wrong answers.

Select it with ``HAYSTACK_CONNECTIONS = {"default": {"ENGINE":
"search.engine.whoosh.ClippingsWhooshEngine", "PATH": …}}``. What differs from the stock backend
(see ``/work/shared/research/haystack-whoosh.md``):

- facets count whole exact values over all matches in one pass (``schema``, ``facets``), from
  per-segment columns cached in at most ``FACET_CACHE_MB`` (connection option, default 32);
  ``query_facet()`` works; ``date_facet()`` answers like Solr/Elasticsearch;
- ``narrow()`` filters are part of the one search (``narrow``), built from raw values;
- ``highlight()`` gives escaped snippets with ``<mark>`` only (``search.highlighting``, the
  one highlighter of the site);
- ``word~`` matches; a spelling suggestion also comes for a query that found nothing;
- ``order_by`` may mix directions; dates are stored in UTC;
- every write waits for Whoosh's lock instead of failing, deletes and adds are batched
  (``writing``);
- ``iterate()`` streams every result of a search in order (exports), ranking the matches once;
- the index is read with file reads, never memory-mapped and copied (see ``setup``).
"""

from __future__ import annotations

from array import array
from contextlib import contextmanager

from django.utils.encoding import force_str
from haystack.backends import SPELLING_SUGGESTION_HAS_NOT_RUN, BaseEngine, log_query
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct
from haystack.utils.app_loading import haystack_get_model
from whoosh import query as Q
from whoosh.qparser import QueryParser

from search.highlighting import snippet
from search.querying.tree import HighlightTerm

from .analysis import fix_field_length_lookup
from .array_search import array_search, related_top
from .counting import DEFAULT_CACHE_BYTES, ColumnCache, can_count, count_matches
from .executor import Unsupported
from .facets import collect_facets, counted_facets, plan_facets
from .key_terms import key_terms
from .language import StemmedFuzzyTermPlugin
from .narrow import apply_filters, parse_narrow
from .ordering import sort_facet, sorted_search
from .schema import build_schema
from .segment_arrays import SegmentColumns
from .spelling import Speller
from .stored import stored_fields
from .writing import IndexWriting

fix_field_length_lookup()

# Key terms of a document searched for its related coverage (more-like-this).
MLT_TERMS = 12
FEW_HITS = 5  # a search finding fewer brings back a spelling suggestion


class ClippingsWhooshBackend(IndexWriting, WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        cache_mb = connection_options.get("FACET_CACHE_MB")
        self.column_cache = ColumnCache(
            DEFAULT_CACHE_BYTES if cache_mb is None else int(float(cache_mb) * 1024 * 1024)
        )
        self.segment_columns = SegmentColumns()
        self.speller = Speller()
        # The array executor answers what it can; False: Whoosh's matchers only (the
        # equivalence test compares the two).
        self.use_executor = bool(connection_options.get("ARRAY_EXECUTOR", True))

    def setup(self):
        super().setup()
        # Whoosh maps each compound segment file and then copies every part it opens (postings,
        # term index, stored fields) into a BytesIO: a searcher held the index twice, as mapped
        # pages and as copies (at 100,000 articles, a 330 MB index made 840 MB of the process).
        # Read with ordinary file reads instead: the page cache keeps the hot parts, outside
        # the process; what is read per document is read whole per segment (``columns``).
        if hasattr(self.storage, "supports_mmap"):
            self.storage.supports_mmap = False
        self._searcher = None
        self.parser = self.make_parser(self.content_field_name)

    def make_parser(self, fieldname: str) -> QueryParser:
        parser = QueryParser(fieldname, schema=self.schema)
        parser.add_plugin(StemmedFuzzyTermPlugin())
        return parser

    def build_schema(self, fields):
        return build_schema(fields)

    # --- reads -------------------------------------------------------------------------------

    @log_query
    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, fields="",
               highlight=False, facets=None, date_facets=None, query_facets=None,
               narrow_queries=None, spelling_query=None, models=None,
               limit_to_registered_models=None, result_class=None, **kwargs):
        if not self.setup_complete:
            self.setup()
        query_string = force_str(query_string)
        if not query_string.strip():
            return {"results": [], "hits": 0}
        query = self._whoosh_query(query_string, narrow_queries, models)
        plan = plan_facets(facets=facets, date_facets=date_facets, query_facets=query_facets,
                           parse=self.parser.parse, schema=self.schema)
        with self._reading() as searcher:
            answered = None
            if query is not None and self.use_executor:
                try:
                    answered = array_search(
                        searcher, query, plan=plan, sort_by=sort_by, end=end_offset,
                        schema=self.schema, column_cache=self.column_cache,
                        segment_columns=self.segment_columns,
                    )
                except Unsupported:
                    answered = None
            if query is None:
                hits, page, results = 0, [], None
                facet_counts = {"fields": {}, "dates": {}, "queries": {}}
            elif answered is not None:
                hits, results, facet_counts = answered
                page = results[start_offset or 0: end_offset] if hits else []
            else:
                fast = not plan.has_grouped() and can_count(self.schema, plan.field_names())
                limit = None if not fast or end_offset is None else max(end_offset, 1)
                sortedby = self._sorting(sort_by)
                if fast and sortedby is not None:
                    results = sorted_search(searcher, query, sortedby, limit=limit)
                else:
                    results = searcher.search(query, limit=limit, sortedby=sortedby,
                                              groupedby=None if fast else plan.groups)
                if fast:
                    hits, counters = count_matches(
                        searcher, query, plan.field_names(), self.column_cache)
                    facet_counts = counted_facets(counters, plan.limits())
                else:
                    hits = len(results)
                    facet_counts = collect_facets(plan, results)
                # No end: a count or facets only, as on the executor's path (no result built).
                page = results[start_offset or 0: end_offset] \
                    if hits and end_offset is not None else []
            documents = [self._to_result(hit, highlight, result_class) for hit in page]
            suggestion = None
            if self.include_spelling and spelling_query and hits < FEW_HITS:
                suggestion = self.speller.suggest(
                    searcher, self.content_field_name, spelling_query or query_string
                )
        return {
            "results": documents,
            "hits": hits,
            "facets": facet_counts,
            "spelling_suggestion": suggestion,
        }

    def iterate(self, query_string, sort_by=None, narrow_queries=None, models=None,
                result_class=None, **kwargs):
        """Every result of a search in its order, one at a time (what exports walk): the
        matches are ranked or sorted once and only their document numbers kept (4 bytes
        each); a result's stored fields are read when it is reached. Slicing ``search()``
        instead ranks every match again for each slice. It reads with a searcher of its own,
        closed at the end, so a long export sees the index as it was when it began and never
        holds on to the searcher the backend shares between searches."""
        if not self.setup_complete:
            self.setup()
        query_string = force_str(query_string)
        query = self._whoosh_query(query_string, narrow_queries, models) \
            if query_string.strip() else None
        if query is None:
            return
        searcher = self.index.searcher()  # the latest generation
        try:
            sortedby = self._sorting(sort_by)
            if sortedby is None:  # by relevance
                results = searcher.search(query, limit=None)
            else:
                results = sorted_search(searcher, query, sortedby, limit=None)
            docnums = array("i", [docnum for _, docnum in results.top_n])
            scores = array("d", [0.0 if sortedby else score for score, _ in results.top_n])
            del results  # every match's sort key: only the order is kept
            for docnum, score in zip(docnums, scores, strict=True):
                yield self._result(stored_fields(searcher, docnum), score, result_class)
        finally:
            searcher.close()

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0,
                       end_offset=None, models=None, limit_to_registered_models=None,
                       result_class=None, **kwargs):
        if not self.setup_complete:
            self.setup()
        filters = []
        model_filter = self._model_filter(models)
        if model_filter is not None:
            filters.append(model_filter)
        if additional_query_string and additional_query_string != "*":
            filters.append(self.parser.parse(force_str(additional_query_string)))
        top = max(end_offset or 10, 1)
        with self._reading() as searcher:
            docnum = searcher.document_number(**{ID: get_identifier(model_instance)})
            if docnum is None:
                return {"results": [], "hits": 0}
            restrict = apply_filters(Q.Every(), filters) if filters else None
            # Whoosh's Searcher.more_like: the document's key terms, searched as an Or.
            # ``key_terms`` gives Whoosh's list with the collection frequencies read once per
            # segment; Whoosh's own path keeps Whoosh's (what the equivalence tests compare).
            field = self.content_field_name
            if self.use_executor:
                words = key_terms(searcher, docnum, field, MLT_TERMS, self.segment_columns)
            else:
                words = searcher.key_terms([docnum], field, numterms=MLT_TERMS, normalize=False)
            like = Q.Or([Q.Term(field, word, boost=weight) for word, weight in words])
            answered = None
            if self.use_executor:
                try:
                    answered = related_top(searcher, like, restrict=restrict, exclude=docnum,
                                           end=top, segment_columns=self.segment_columns)
                except Unsupported:
                    answered = None
            if answered is None:
                related = searcher.search(like, limit=top, filter=restrict, mask={docnum})
                answered = len(related), related
            hits, related = answered
            page = related[start_offset or 0: end_offset] if hits else []
            documents = [self._to_result(hit, False, result_class) for hit in page]
            return {"results": documents, "hits": hits}

    def generation_key(self) -> tuple:
        """What identifies the index as this backend's searches now read it: its path, the
        generation and each segment's id with its live document count. Every commit (an add, a
        deletion, a merge, a rebuild into a fresh directory) changes it, so a cache keyed by it
        is never read across an index change (``search.querying.generations``)."""
        if not self.setup_complete:
            self.setup()
        with self._reading() as searcher:
            reader = searcher.reader()
            segments = tuple(
                (leaf.segment().segment_id() if leaf.segment() is not None else None,
                 leaf.doc_count_all(), leaf.doc_count())
                for leaf, _offset in reader.leaf_readers()
            )
            return (self.path, reader.generation(), segments)

    # --- helpers -----------------------------------------------------------------------------

    @contextmanager
    def _reading(self):
        """The backend's searcher, kept open between searches and refreshed when the index has
        a new generation (opening one per search was a fifth of a query's time). haystack keeps
        one backend per thread, so a searcher is never shared between threads."""
        searcher = self._searcher
        searcher = self.index.searcher() if searcher is None else searcher.refresh()
        self._searcher = searcher
        yield searcher

    def _whoosh_query(self, query_string: str, narrow_queries, models):
        """The Whoosh query for haystack's query string and ``narrow()`` filters, or None when
        the query string means nothing (only stop words, say)."""
        parsed = self.parser.parse(query_string)
        if parsed is None or parsed is Q.NullQuery:
            return None
        filters = [self._parse_narrow(force_str(nq)) for nq in narrow_queries or ()]
        model_filter = self._model_filter(models)
        if model_filter is not None:
            filters.append(model_filter)
        return apply_filters(parsed, filters)

    def _parse_narrow(self, text: str):
        return parse_narrow(text, schema=self.schema, parse=self.parser.parse)

    def _model_filter(self, models):
        registered = sorted(self.build_models_list())
        chosen = sorted(get_model_ct(m) for m in models) if models else registered
        if set(chosen) >= set(registered):
            return None  # the index holds only registered models
        return Q.Or([Q.Term(DJANGO_CT, ct) for ct in chosen])

    def _sorting(self, sort_by):
        return sort_facet(self.schema, sort_by)

    def _to_result(self, hit, highlight, result_class):
        stored = stored_fields(hit.searcher, hit.docnum)
        highlighted = None
        if highlight:
            text = stored.get(self.content_field_name, "")
            terms = self._highlight_terms(hit.results)
            highlighted = {self.content_field_name: [str(snippet(text, terms))]}
        score = hit.score if hit.score is not None else 0
        return self._result(stored, score, result_class, highlighted)

    def _highlight_terms(self, results) -> tuple[HighlightTerm, ...]:
        """The query's words in the content field, as the site's one highlighter takes them
        (the index's stems: the highlighter matches inflections through their stems too)."""
        terms = getattr(results, "_clippings_terms", None)
        if terms is None:
            words = {
                word.decode() if isinstance(word, bytes) else str(word)
                for name, word in results.q.iter_all_terms()
                if name == self.content_field_name
            }
            terms = results._clippings_terms = tuple(HighlightTerm(w) for w in sorted(words))
        return terms

    def _result(self, stored: dict, score, result_class, highlighted=None):
        from haystack import connections

        app_label, model_name = stored[DJANGO_CT].split(".")
        model = haystack_get_model(app_label, model_name)
        unified = connections[self.connection_alias].get_unified_index()
        index = unified.get_index(model)
        values = {}
        for key, value in stored.items():
            if key in (DJANGO_CT, DJANGO_ID, ID):
                continue
            field = index.fields.get(key)
            if field is not None and field.is_multivalued:
                values[key] = value.split(",") if value else []
            elif field is not None and field.field_type == "date" and hasattr(value, "date"):
                values[key] = value.date()
            elif field is not None and hasattr(field, "convert"):
                values[key] = field.convert(value)
            else:
                values[key] = self._to_python(value)
        if highlighted is not None:
            values["highlighted"] = highlighted
        return (result_class or SearchResult)(
            app_label, model_name, stored[DJANGO_ID], score, **values
        )


class ClippingsWhooshQuery(WhooshSearchQuery):
    """The engine looks words up for a spelling suggestion only when asked (``spelling_query``):
    a page runs several searches (its own, its facets' without their selection, the chart's),
    and each that found little looked every unknown word up again."""

    def run(self, spelling_query=None, **kwargs):
        super().run(spelling_query=spelling_query, **kwargs)
        if not (spelling_query or self.spelling_query):  # asked later: one more search, asking
            self._spelling_suggestion = SPELLING_SUGGESTION_HAS_NOT_RUN

    def get_count(self):
        """The number of matches. A search run for its count alone asks for no result:
        haystack asks for one, whose stored fields (the whole text) were read and converted
        for nothing (the chart's and the undated notice's counts)."""
        if self._hit_count is None and self.end_offset is None \
                and not self._more_like_this and not self._raw_query:
            self.run()
            return self._hit_count
        return super().get_count()

    def get_spelling_suggestion(self, preferred_query=None):
        if self._spelling_suggestion is SPELLING_SUGGESTION_HAS_NOT_RUN:
            self.run(spelling_query=preferred_query or self.build_query())
        return self._spelling_suggestion

    def iterate(self):
        """Every result of this query in its order, streamed (``ClippingsWhooshBackend.iterate``):
        the query, ``narrow()`` filters, models and ``order_by`` apply; slicing, facets and
        highlighting do not."""
        params = self.build_params()
        return self.backend.iterate(
            self.build_query(),
            sort_by=params.get("sort_by"),
            narrow_queries=params.get("narrow_queries"),
            models=params.get("models"),
            result_class=params.get("result_class"),
        )


class ClippingsWhooshEngine(BaseEngine):
    backend = ClippingsWhooshBackend
    query = ClippingsWhooshQuery
