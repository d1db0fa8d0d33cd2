"""Same-story clustering with MinHash/LSH (datasketch), pure Python.

Two signals, each a MinHash of word shingles:

- the body: syndicated copies and light rewrites share most of their word 5-shingles
  (Jaccard ≥ ``body_threshold``);
- the quotations: two outlets rewriting the same letter or statement share little prose (the seed
  reports ``000`` and ``001`` share 7% of their body shingles, against ≤ 0.1% for unrelated
  articles) but quote the same sentences verbatim (23% of their quoted shingles, 0% for unrelated
  pairs), so quoted text is fingerprinted on its own (Jaccard ≥ ``quote_threshold``, and only when
  both sides quote at least ``min_quote_shingles`` shingles, so that one shared stock phrase never
  joins two stories).

LSH (banded MinHash) finds candidates without comparing every pair; each candidate is then checked
with the estimated Jaccard similarity. ``band_keys`` turns a signature into the LSH bucket keys,
so that a database table can serve as the LSH index (see ``newsroom.services``);
``StoryClusterer`` is the in-memory equivalent used by the evaluation and the benchmarks.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, sub
from typing import TYPE_CHECKING

from .minhash import lean_from, lean_state, signature
from .text import WORD, words

if TYPE_CHECKING:
    import numpy as np
    from datasketch import LeanMinHash

# numpy and datasketch (which imports scipy: about 85 MB of resident memory) are imported where
# clustering runs, not with this module: every process that imports the admin or the ingestion
# services reaches it, and most never compute a signature.

_QUOTED = re.compile(r"[“\"]([^“”\"\n]{20,})[”\"]")


@dataclass(frozen=True)
class ClusterSettings:
    num_perm: int = 128
    shingle_size: int = 5
    body_threshold: float = 0.5
    quote_threshold: float = 0.15
    min_quote_shingles: int = 4
    seed: int = 1


@dataclass(frozen=True)
class Fingerprint:
    body: LeanMinHash | None
    quotes: LeanMinHash | None

    def __reduce__(self):
        return _fingerprint, (lean_state(self.body), lean_state(self.quotes))


def _fingerprint(body: tuple | None, quotes: tuple | None) -> Fingerprint:
    """A pickled :class:`Fingerprint` back (``minhash.lean_state``: its signatures' bytes)."""
    return Fingerprint(lean_from(body), lean_from(quotes))


def shingles(text: str, size: int) -> set[bytes]:
    """The distinct word ``size``-shingles of ``text``: its lower-cased words (``text.words``),
    ``size`` at a time, joined by single spaces, as UTF-8. The signatures are MinHashes of their
    CRC-32 values (``shingle_hashes``, which computes the same values faster)."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def shingle_hashes(text: str, size: int) -> set[int]:
    """``{zlib.crc32(s) for s in shingles(text, size)}``, without building each shingle's list
    of words (see ``shingle_crcs``)."""
    return set(shingle_crcs(text, size))


def shingle_crcs(text: str, size: int) -> Iterator[int]:
    """The CRC-32 of each word ``size``-shingle of ``text`` in order, repeats included (a
    signature takes minima: repeats change nothing, and no set is built for the body). The
    words are ASCII (``text.WORD`` matches ``[A-Za-z0-9]`` and one apostrophe, which ``words``
    makes ASCII), so all the words are joined and encoded once and each shingle is a slice of
    that one string, hashed in C."""
    tokens = WORD.findall(text)
    if not tokens:
        return iter(())
    joined = " ".join(tokens).lower().replace("’", "'").encode()
    if len(tokens) < size:
        return iter((zlib.crc32(joined),))
    # Where each word starts (its length and a space after the one before), and where the
    # shingle of ``size`` words from each start ends; the loops run in C (map, accumulate).
    starts = [0, *accumulate(map(add, map(len, tokens), repeat(1)))]
    ends = list(map(sub, starts[size:], repeat(1)))
    return map(zlib.crc32, map(joined.__getitem__, map(slice, starts, ends)))


def quoted_text(text: str) -> str:
    return " | ".join(_QUOTED.findall(text))


def _enough_quoted(text: str, hashes: set[int], settings: ClusterSettings) -> bool:
    """At least ``min_quote_shingles`` distinct shingles. Distinct hashes never outnumber
    distinct shingles, so only a short count (perhaps two shingles sharing a CRC) is recounted."""
    if len(hashes) >= settings.min_quote_shingles:
        return True
    return len(shingles(text, settings.shingle_size)) >= settings.min_quote_shingles


def fingerprint(text: str, settings: ClusterSettings) -> Fingerprint:
    """MinHash signatures (``minhash.signature``) of the CRC-32 values (C code, stable across
    processes and machines) of the body's shingles and of its quotations'."""
    import numpy as np

    body = np.fromiter(shingle_crcs(text, settings.shingle_size), dtype=np.uint32)
    quoted = quoted_text(text)
    quotes = shingle_hashes(quoted, settings.shingle_size)
    enough = _enough_quoted(quoted, quotes, settings)
    return Fingerprint(
        body=signature(body, settings.num_perm, settings.seed) if len(body) else None,
        quotes=signature(np.fromiter(quotes, dtype=np.uint32), settings.num_perm, settings.seed)
        if enough else None,
    )


def similarity(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """Estimated Jaccard similarity of the bodies and of the quotations (0 when absent)."""
    body = a.body.jaccard(b.body) if a.body is not None and b.body is not None else 0.0
    quotes = a.quotes.jaccard(b.quotes) if a.quotes is not None and b.quotes is not None else 0.0
    return body, quotes


def same_story(a: Fingerprint, b: Fingerprint, settings: ClusterSettings) -> bool:
    body, quotes = similarity(a, b)
    return body >= settings.body_threshold or quotes >= settings.quote_threshold


def signature_bytes(minhash: LeanMinHash | None) -> bytes:
    if minhash is None:
        return b""
    import numpy as np

    return np.asarray(minhash.hashvalues, dtype=np.uint32).tobytes()


def from_signature_bytes(data: bytes, settings: ClusterSettings) -> LeanMinHash | None:
    if not data:
        return None
    import numpy as np
    from datasketch import LeanMinHash

    values = np.frombuffer(data, dtype=np.uint32).astype(np.uint64)
    return LeanMinHash(seed=settings.seed, hashvalues=values, scheme="affine32")


def _lsh(threshold: float, settings: ClusterSettings):
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=threshold, num_perm=settings.num_perm)


@lru_cache(maxsize=16)
def _hashranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The banding datasketch's ``MinHashLSH`` picks for a threshold (its parameter search is
    costly: done once per setting): ``bands`` consecutive ranges of ``rows`` values each."""
    from datasketch import MinHashLSH

    ranges = tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)
    rows = ranges[0][1] - ranges[0][0]
    if ranges != tuple((band * rows, (band + 1) * rows) for band in range(len(ranges))):
        raise ValueError(f"unexpected LSH banding for threshold {threshold}: {ranges}")
    return ranges


# Which signal a band key belongs to, mixed into the key: a body band and a quotation band with
# the same values are different buckets.
BODY_SIGNAL, QUOTES_SIGNAL = 1, 2


def band_keys(fp: Fingerprint, settings: ClusterSettings) -> list[int]:
    """LSH bucket keys of a fingerprint, as signed 64-bit integers (what ``StoryBand.key``
    stores): two articles are candidates when they share a key. A key stands for (signal, band
    number, the band's values); the banding (rows per band) is the one datasketch's
    ``MinHashLSH`` picks for each threshold. All the bands of a signature are hashed at once."""
    import numpy as np

    keys: list[int] = []
    for signal, minhash, threshold in (
        (BODY_SIGNAL, fp.body, settings.body_threshold),
        (QUOTES_SIGNAL, fp.quotes, settings.quote_threshold),
    ):
        if minhash is None:
            continue
        ranges = _hashranges(threshold, settings.num_perm)
        bands, rows = len(ranges), ranges[0][1] - ranges[0][0]
        values = np.asarray(minhash.hashvalues, dtype=np.uint32)[: bands * rows]
        hashed = _band_hashes(values.reshape(bands, rows))
        salt = np.arange(1, bands + 1, dtype=np.uint64) + np.uint64(signal << 32)
        with np.errstate(over="ignore"):
            keys += _finish(hashed ^ (salt * np.uint64(0x9E3779B97F4A7C15))).view(np.int64).tolist()
    return keys


def _finish(keys: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: every bit of a key depends on every bit of its band."""
    import numpy as np

    with np.errstate(over="ignore"):
        keys = (keys ^ (keys >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        keys = (keys ^ (keys >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return keys ^ (keys >> np.uint64(31))


@dataclass
class StoryClusterer:
    """In-memory incremental clustering: ``add`` each article, read ``clusters()``.

    Stores only the two LSH indexes and the signatures (about 1 KB an article at 128
    permutations), never the texts.
    """

    settings: ClusterSettings = field(default_factory=ClusterSettings)

    def __post_init__(self):
        self._body = _lsh(self.settings.body_threshold, self.settings)
        self._quotes = _lsh(self.settings.quote_threshold, self.settings)
        self._fingerprints: dict = {}
        self._parent: dict = {}

    def add(self, key, text: str) -> list:
        """Index one article; returns the keys of earlier articles it is the same story as."""
        fp = fingerprint(text, self.settings)
        return self.add_fingerprint(key, fp)

    def add_fingerprint(self, key, fp: Fingerprint) -> list:
        candidates = set()
        if fp.body is not None:
            candidates.update(self._body.query(fp.body))
        if fp.quotes is not None:
            candidates.update(self._quotes.query(fp.quotes))
        matches = [
            other
            for other in candidates
            if same_story(fp, self._fingerprints[other], self.settings)
        ]
        self._fingerprints[key] = fp
        self._parent[key] = key
        if fp.body is not None:
            self._body.insert(key, fp.body)
        if fp.quotes is not None:
            self._quotes.insert(key, fp.quotes)
        for other in matches:
            self._union(key, other)
        return sorted(matches, key=str)

    def _find(self, key):
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a, b) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb, key=str)] = min(ra, rb, key=str)

    def clusters(self) -> list[list]:
        groups: dict = {}
        for key in self._parent:
            groups.setdefault(self._find(key), []).append(key)
        return sorted((sorted(g, key=str) for g in groups.values()), key=lambda g: str(g[0]))


def cluster_texts(items: Iterable[tuple[object, str]], settings: ClusterSettings) -> list[list]:
    clusterer = StoryClusterer(settings)
    for key, text in items:
        clusterer.add(key, text)
    return clusterer.clusters()


def choose_lead(members: Iterable[tuple[object, object, int]]):
    """The lead of a story: the earliest published member; among equal or unknown dates the
    longest (most words); then the smallest key. ``members``: ``(key, published or None,
    word_count)``."""
    return min(
        members,
        key=lambda m: (m[1] is None, m[1] or 0, -m[2], str(m[0])),
    )[0]


def _band_hashes(block: np.ndarray) -> np.ndarray:
    """One 64-bit key per row of a (rows × r) block of uint32 MinHash values: for each row,
    ``key = key * M + value + column + 1`` over its columns from 0 (``M`` =
    0x9E3779B97F4A7C15, modulo 2**64). Unrolled, that is the sum of ``(value + column + 1) *
    M ** (r - 1 - column)``: one product of the block with the powers of ``M``, where the loop
    over the columns took four numpy calls a column (uint64 arithmetic wraps, as it must)."""
    import numpy as np

    width = block.shape[1]
    terms = block.astype(np.uint64) + np.arange(1, width + 1, dtype=np.uint64)
    return terms @ _powers(width)


@lru_cache(maxsize=16)
def _powers(width: int):
    """``M ** (width - 1)`` … ``M ** 0`` modulo 2**64, as uint64 (see ``_band_hashes``)."""
    import numpy as np

    return np.array([pow(0x9E3779B97F4A7C15, width - 1 - column, 2**64)
                     for column in range(width)], dtype=np.uint64)


class SignatureMatrix:
    """Signatures of many articles as two uint32 matrices (about 1 KB an article at 128
    permutations) and flags for which rows have a signature: what ``batch_clusters`` reads."""

    def __init__(self, capacity: int, settings: ClusterSettings):
        import numpy as np

        self.settings = settings
        self.count = 0
        self.body = np.zeros((capacity, settings.num_perm), dtype=np.uint32)
        self.quotes = np.zeros((capacity, settings.num_perm), dtype=np.uint32)
        self.has_body = np.zeros(capacity, dtype=bool)
        self.has_quotes = np.zeros(capacity, dtype=bool)

    def add(self, fp: Fingerprint) -> int:
        index = self.count
        if fp.body is not None:
            self.body[index], self.has_body[index] = fp.body.hashvalues, True
        if fp.quotes is not None:
            self.quotes[index], self.has_quotes[index] = fp.quotes.hashvalues, True
        self.count += 1
        return index


def batch_clusters(signatures: SignatureMatrix) -> list[list[int]]:
    """Cluster many articles at once (re-clustering, benchmarks) in little memory: each LSH band
    (datasketch's banding for the threshold) is one sorted array of 64-bit keys, and only
    articles next to each other in a band's order with the same key are compared (estimated
    Jaccard from the signatures). Returns groups of row numbers."""
    import numpy as np

    settings = signatures.settings
    count = signatures.count
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    signals = (
        (signatures.body, signatures.has_body, settings.body_threshold),
        (signatures.quotes, signatures.has_quotes, settings.quote_threshold),
    )
    for matrix, mask, threshold in signals:
        ids = np.flatnonzero(mask[:count])
        if len(ids) < 2:
            continue
        for start, end in _hashranges(threshold, settings.num_perm):
            keys = _band_hashes(matrix[ids, start:end])
            order = np.argsort(keys, kind="stable")
            for position in np.flatnonzero(keys[order][1:] == keys[order][:-1]):
                a, b = int(ids[order[position]]), int(ids[order[position + 1]])
                if find(a) == find(b):
                    continue
                if _estimate(signatures, a, b):
                    parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for index in range(count):
        groups.setdefault(find(index), []).append(index)
    return sorted(groups.values())


def _estimate(signatures: SignatureMatrix, a: int, b: int) -> bool:
    import numpy as np

    settings = signatures.settings
    if (
        signatures.has_body[a]
        and signatures.has_body[b]
        and np.mean(signatures.body[a] == signatures.body[b]) >= settings.body_threshold
    ):
        return True
    if signatures.has_quotes[a] and signatures.has_quotes[b]:
        return bool(
            np.mean(signatures.quotes[a] == signatures.quotes[b]) >= settings.quote_threshold
        )
    return False
