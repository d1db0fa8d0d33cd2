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
import struct
from array import array
from itertools import groupby

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.fields import SpellField
from whoosh.reading import SegmentReader

from . import background_merges
from .codec import (
    BYTES,
    HEADER_SIZE,
    MAGIC,
    NO_VALUES,
    POSITIONS,
    RECORD_HEADER,
    clippings_codec,
    is_record,
    read_record,
    value_kind,
)
from .field_writing import length_bytes
from .merge_bulk import BULK_KINDS, MergedTerms
from .words import merged_lists, write_missing

MERGE_FACTOR = 8  # segments of one size tier that are merged together
SMALLEST_TIER = 100  # documents: every segment below this is in tier 0
MAX_MERGE_DOCS = 10_000  # larger segments (a rebuild's) are never merged again: a commit that
# merged them would keep an admin edit waiting for seconds

_PAIR_LENGTHS = struct.Struct("!ii")  # before each key and value of a term index (Whoosh's)
_FIELD_ID = struct.Struct(">H")  # a term index key starts with its field's number (Whoosh's)
_TERMINFO = W3TermInfo._struct  # a term info: statistics, then the record's offset and length
_EXTENT = struct.Struct(">qi")
_TERMINFO_BYTES = _TERMINFO.size + _EXTENT.size


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


def commit_segments(writer, added: list, *, merge: bool = True, words=None,
                    wait: bool = False) -> None:
    """Finish ``writer`` (a Whoosh ``SegmentWriter`` holding the lock, its deletions applied to
    its segments) with ``added`` listed after the existing segments, merging by the tiered
    policy; the writer's own (empty) segment is discarded. A large merge is started in the
    background and a finished one swapped in (``background_merges``; ``wait``: wait for the one
    in flight). ``words``: the spelling words the builder of an added segment already has
    (``{segment id: {field: SegmentWords}}``), saved as they are rather than read back from
    the segment's lexicon."""
    storage, indexname, schema = writer.storage, writer.indexname, writer.schema
    words = dict(words or {})
    built = {segment.segment_id() for segment in added}
    try:
        segments = background_merges.swap_in(storage, indexname,
                                             list(writer.segments) + list(added), wait=wait)
        reading = background_merges.busy(storage, indexname)  # kept until swapped, even empty
        segments = [s for s in segments if s.doc_count() > 0 or s.segment_id() in reading]
        while merge:
            reading = background_merges.busy(storage, indexname)
            groups = plan_merges([s for s in segments if s.segment_id() not in reading])
            here = []
            for group in groups:
                if background_merges.large(group) and (
                        background_merges.busy(storage, indexname)
                        or background_merges.start(storage, indexname, schema, group)):
                    continue  # merging in the background, or waiting for the merge there
                here.append(group)
            if not here:
                break
            for group in here:
                merged = merge_segments(storage, indexname, schema, group)
                words[merged.segment_id()] = merged_lists(storage, schema, group, words, built)
                keep = [s for s in segments if s not in group]
                segments = keep + ([merged] if merged.doc_count_all() else [])
        writer._close_segment()
        writer._commit_toc(segments)
    except BaseException:
        writer.cancel()
        raise
    writer._finish()
    # Each new segment's spelling words, read once here rather than by every search process.
    write_missing(storage, schema, segments, known=words, built=built)


def merge_segments(storage, indexname: str, schema, segments: list, *, into=None):
    """One new segment holding the live documents of ``segments``, in their order; its files
    are written into ``into`` (default: ``storage``, where the segments are)."""
    into = storage if into is None else into
    codec = clippings_codec()
    new = codec.new_segment(into, indexname)
    perdoc = codec.per_document_writer(into, new)
    readers = [SegmentReader(storage, schema, segment) for segment in segments]
    try:
        docmaps, lengths = _copy_documents(perdoc, schema, readers)
        perdoc.close()
        total = sum(int((np.frombuffer(m, dtype=np.int32) >= 0).sum()) for m in docmaps)
        lengths = {name: _codes(found, total) for name, found in lengths.items()}
        fieldwriter = codec.field_writer(into, new)
        _copy_postings(fieldwriter, schema, readers, docmaps, lengths)
        fieldwriter.close()
    finally:
        for reader in readers:
            reader.close()
    new.set_doc_count(sum(len([d for d in m if d >= 0]) for m in docmaps))
    if new.should_assemble():
        new.create_compound_file(into)
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
    """The segment's ``(field name, term, index, term info bytes)`` in the order of its term
    index, read in one pass (the index's key and value pairs as one read, no hash look-up a
    term), one at a time (a merge holds a term of each source, not every term)."""
    terms = reader._terms
    unmap = terms._fieldunmap
    tindex = terms._tindex
    start = tindex.startofdata
    data = tindex.dbfile.get(start, tindex.endofdata - start)
    lengths = _PAIR_LENGTHS.unpack_from
    field_id = _FIELD_ID.unpack_from
    at, end = 0, len(data)
    while at < end:
        keylen, valuelen = lengths(data, at)
        at += 8
        key = data[at:at + keylen]
        at += keylen
        yield unmap[field_id(key)[0]], key[2:], index, data[at:at + valuelen]
        at += valuelen


def _codes(lengths: dict[int, int], count: int) -> np.ndarray:
    codes = np.zeros(count, dtype=np.uint8)
    if lengths:
        docs = np.fromiter(lengths.keys(), dtype=np.int64, count=len(lengths))
        codes[docs] = length_bytes(np.fromiter(lengths.values(), dtype=np.int64,
                                               count=len(lengths)))
    return codes


def _offsets(docmaps) -> list[int | None]:
    """Per source segment, the number its first document becomes when it has no deleted
    documents (then every document moves by that much); ``None`` when it has some."""
    result: list[int | None] = []
    for docmap in docmaps:
        ids = np.frombuffer(docmap, dtype=np.int32)
        whole = len(ids) and ids[0] >= 0 and ids[-1] - ids[0] == len(ids) - 1
        result.append(int(ids[0]) if whole else None)
    return result


def _copy_postings(writer, schema, readers, docmaps, lengths) -> None:
    merged = heapq.merge(*(_terms(r, i) for i, r in enumerate(readers)))
    maps = [np.frombuffer(m, dtype=np.int32).astype(np.int64) for m in docmaps]
    offsets = _offsets(docmaps)
    postfiles = [reader._terms._postfile for reader in readers]
    docmap = np.concatenate(maps) if maps else np.zeros(0, dtype=np.int64)
    bases = np.cumsum([0] + [len(m) for m in maps[:-1]]).astype(np.int64)
    output = MergedTerms(writer, docmap, bases)
    current = None
    for (fieldname, tbytes), group in groupby(merged, key=lambda t: (t[0], t[1])):
        if fieldname not in schema:
            continue
        fieldobj = schema[fieldname]
        if fieldname != current:
            if current is not None:
                output.flush()
                writer.finish_field()
            writer.start_field(fieldname, fieldobj)
            current = fieldname
            spelling = isinstance(fieldobj, SpellField)
            kind = value_kind(fieldobj.format)
            codes = lengths.get(fieldname)
            output.field(kind, codes)
        if spelling:
            output.spelling_word(tbytes)
            continue
        sources = [(i, value) for _, _, i, value in group]
        if len(sources) == 1:  # the term of one segment: its record moved as it is
            i, value = sources[0]
            blob = _record_blob(postfiles[i], value)
            if blob is not None and offsets[i] is not None:
                output.add(tbytes, *_moved(blob, value, offsets[i]))
                continue
        blobs = [(i, _record_blob(postfiles[i], value)) for i, value in sources]
        if kind in BULK_KINDS and all(blob is not None for _, blob in blobs):
            output.defer(tbytes, blobs)  # merged with the flush's other terms
            continue
        parts = []
        for i, blob in blobs:
            part = (_renumbered(blob, kind, maps[i], offsets[i]) if blob is not None else
                    _read_term(readers[i], fieldname, tbytes, fieldobj.format, kind, maps[i]))
            if len(part[0]):
                parts.append(part)
        if not parts:
            continue
        ids = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts])
        counts = data = None
        if kind != NO_VALUES:
            counts = np.concatenate([p[2] for p in parts])
            data = (np.concatenate([p[3] for p in parts]) if kind == POSITIONS
                    else b"".join(p[3] for p in parts))
        output.add_arrays(tbytes, ids, weights, kind, counts, data, codes)
    if current is not None:
        output.flush()
        writer.finish_field()


def _record_blob(postfile, value: bytes) -> bytes | None:
    """The Clippings record a term info (its bytes) points to; ``None`` for W3 postings
    (inlined in the term info, or blocks: an index written before the Clippings codec)."""
    if len(value) != _TERMINFO_BYTES or value[0]:
        return None
    offset, length = _EXTENT.unpack_from(value, _TERMINFO.size)
    blob = postfile.get(offset, length)
    return blob if blob[:4] == MAGIC else None


def _moved(blob: bytes, value: bytes, offset: int) -> tuple[bytes, tuple]:
    """A record and its statistics with every document number plus ``offset`` (the other
    statistics are the document's, which do not change)."""
    _, weight, df, minlen, maxlen, maxweight, first, last = _TERMINFO.unpack_from(value)
    if offset:
        n = RECORD_HEADER.unpack_from(blob)[1]
        ids = np.frombuffer(blob, "<u4", n, HEADER_SIZE) + np.uint32(offset)
        blob = b"".join((blob[:HEADER_SIZE], ids.astype("<u4").tobytes(),
                         blob[HEADER_SIZE + 4 * n:]))
    return blob, (weight, df, minlen, maxlen, maxweight, first + offset, last + offset)


def _renumbered(blob: bytes, kind: int, docmap: np.ndarray, offset: int | None) -> tuple:
    """One record's postings renumbered, deleted documents left out: (ids, weights, counts,
    data) as ``write_postings`` takes them. ``offset``: what every document number moves by
    (``None``: the segment has deletions, ``docmap`` says)."""
    _, n, extra, _, mode, weight = RECORD_HEADER.unpack_from(blob)
    at = HEADER_SIZE
    ids = np.frombuffer(blob, "<u4", n, at)
    new = docmap[ids] if offset is None else ids.astype(np.int64) + offset
    at += 4 * n
    if mode:
        weights = np.frombuffer(blob, "<f4", n, at)
        at += 4 * n
    else:
        weights = np.full(n, weight, dtype=np.float32)
    counts = data = None
    if kind != NO_VALUES:
        counts = np.frombuffer(blob, "<u4", n, at)
        at += 4 * n
        data = (np.frombuffer(blob, "<u4", extra, at) if kind == POSITIONS
                else np.frombuffer(blob, np.uint8, extra, at))
    keep = None if offset is not None else new >= 0
    if keep is None or keep.all():
        if kind == BYTES:
            data = data.tobytes()
        return new, weights, counts, data
    if kind != NO_VALUES:
        mask = np.repeat(keep, counts)
        counts = counts[keep]
        data = data[mask] if kind == POSITIONS else data[mask].tobytes()
    return new[keep], weights[keep], counts, data


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
