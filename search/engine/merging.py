"""Committing new segments, and merging small segments in one pass.

Whoosh's stock commit merges small segments by re-adding every posting of theirs, one at a time,
to its posting pool (sorted runs pickled to temporary files and merged back): an ingest that
commits every 500 articles spent most of its indexing time re-merging what it had just written.

Here a commit (``commit_segments``) lists the new segments beside the old ones and merges only
when a size tier holds ``MERGE_FACTOR`` segments (a log-structured policy: each document is
rewritten about log_F(N / batch) times). ``merge_segments`` reads each term's posting blocks
whole (a Clippings record as arrays, a W3 list, from an index written before, posting by
posting), renumbers the documents, drops deleted ones and writes one record (``codec.py``)
with numpy; stored fields, lengths and columns are
copied document by document. Searches are never blocked: a searcher keeps reading the
generation it opened until it refreshes, and the merged segment appears in the next TOC.
"""

from __future__ import annotations

import heapq
import math
from array import array
from itertools import groupby

import numpy as np
from whoosh.fields import SpellField
from whoosh.reading import SegmentReader

from .codec import (
    BYTES,
    NO_VALUES,
    POSITIONS,
    clippings_codec,
    is_record,
    read_record,
    value_kind,
    write_postings,
)
from .field_writing import length_bytes, write_spelling_term
from .words import write_missing

MERGE_FACTOR = 8  # segments of one size tier that are merged together
SMALLEST_TIER = 100  # documents: every segment below this is in tier 0
MAX_MERGE_DOCS = 10_000  # larger segments (a rebuild's) are never merged again: a commit that
# merged them would keep an admin edit waiting for seconds


def _tier(segment) -> int:
    live = segment.doc_count()
    return 0 if live < SMALLEST_TIER else 1 + int(math.log(live / SMALLEST_TIER, MERGE_FACTOR))


def plan_merges(segments: list) -> list[list]:
    """Groups of segments to merge: any size tier holding ``MERGE_FACTOR`` or more segments
    (of at most ``MAX_MERGE_DOCS`` live documents each)."""
    tiers: dict[int, list] = {}
    for segment in segments:
        if segment.doc_count() <= MAX_MERGE_DOCS:
            tiers.setdefault(_tier(segment), []).append(segment)
    return [group for _, group in sorted(tiers.items()) if len(group) >= MERGE_FACTOR]


def commit_segments(writer, added: list, *, merge: bool = True, words=None) -> None:
    """Finish ``writer`` (a Whoosh ``SegmentWriter`` holding the lock, its deletions applied to
    its segments) with ``added`` listed after the existing segments, merging by the tiered
    policy; the writer's own (empty) segment is discarded. ``words``: the spelling words the
    builder of an added segment already has (``{segment id: {field: SegmentWords}}``), saved
    as they are rather than read back from the segment's lexicon."""
    try:
        segments = [s for s in writer.segments if s.doc_count() > 0] + list(added)
        while merge:
            groups = plan_merges(segments)
            if not groups:
                break
            for group in groups:
                merged = merge_segments(writer.storage, writer.indexname, writer.schema, group)
                keep = [s for s in segments if s not in group]
                segments = keep + ([merged] if merged.doc_count_all() else [])
        writer._close_segment()
        writer._commit_toc(segments)
    except BaseException:
        writer.cancel()
        raise
    writer._finish()
    # Each new segment's spelling words, read once here rather than by every search process.
    write_missing(writer.storage, writer.schema, segments, known=words)


def merge_segments(storage, indexname: str, schema, segments: list):
    """One new segment holding the live documents of ``segments``, in their order."""
    codec = clippings_codec()
    new = codec.new_segment(storage, indexname)
    perdoc = codec.per_document_writer(storage, new)
    readers = [SegmentReader(storage, schema, segment) for segment in segments]
    try:
        docmaps, lengths = _copy_documents(perdoc, schema, readers)
        perdoc.close()
        total = sum(int((np.frombuffer(m, dtype=np.int32) >= 0).sum()) for m in docmaps)
        lengths = {name: _codes(found, total) for name, found in lengths.items()}
        fieldwriter = codec.field_writer(storage, new)
        _copy_postings(fieldwriter, schema, readers, docmaps, lengths)
        fieldwriter.close()
    finally:
        for reader in readers:
            reader.close()
    new.set_doc_count(sum(len([d for d in m if d >= 0]) for m in docmaps))
    if new.should_assemble():
        new.create_compound_file(storage)
        new.compound = True
    return new


def _copy_documents(perdoc, schema, readers):
    names = schema.names()
    docmaps: list[array] = []
    lengths: dict[str, dict[int, int]] = {}
    newdoc = 0
    for reader in readers:
        docmap = array("i", [-1]) * reader.doc_count_all()
        columns = {}
        for name in names:
            column = schema[name].column_type
            if column and reader.has_column(name):
                creader = reader.column_reader(name, column, translate=False)
                columns[name] = creader
        scorable = [n for n in names if schema[n].scorable]
        for docnum, stored in reader.iter_docs():
            docmap[docnum] = newdoc
            perdoc.start_doc(newdoc)
            for name in names:
                field = schema[name]
                length = reader.doc_field_length(docnum, name) if name in scorable else 0
                if length:
                    lengths.setdefault(name, {})[newdoc] = length
                perdoc.add_field(name, field, stored.get(name), length)
                if name in columns:
                    perdoc.add_column_value(name, field.column_type, columns[name][docnum])
            perdoc.finish_doc()
            newdoc += 1
        docmaps.append(docmap)
    return docmaps, lengths


def _terms(reader, index: int):
    for fieldname, tbytes in reader._terms.terms():
        yield fieldname, tbytes, index


def _codes(lengths: dict[int, int], count: int) -> np.ndarray:
    codes = np.zeros(count, dtype=np.uint8)
    if lengths:
        docs = np.fromiter(lengths.keys(), dtype=np.int64, count=len(lengths))
        codes[docs] = length_bytes(np.fromiter(lengths.values(), dtype=np.int64,
                                               count=len(lengths)))
    return codes


def _copy_postings(writer, schema, readers, docmaps, lengths) -> None:
    merged = heapq.merge(*(_terms(r, i) for i, r in enumerate(readers)))
    maps = [np.frombuffer(m, dtype=np.int32).astype(np.int64) for m in docmaps]
    current = None
    for (fieldname, tbytes), group in groupby(merged, key=lambda t: (t[0], t[1])):
        if fieldname not in schema:
            continue
        fieldobj = schema[fieldname]
        if fieldname != current:
            if current is not None:
                writer.finish_field()
            writer.start_field(fieldname, fieldobj)
            current = fieldname
            spelling = isinstance(fieldobj, SpellField)
            kind = value_kind(fieldobj.format)
            codes = lengths.get(fieldname)
        sources = [i for _, _, i in group]
        if spelling:
            write_spelling_term(writer, tbytes)
            continue
        parts = [_read_term(readers[i], fieldname, tbytes, fieldobj.format, kind, maps[i])
                 for i in sources]
        parts = [p for p in parts if len(p[0])]
        if not parts:
            continue
        ids = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts])
        counts = data = None
        if kind != NO_VALUES:
            counts = np.concatenate([p[2] for p in parts])
            data = (np.concatenate([p[3] for p in parts]) if kind == POSITIONS
                    else b"".join(p[3] for p in parts))
        write_postings(writer, tbytes, ids, weights, kind, counts, data, codes)
    if current is not None:
        writer.finish_field()


def _read_term(reader, fieldname, tbytes, fmt, kind: int, docmap: np.ndarray) -> tuple:
    """One segment's postings of a term, renumbered, deleted documents left out:
    (ids, weights, counts, data) as ``write_postings`` takes them."""
    terms = reader._terms
    terminfo = terms.term_info(fieldname, tbytes)
    if is_record(terms._postfile, terminfo):
        record = read_record(terms._postfile, terminfo)
        new = docmap[record.ids]
        keep = new >= 0
        counts = data = None
        if kind != NO_VALUES:
            counts = record.counts[keep]
            mask = np.repeat(keep, record.counts)
            data = record.data[mask] if kind == POSITIONS else \
                np.frombuffer(record.data, dtype=np.uint8)[mask].tobytes()
        return new[keep], record.weight_array()[keep], counts, data
    # W3 postings (an index written before the Clippings codec): one posting at a time
    matcher = terms.matcher(fieldname, tbytes, fmt)
    ids, weights, values = [], [], []
    while matcher.is_active():
        new = docmap[matcher.id()]
        if new >= 0:
            ids.append(new)
            weights.append(matcher.weight())
            if kind != NO_VALUES:
                values.append(matcher.value())
        matcher.next()
    counts = data = None
    if kind == POSITIONS:
        decoded = [fmt.decode_positions(v) for v in values]
        counts = np.array([len(p) for p in decoded], dtype=np.uint32)
        data = np.array([p for ps in decoded for p in ps], dtype=np.uint32)
    elif kind == BYTES:
        counts = np.array([len(v) for v in values], dtype=np.uint32)
        data = b"".join(values)
    return (np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32), counts, data)


__all__ = ["MERGE_FACTOR", "commit_segments", "merge_segments", "plan_merges"]
