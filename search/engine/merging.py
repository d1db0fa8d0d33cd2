"""Committing new segments, and merging small segments in one pass.

Whoosh's stock commit merges small segments by re-adding every posting of theirs, one at a time,
to its posting pool (sorted runs pickled to temporary files and merged back): an ingest that
commits every 500 articles spent most of its indexing time re-merging what it had just written.

Here a commit (``commit_segments``) lists the new segments beside the old ones and merges only
when a size tier holds ``MERGE_FACTOR`` segments (a log-structured policy: each document is
rewritten about log_F(N / batch) times). ``merge_segments`` reads each term's posting blocks
whole (a Clippings record as arrays, a W3 list, from an index written before, posting by
posting), renumbers the documents, drops deleted ones and writes one record (``codec.py``)
with numpy; stored fields, lengths and columns are copied document by document
(``merge_documents.py``). Searches are never blocked: a searcher keeps reading the generation
it opened until it refreshes, and the merged segment appears in the next TOC.
"""

from __future__ import annotations

import math

import numpy as np
from whoosh.fields import SpellField
from whoosh.reading import SegmentReader

from . import background_merges
from .codec import (
    BYTES,
    HEADER_SIZE,
    NO_VALUES,
    POSITIONS,
    RECORD_HEADER,
    add_joined_terms,
    clippings_codec,
    encode_record,
    is_record,
    read_record,
    term_stats,
    value_kind,
)
from .field_writing import length_bytes, write_spelling_words
from .merge_bulk import BULK_KINDS, FLUSH_TERMS, merged_records, ranges
from .merge_documents import copy_documents
from .merge_terms import SourceTerms, merged_order, moved, records_of
from .words import merged_lists, write_missing

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
        docmaps, lengths = copy_documents(perdoc, schema, readers)
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
    """Every field's terms of the sources, merged (``merge_terms.py``), in field order."""
    sources = [SourceTerms(reader) for reader in readers]
    maps = [np.frombuffer(m, dtype=np.int32).astype(np.int64) for m in docmaps]
    offsets = _offsets(docmaps)
    merge = _Merge(readers, sources, maps, offsets)
    for fieldname in sorted({name for source in sources for name in source.fields}):
        if fieldname not in schema:
            continue
        fieldobj = schema[fieldname]
        writer.start_field(fieldname, fieldobj)
        terms, source, entry, starts = merged_order(sources, fieldname)
        if isinstance(fieldobj, SpellField):
            write_spelling_words(writer, [terms[k] for k in starts.tolist()])
        else:
            merge.field(writer, fieldname, fieldobj, lengths.get(fieldname),
                        terms, source, entry, starts)
        writer.finish_field()


class _Merge:
    """The merge of one field's terms, ``FLUSH_TERMS`` merged terms at a time: a term of one
    source without deletions moved, the others merged together (``merged_records``) or, for
    values of other kinds and W3 postings, one by one (``_merged_alone``)."""

    def __init__(self, readers, sources, maps, offsets) -> None:
        self.readers, self.sources, self.maps, self.offsets = readers, sources, maps, offsets
        self.shifts = np.array([o or 0 for o in offsets], dtype=np.int64)
        self.whole = np.array([o is not None for o in offsets], dtype=bool)
        self.docmap = np.concatenate(maps) if maps else np.zeros(0, dtype=np.int64)
        self.bases = np.cumsum([0] + [len(m) for m in maps[:-1]]).astype(np.int64)

    def field(self, writer, fieldname, fieldobj, codes, terms, source, entry, starts) -> None:
        kind = value_kind(fieldobj.format)
        ends = np.append(starts[1:], len(terms))
        for first in range(0, len(starts), FLUSH_TERMS):
            lo, hi = starts[first:first + FLUSH_TERMS], ends[first:first + FLUSH_TERMS]
            records, stats = self._flush(fieldname, fieldobj, kind, codes, terms, source, entry,
                                         lo, hi)
            kept = [k for k, record in enumerate(records) if record is not None]
            if kept:
                sizes = np.fromiter((len(records[k]) for k in kept), dtype=np.int64,
                                    count=len(kept))
                add_joined_terms(writer, [terms[int(lo[k])] for k in kept],
                                 b"".join([records[k] for k in kept]), sizes, stats[kept])

    def _flush(self, fieldname, fieldobj, kind, codes, terms, source, entry, lo, hi):
        """The record of each group of entries ``lo[k]:hi[k]`` (None when none of its
        postings is live) and its statistics (a row each)."""
        base = int(lo[0])
        src, ent = source[base:int(hi[-1])], entry[base:int(hi[-1])]
        blobs = records_of(self.sources, src, ent)
        held = np.fromiter((blob is not None for blob in blobs), dtype=bool, count=len(blobs))
        firsts = lo - base
        move = (hi - lo == 1) & held[firsts] & self.whole[src[firsts]]
        records: list = [None] * len(lo)
        stats = np.zeros((len(lo), 7), dtype=np.float64)
        if move.any():
            at = firsts[move]
            found, stats[move] = moved(self.sources, [blobs[k] for k in at.tolist()], src[at],
                                       ent[at], self.shifts)
            for k, record in zip(np.flatnonzero(move).tolist(), found, strict=True):
                records[k] = record
        rest = ~move
        whole_groups = np.logical_and.reduceat(held, firsts)  # every entry a Clippings record
        bulk = rest & whole_groups if kind in BULK_KINDS else np.zeros(len(lo), dtype=bool)
        if bulk.any():
            self._bulk(records, stats, bulk, blobs, src, firsts, hi - lo, kind, codes)
        owners = src.tolist()
        for k in np.flatnonzero(rest & ~bulk).tolist():
            a, b = int(firsts[k]), int(hi[k]) - base
            done = self._merged_alone(fieldname, fieldobj, kind, codes, terms[base + a],
                                      [(owners[e], blobs[e]) for e in range(a, b)])
            if done is not None:
                records[k], stats[k] = done
        return records, stats

    def _bulk(self, records, stats, bulk, blobs, src, firsts, sizes, kind, codes) -> None:
        """The groups ``bulk`` merged at once (``merged_records``) into ``records``, ``stats``."""
        chosen = np.flatnonzero(bulk)
        entries = ranges(firsts[chosen], sizes[chosen])
        buffer, lengths, stats[chosen] = merged_records(
            [blobs[e] for e in entries.tolist()], src[entries],
            np.repeat(np.arange(len(chosen)), sizes[chosen]), len(chosen), kind, self.docmap,
            self.bases, codes)
        data = buffer.tobytes()
        ends = np.cumsum(lengths)
        for k, a, b in zip(chosen.tolist(), (ends - lengths).tolist(), ends.tolist(),
                           strict=True):
            if b > a:
                records[k] = data[a:b]

    def _merged_alone(self, fieldname, fieldobj, kind, codes, tbytes, blobs):
        parts = []
        for i, blob in blobs:
            part = (_renumbered(blob, kind, self.maps[i], self.offsets[i]) if blob is not None
                    else _read_term(self.readers[i], fieldname, tbytes, fieldobj.format, kind,
                                    self.maps[i]))
            if len(part[0]):
                parts.append(part)
        if not parts:
            return None
        ids = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts])
        counts = data = None
        if kind != NO_VALUES:
            counts = np.concatenate([p[2] for p in parts])
            data = (np.concatenate([p[3] for p in parts]) if kind == POSITIONS
                    else b"".join(p[3] for p in parts))
        return (encode_record(ids, weights, kind, counts, data),
                term_stats(ids, weights, codes))


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
