"""Clippings' haystack backend: haystack's Whoosh backend, fixed where it gives wrong answers.

Select it with ``HAYSTACK_CONNECTIONS = {"default": {"ENGINE":
"search.backends.whoosh.ClippingsWhooshEngine", "PATH": …}}``. What differs from the stock backend
(see ``/work/shared/research/haystack-whoosh.md``):

- facets count whole exact values over all matches in one pass (``schema``, ``facets``);
  ``query_facet()`` works; ``date_facet()`` answers like Solr/Elasticsearch;
- ``narrow()`` filters are part of the one search (``narrow``), built from raw values;
- ``highlight()`` gives escaped snippets with ``<mark>`` only (``highlight``);
- ``word~`` matches; a spelling suggestion also comes for a query that found nothing;
- ``order_by`` may mix directions; dates are stored in UTC;
- every write waits for Whoosh's lock instead of failing, deletes and adds are batched.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.utils.encoding import force_str
from haystack.backends import BaseEngine, log_query
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct
from haystack.utils.app_loading import haystack_get_model
from whoosh import query as Q
from whoosh import sorting
from whoosh.qparser import QueryParser

from . import highlight as hl
from .analysis import fix_field_length_lookup
from .counting import ColumnCache, can_count, count_matches
from .dates import to_index_datetime
from .facets import collect_facets, counted_facets, plan_facets
from .language import StemmedFuzzyTermPlugin, suggest_spelling
from .narrow import apply_filters, parse_narrow
from .schema import build_schema

fix_field_length_lookup()

# How long a write waits for another process's lock before giving up with an error.
LOCK_TIMEOUT_SECONDS = 120.0
# Documents per rebuild batch above which the writer uses both cores.
PARALLEL_BATCH = 2000


class ClippingsWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.procs = int(connection_options.get("PROCS", 1))
        self.column_cache = ColumnCache()

    def setup(self):
        super().setup()
        self._searcher = None
        self.parser = self.make_parser(self.content_field_name)

    def make_parser(self, fieldname: str) -> QueryParser:
        parser = QueryParser(fieldname, schema=self.schema)
        parser.add_plugin(StemmedFuzzyTermPlugin())
        return parser

    def build_schema(self, fields):
        return build_schema(fields)

    # --- writes ------------------------------------------------------------------------------

    def _writer(self, size: int = 0):
        self.index = self.index.refresh()
        if size >= PARALLEL_BATCH and self.procs > 1:
            return self.index.writer(
                timeout=LOCK_TIMEOUT_SECONDS, procs=self.procs, multisegment=True,
                limitmb=256,
            )
        return self.index.writer(timeout=LOCK_TIMEOUT_SECONDS, delay=0.05, limitmb=256)

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        documents = self._prepare(index, iterable)
        if documents:
            self._write(Q.Or([Q.Term(ID, doc[ID]) for doc in documents]), documents)

    def _prepare(self, index, objects) -> list[dict]:
        documents = []
        for obj in objects:
            try:
                prepared = index.full_prepare(obj)
            except SkipDocument:
                continue
            prepared.pop("boost", None)
            # A missing value (no date, no outlet) is left out, never indexed as "None".
            documents.append({
                key: self._from_python(value)
                for key, value in prepared.items()
                if value is not None and value != []
            })
        return documents

    def _write(self, deletions, documents: list[dict]) -> None:
        """Delete what ``deletions`` matches, add ``documents``: one writer, one commit."""
        writer = self._writer(len(documents))
        for field in writer.schema:  # the spelling word list restarts with each new segment
            if hasattr(field, "start_segment"):
                field.start_segment()
        try:
            if deletions is not None:
                writer.delete_by_query(deletions)
            for document in documents:
                writer.add_document(**document)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def replace_article_documents(self, *, article_ids, documents) -> None:
        """In one commit: delete the documents of these articles (the article itself and every
        document whose ``article_id`` is one of them), then add ``documents``, a list of
        ``(search index, objects)``."""
        if not self.setup_complete:
            self.setup()
        prepared = [doc for index, objs in documents for doc in self._prepare(index, objs)]
        doomed: list[Q.Query] = [Q.Term(ID, f"search.article.{pk}") for pk in article_ids]
        if "article_id" in self.schema.names():
            doomed += [Q.Term("article_id", int(pk)) for pk in article_ids]
        doomed += [Q.Term(ID, doc[ID]) for doc in prepared]
        self._write(Q.Or(doomed), prepared)

    def remove(self, obj_or_string, commit=True):
        self.remove_identifiers([get_identifier(obj_or_string)])

    def remove_identifiers(self, identifiers) -> None:
        """Delete documents by haystack identifier (``search.article.12``), waiting for the lock."""
        if not self.setup_complete:
            self.setup()
        identifiers = list(identifiers)
        if not identifiers:
            return
        writer = self._writer()
        try:
            writer.delete_by_query(Q.Or([Q.Term(ID, ident) for ident in identifiers]))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        if models is None:
            self.delete_index()
            return
        writer = self._writer()
        try:
            writer.delete_by_query(Q.Or([Q.Term(DJANGO_CT, get_model_ct(m)) for m in models]))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def optimize(self):
        if not self.setup_complete:
            self.setup()
        writer = self._writer()
        writer.commit(optimize=True)

    def indexed_identifiers(self) -> set[str]:
        """Every document identifier in the index (for comparing the index with the database)."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        with self.index.searcher() as searcher:
            return {fields[ID] for fields in searcher.all_stored_fields()}

    def _from_python(self, value):
        if hasattr(value, "strftime"):
            return to_index_datetime(value)
        return super()._from_python(value)

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
        parsed = self.parser.parse(query_string)
        filters = [self._parse_narrow(force_str(nq)) for nq in narrow_queries or ()]
        model_filter = self._model_filter(models)
        if model_filter is not None:
            filters.append(model_filter)
        plan = plan_facets(facets=facets, date_facets=date_facets, query_facets=query_facets,
                           parse=self.parser.parse, schema=self.schema)
        with self._reading() as searcher:
            if parsed is None or parsed is Q.NullQuery:
                hits, page, results = 0, [], None
                facet_counts = {"fields": {}, "dates": {}, "queries": {}}
            else:
                query = apply_filters(parsed, filters)
                fast = not plan.has_grouped() and can_count(self.schema, plan.field_names())
                results = searcher.search(
                    query,
                    limit=None if not fast or end_offset is None else max(end_offset, 1),
                    sortedby=self._sorting(sort_by),
                    groupedby=None if fast else plan.groups,
                )
                if fast:
                    hits, counters = count_matches(
                        searcher, query, plan.field_names(), self.column_cache)
                    facet_counts = counted_facets(counters, plan.limits())
                else:
                    hits = len(results)
                    facet_counts = collect_facets(plan, results)
                page = results[start_offset or 0: end_offset] if hits else []
            if highlight and results is not None:
                hl.configure(results)
            documents = [self._to_result(hit, highlight, result_class) for hit in page]
            suggestion = None
            if self.include_spelling and (spelling_query or hits < 5):
                suggestion = suggest_spelling(
                    searcher.reader(), self.content_field_name, spelling_query or query_string
                )
        return {
            "results": documents,
            "hits": hits,
            "facets": facet_counts,
            "spelling_suggestion": suggestion,
        }

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
            related = searcher.more_like(
                docnum, self.content_field_name, top=top, numterms=12, filter=restrict
            )
            page = list(related)[start_offset or 0: end_offset]
            documents = [self._to_result(hit, False, result_class) for hit in page]
            return {"results": documents, "hits": len(related)}

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

    def _parse_narrow(self, text: str):
        return parse_narrow(text, schema=self.schema, parse=self.parser.parse)

    def _model_filter(self, models):
        registered = sorted(self.build_models_list())
        chosen = sorted(get_model_ct(m) for m in models) if models else registered
        if set(chosen) >= set(registered):
            return None  # the index holds only registered models
        return Q.Or([Q.Term(DJANGO_CT, ct) for ct in chosen])

    def _sorting(self, sort_by):
        """Whoosh sort keys for haystack's ``order_by``: directions may differ per field, and a
        document without the field sorts last both ways (as Elasticsearch and the ORM lists do;
        Whoosh's column default would sort it as the largest value)."""
        if not sort_by:
            return None
        keys = []
        for name in sort_by:
            descending = name.startswith("-")
            field = name.lstrip("-")
            keys.append(sorting.QueryFacet({0: Q.Every(field)}, other=1))
            keys.append(sorting.FieldFacet(field, reverse=descending))
        return sorting.MultiFacet(keys)

    def _to_result(self, hit, highlight, result_class):
        from haystack import connections

        stored = hit.fields()
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
        if highlight:
            text = stored.get(self.content_field_name, "")
            values["highlighted"] = {
                self.content_field_name: [hl.snippet(hit, self.content_field_name, text)]
            }
        score = hit.score if hit.score is not None else 0
        return (result_class or SearchResult)(
            app_label, model_name, stored[DJANGO_ID], score, **values
        )


class ClippingsWhooshQuery(WhooshSearchQuery):
    pass


class ClippingsWhooshEngine(BaseEngine):
    backend = ClippingsWhooshBackend
    query = ClippingsWhooshQuery
