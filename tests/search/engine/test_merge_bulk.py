"""Merging a flush of terms at once (``merge_bulk.merged_records``) gives, term by term, the
record and statistics of merging each term on its own (renumbered, deleted documents dropped,
``codec.encode_record`` and ``codec.term_stats``): shared or varied weights, positions or none,
terms left with no live posting."""

from __future__ import annotations

import numpy as np
import pytest

from search.engine.codec import BYTES, NO_VALUES, POSITIONS, encode_record, term_stats
from search.engine.merge_bulk import merged_records


def _source(rng, docs: int, kind: int):
    """One segment's random postings of a term: (ids, weights, counts, positions)."""
    ids = np.sort(rng.choice(docs, size=rng.integers(1, min(docs, 6) + 1), replace=False))
    if rng.random() < 0.5:
        weights = np.full(len(ids), rng.choice([1.0, 2.0, 0.5]), dtype=np.float32)
    else:
        weights = rng.integers(1, 5, size=len(ids)).astype(np.float32)
    counts = data = None
    if kind == POSITIONS:
        counts = rng.integers(1, 4, size=len(ids)).astype(np.uint32)
        data = rng.integers(0, 500, size=int(counts.sum())).astype(np.uint32)
    return ids.astype(np.uint32), weights, counts, data


def _one_by_one(sources, kind, maps, codes):
    """The term-by-term merge, as ``merging`` does it for a term."""
    ids, weights, counts, data = [], [], [], []
    for i, (src_ids, src_weights, src_counts, src_data) in sources:
        new = maps[i][src_ids]
        keep = new >= 0
        ids.append(new[keep])
        weights.append(src_weights[keep])
        if kind == POSITIONS:
            counts.append(src_counts[keep])
            data.append(src_data[np.repeat(keep, src_counts)])
    ids, weights = np.concatenate(ids), np.concatenate(weights)
    if not len(ids):
        return None
    counts = np.concatenate(counts) if kind == POSITIONS else None
    data = np.concatenate(data) if kind == POSITIONS else None
    return encode_record(ids, weights, kind, counts, data), term_stats(ids, weights, codes)


@pytest.mark.parametrize("kind", [NO_VALUES, POSITIONS])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_flush_merged_at_once_equals_each_term_merged_alone(kind, seed):
    rng = np.random.default_rng(seed)
    sizes = [7, 12, 5, 9]
    maps, bases, new = [], [], 0
    for size in sizes:
        docmap = np.full(size, -1, dtype=np.int64)
        live = rng.random(size) < (0.2 if seed == 3 else 0.8)  # seed 3: most deleted
        docmap[live] = np.arange(new, new + int(live.sum()))
        new += int(live.sum())
        bases.append(sum(len(m) for m in maps))
        maps.append(docmap)
    codes = rng.integers(0, 6, size=new).astype(np.uint8)  # some zero: no length
    terms, expected = [], []
    for _ in range(300):
        chosen = sorted(rng.choice(len(sizes), size=rng.integers(1, 5), replace=False))
        sources = [(int(i), _source(rng, sizes[i], kind)) for i in chosen]
        terms.append([(i, encode_record(*postings[:2], kind, *postings[2:]))
                      for i, postings in sources])
        expected.append(_one_by_one(sources, kind, maps, codes))
    got = _merged(terms, kind, np.concatenate(maps), np.array(bases), codes)
    assert any(e is not None for e in expected)
    assert seed != 3 or any(e is None for e in expected)  # terms with no live posting left
    assert got == expected
    no_codes = _merged(terms, kind, np.concatenate(maps), np.array(bases), None)
    assert [g and g[1][2:4] for g in no_codes] == [e and (0, 0) for e in expected]


def _merged(terms, kind, docmap, bases, codes) -> list:
    """``merged_records`` of the terms (each a list of ``(segment, record)``), as
    ``(record, statistics)`` a term (None: no live posting)."""
    entries = [entry for sources in terms for entry in sources]
    owner = np.repeat(np.arange(len(terms)), [len(sources) for sources in terms])
    records, sizes, stats = merged_records(
        [blob for _, blob in entries], np.array([i for i, _ in entries]), owner, len(terms),
        kind, docmap, bases, codes)
    data, ends = records.tobytes(), np.cumsum(sizes)
    return [(data[end - size:end], (row[0], int(row[1]), int(row[2]), int(row[3]), row[4],
                                    int(row[5]), int(row[6]))) if size else None
            for size, end, row in zip(sizes.tolist(), ends.tolist(), stats.tolist(),
                                      strict=True)]


def test_records_of_other_kinds_are_refused():
    with pytest.raises(ValueError):
        merged_records([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0, BYTES,
                       np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), None)
