"""The write half of Clippings' haystack backend (``whoosh.ClippingsWhooshBackend``): documents
prepared once per batch, deletes and adds in one writer and one commit, a new segment built in
one pass (``segments.SegmentBuilder``), and every write waiting for Whoosh's lock instead of
failing. The engine knows no model: callers say which documents a change replaces
(``replace_documents(delete_where=…)``). ``start_replace_documents`` is the same write with its
segment built by a builder process (``builder_process.py``) while the caller goes on (ingest).
"""

from __future__ import annotations

import contextlib

from haystack.constants import DJANGO_CT, ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier, get_model_ct
from whoosh import query as Q

from .builder_process import builder_for
from .dates import to_index_datetime
from .merging import commit_segments
from .pairs import with_pairs
from .percolate import percolate
from .segments import SegmentBuilder
from .term_index import hash_index

# How long a write waits for another process's lock before giving up with an error.
LOCK_TIMEOUT_SECONDS = 120.0


class IndexWriting:
    """Mixed into the backend before haystack's ``WhooshSearchBackend``."""

    def _writer(self, size: int = 0):
        self.index = self.index.refresh()
        return self.index.writer(timeout=LOCK_TIMEOUT_SECONDS, delay=0.05, limitmb=256)

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        documents = self._prepare(index, iterable)
        if documents:
            self._write({ID: [doc[ID] for doc in documents]}, documents)

    def percolate(self, *, batches, searches) -> list[set[str]]:
        """For each ``(query_string, narrow_queries)`` of ``searches``: the ids of the documents
        it matches among ``batches`` (``(haystack index, objects)`` pairs); ``percolate.py``."""
        if not self.setup_complete:
            self.setup()
        documents = [doc for index, objects in batches for doc in self._prepare(index, objects)]
        return percolate(self, documents=documents, searches=searches)

    def _prepare(self, index, objects) -> list[dict]:
        objects = list(objects)
        documents = []
        if hasattr(index, "prefetch"):
            index.prefetch(objects)  # what prepare() would query per object, for the batch
        try:
            for obj in objects:
                try:
                    prepared = index.full_prepare(obj)
                except SkipDocument:
                    continue
                prepared.pop("boost", None)
                # A missing value (no date, no outlet) is left out, never indexed as "None".
                documents.append(with_pairs({
                    key: self._from_python(value)
                    for key, value in prepared.items()
                    if value is not None and value != []
                }, self.content_field_name, self.schema))
        finally:
            if hasattr(index, "forget_prefetched"):
                index.forget_prefetched()
        return documents

    def _write(self, deletions, documents: list[dict]) -> None:
        """Delete what ``deletions`` matches (``_delete``), add ``documents`` as one new segment
        built in one pass (``segments.SegmentBuilder``): one writer, one commit, the lock held
        throughout."""
        writer = self._writer(len(documents))
        try:
            _delete(writer, deletions)
            built = self._built(writer.schema, documents) if documents else None
        except BaseException:
            writer.cancel()
            raise
        _commit(writer, built)

    def _built(self, schema, documents: list[dict]) -> tuple:
        """A new segment of ``documents`` and its spelling words."""
        builder = SegmentBuilder(self.storage, self.index.indexname, schema)
        for document in documents:
            builder.add_document(document)
        return builder.finish(), builder.spelling_words

    def replace_documents(self, *, documents, delete_where=None) -> None:
        """In one commit: delete every document whose field holds one of the given values
        (``delete_where``: ``{field: values}``, e.g. ``{"id": [...], "article_id": [...]}``; a
        field the schema lacks is skipped) and the earlier version of each document added, then
        add ``documents``, a list of ``(search index, objects)``. The engine knows no model: the
        caller says what a set of documents is."""
        prepared, doomed = self._replacement(documents, delete_where)
        self._write(doomed, prepared)

    def start_replace_documents(self, *, documents, delete_where=None) -> PendingWrite:
        """``replace_documents`` in two halves: the documents are prepared here, the writer
        (and its lock) taken, and the segment built by this process's builder process
        (``builder_process.py``) while the caller goes on; ``finish()`` on the result (from any
        thread) waits for the segment and commits. Until then the lock is held."""
        prepared, doomed = self._replacement(documents, delete_where)
        folder = getattr(self.storage, "folder", None)
        writer = self._writer(len(prepared))
        try:
            builder = None
            if prepared and folder:
                builder = builder_for(writer.schema)
                builder.submit(folder, self.index.indexname, prepared)
            _delete(writer, doomed)  # meanwhile
            if prepared and builder is None:  # not in a folder: built here
                return PendingWrite(writer, None, self._built(writer.schema, prepared))
        except BaseException:
            writer.cancel()
            if builder is not None:
                with contextlib.suppress(Exception):
                    builder.result()  # the segment is not listed: the next commit deletes it
            raise
        return PendingWrite(writer, builder, None)

    def _replacement(self, documents, delete_where) -> tuple[list[dict], dict[str, list]]:
        """The prepared documents, and the terms (``{field: values}``) of the documents they
        replace: ``delete_where``'s and the prepared documents' own ids."""
        if not self.setup_complete:
            self.setup()
        prepared = [doc for index, objs in documents for doc in self._prepare(index, objs)]
        doomed = {field: list(values) for field, values in (delete_where or {}).items()}
        doomed.setdefault(ID, []).extend(doc[ID] for doc in prepared)
        return prepared, doomed

    def remove(self, obj_or_string, commit=True):
        self.remove_identifiers([get_identifier(obj_or_string)])

    def remove_identifiers(self, identifiers) -> None:
        """Delete documents by haystack identifier (``app.model.pk``), waiting for the lock."""
        if not self.setup_complete:
            self.setup()
        identifiers = list(identifiers)
        if not identifiers:
            return
        writer = self._writer()
        try:
            delete_terms(writer, {ID: identifiers})
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


class PendingWrite:
    """A replacement whose segment is being built (``start_replace_documents``)."""

    def __init__(self, writer, builder, built) -> None:
        self.writer, self.builder, self.built = writer, builder, built

    def finish(self) -> None:
        """Wait for the segment and commit it (or cancel the write and raise)."""
        try:
            built = self.builder.result() if self.builder is not None else self.built
        except BaseException:
            self.writer.cancel()
            raise
        _commit(self.writer, built)


def _delete(writer, deletions) -> None:
    """Apply ``deletions``: ``None``, terms (``{field: values}``, ``delete_terms``) or a Whoosh
    query (``delete_by_query``)."""
    if deletions is None:
        return
    if isinstance(deletions, dict):
        delete_terms(writer, deletions)
    else:
        writer.delete_by_query(deletions)


def delete_terms(writer, terms: dict) -> int:
    """Mark deleted, in ``writer``'s segments, every live document holding one of ``terms``
    (``{field: values}``; a field the schema lacks, or a value it cannot hold, is skipped):
    what ``delete_by_query(Or([Term(field, value), ...]))`` deletes, with each term looked up
    in each segment's term index instead (no union matcher over thousands of terms: the id of
    a new document, found in no segment, costs one hash look-up a segment). How many
    deletions were made."""
    schema = writer.schema
    wanted = []
    for field, values in terms.items():
        if field not in schema:
            continue
        fieldobj = schema[field]
        for value in values:
            try:
                wanted.append((field, fieldobj.to_bytes(value)))
            except ValueError:  # (as Term.matcher: no such term)
                continue
    count = 0
    if not wanted:
        return count
    searcher = writer.searcher()
    try:
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            doomed = set()
            for key in _held(reader, wanted):  # postings() leaves out deleted documents
                doomed.update(reader.postings(*key).all_ids())
            for docnum in sorted(doomed):
                writer.delete_document(docnum + offset)
            count += len(doomed)
    finally:
        searcher.close()
    return count


def _held(reader, wanted: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The ``(field, term bytes)`` of ``wanted`` that the segment's term index holds: looked up
    with positioned reads where the term index allows (``term_index``, ~a third of Whoosh's
    ``key in reader`` for a term it lacks, the id of a new document), else through Whoosh."""
    terms = getattr(reader, "_terms", None)
    index = hash_index(terms) if terms is not None else None
    if index is None:
        return [key for key in wanted if key in reader]
    prefixes = {name: number.to_bytes(2, "big") for name, number in terms._fieldmap.items()}
    get = index.get
    return [key for key in wanted
            if key[0] in prefixes and get(prefixes[key[0]] + key[1]) is not None]


def _commit(writer, built) -> None:
    """Commit ``writer`` with the segment ``built`` (``(segment, spelling words)``) if any."""
    if built is None:
        commit_segments(writer, [])
        return
    segment, words = built
    commit_segments(writer, [segment], words={segment.segment_id(): words})
