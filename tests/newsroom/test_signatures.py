"""Same-story signatures: the fast shingle hashing gives exactly the values of the plain
definition, so signatures stored before it still compare with new ones."""

import pickle
import zlib

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash

from archive.parsing import parse_article
from newsroom.extraction.clusters import (
    ClusterSettings,
    band_keys,
    fingerprint,
    quoted_text,
    shingle_hashes,
    shingles,
)
from newsroom.extraction.minhash import signature
from tests.helpers import SEED_FILES

TRICKY = [
    "",
    "One.",
    "Four words only here",
    "Exactly five words right here",
    "Don’t stop — it’s O’Brien’s café, naïve résumé; 2019’s “Über” ÉCOLE rock’n’roll x’y",
    "İstanbul KELVIN \u212a sign and ﬁ ligatures, then ordinary words follow on and on",
    "Tabs\tand\nnew lines\r\nand   runs of spaces  between the words of this text",
]


def _texts():
    for path in SEED_FILES:
        body = parse_article(path.read_bytes(), []).body
        yield body
        yield quoted_text(body)
    yield from TRICKY


@pytest.mark.parametrize("size", [1, 2, 5])
def test_shingle_hashes_are_the_crc32_of_the_shingles(size):
    for text in _texts():
        assert shingle_hashes(text, size) == {zlib.crc32(s) for s in shingles(text, size)}


def test_signatures_are_minhashes_of_the_shingles():
    """What the signature was defined as before the fast path: datasketch's MinHash of the
    shingles with CRC-32 as the hash function."""
    settings = ClusterSettings()
    for path in SEED_FILES:
        body = parse_article(path.read_bytes(), []).body
        expected = MinHash(num_perm=settings.num_perm, seed=settings.seed, hashfunc=zlib.crc32,
                           scheme="affine32")
        expected.update_batch(list(shingles(body, settings.shingle_size)))
        assert list(fingerprint(body, settings).body.hashvalues) == list(expected.hashvalues)


@pytest.mark.parametrize(("num_perm", "seed"), [(128, 1), (64, 7)])
def test_signature_is_datasketchs_minhash(num_perm, seed):
    """``minhash.signature`` does datasketch's arithmetic itself: the same hash values as a
    MinHash updated with the same values, repeats and the extremes of 32 bits included."""
    rng = np.random.default_rng(seed)
    samples = [[0], [2**32 - 1], [5, 5, 5], [0, 1, 2**31, 2**32 - 1],
               rng.integers(0, 2**32, 2000).tolist()]
    for values in samples:
        expected = MinHash(num_perm=num_perm, seed=seed, hashfunc=int, scheme="affine32")
        expected.update_batch(values)
        found = signature(np.array(values, dtype=np.uint32), num_perm, seed)
        assert isinstance(found, LeanMinHash)
        assert found == LeanMinHash(expected)
        assert found.hashvalues.dtype == expected.hashvalues.dtype


def test_fingerprints_pickle_as_their_signatures_bytes():
    """Parse workers pickle fingerprints to the writer: the same signatures come back, and the
    pickle carries the values as bytes rather than one ``struct`` argument each."""
    settings = ClusterSettings()
    body = parse_article(SEED_FILES[0].read_bytes(), []).body
    for fp in (fingerprint(body, settings), fingerprint("Too short.", settings)):
        back = pickle.loads(pickle.dumps(fp, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301
        assert back == fp
        for mine, theirs in ((back.body, fp.body), (back.quotes, fp.quotes)):
            assert (mine is None) == (theirs is None)
            if mine is not None:
                assert type(mine) is LeanMinHash
                assert (mine.seed, mine.scheme) == (theirs.seed, theirs.scheme)
                assert mine.hashvalues.dtype == theirs.hashvalues.dtype
                assert band_keys(back, settings) == band_keys(fp, settings)
    assert fingerprint(body, settings).quotes is not None  # (both signatures were tried)


def test_quotations_need_enough_distinct_shingles():
    settings = ClusterSettings()  # at least 4 distinct quoted 5-shingles
    eight_words = "“One two three four five six seven eight,” she said."
    seven_words = "“One two three four five six seven,” she said."
    repeated = "“Go go go go go go go go go go,” they chanted."  # one distinct shingle
    assert fingerprint(eight_words, settings).quotes is not None
    assert fingerprint(seven_words, settings).quotes is None
    assert fingerprint(repeated, settings).quotes is None


def test_band_keys_are_signed_64_bit_and_depend_on_signal_and_band():
    settings = ClusterSettings()
    body = parse_article(SEED_FILES[0].read_bytes(), []).body
    fp = fingerprint(body, settings)
    keys = band_keys(fp, settings)
    assert all(-(2**63) <= key < 2**63 for key in keys)
    assert len(set(keys)) == len(keys)
    # The same values in another band, or as the other signal, are another bucket.
    same_everywhere = type(fp)(body=_constant(settings), quotes=_constant(settings))
    keys = band_keys(same_everywhere, settings)
    assert len(set(keys)) == len(keys)


def _constant(settings):
    from datasketch import LeanMinHash

    return LeanMinHash(seed=settings.seed, hashvalues=[7] * settings.num_perm, scheme="affine32")


def test_band_hashes_in_one_product_are_the_column_by_column_keys():
    """``_band_hashes`` multiplies the block by the powers of its multiplier: the keys of the
    loop it replaced (``key = key * M + value + column + 1``, column by column), wrapping
    modulo 2**64, for the bandings the settings give and for the largest values."""
    from newsroom.extraction.clusters import _band_hashes

    def column_by_column(block):
        keys = np.zeros(block.shape[0], dtype=np.uint64)
        with np.errstate(over="ignore"):
            for column in range(block.shape[1]):
                keys = keys * np.uint64(0x9E3779B97F4A7C15) + block[:, column].astype(
                    np.uint64) + np.uint64(column + 1)
        return keys

    rng = np.random.default_rng(3)
    for shape in [(25, 5), (51, 2), (1, 1), (4, 128), (500, 7)]:
        block = rng.integers(0, 2**32, shape, dtype=np.uint64).astype(np.uint32)
        block[0] = 2**32 - 1
        found = _band_hashes(block)
        assert found.dtype == np.uint64
        assert np.array_equal(found, column_by_column(block)), shape
