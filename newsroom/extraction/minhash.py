"""MinHash signatures of CRC-32 values: datasketch's ``affine32`` scheme, computed in a few
numpy calls.

A same-story signature is ``datasketch.MinHash(num_perm, seed, scheme="affine32")`` updated with
the CRC-32 values of an article's shingles (``clusters.shingle_hashes``). Going through a
``MinHash`` costs, per signature, an object with its permutations checked again, a Python call
of the hash function per value and a Python list of the values, then a ``LeanMinHash`` copy: a
third of the time, for an ingest that signs every article's body and quotations. This module
does only the arithmetic that ``MinHash.update_batch`` does on the CPU: each value mixed once by
the MurmurHash3 finaliser (32 bits), then each permutation ``a * x + b`` modulo 2**32, and the
minimum per permutation. The permutations are datasketch's own (drawn once per setting). The
values are the same (tested against ``MinHash`` itself), so signatures stored before compare
with new ones.

numpy and datasketch are imported when a signature is first made (see ``clusters``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from datasketch import LeanMinHash

SCHEME = "affine32"


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int):
    """datasketch's ``(a, b)`` for these settings (it draws them from the seed on every
    MinHash: drawn once here)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations


def _mixed(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, element-wise (what ``affine32`` applies to each value
    before its permutations; the products wrap around modulo 2**32, as they must)."""
    import numpy as np

    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signature(values: np.ndarray, num_perm: int, seed: int) -> LeanMinHash:
    """The MinHash of ``values`` (a non-empty uint32 array; repeated values change nothing: a
    minimum is taken) as ``MinHash(num_perm=num_perm, seed=seed, scheme="affine32")`` with an
    identity hash function would give it, lean."""
    import numpy as np
    from datasketch import LeanMinHash

    a, b = permutations(num_perm, seed)
    products = np.multiply.outer(_mixed(values), a)  # one row per value
    products += b
    return LeanMinHash(seed=seed, hashvalues=products.min(axis=0), scheme=SCHEME)


def lean_state(minhash: LeanMinHash | None) -> tuple | None:
    """What a signature is made of, for pickling: its seed, scheme and values as raw bytes.
    ``LeanMinHash`` pickles itself through ``struct`` with one argument per value (128 numpy
    scalars each way), and ingest's parse workers send two signatures an article to the
    writer; bytes cost one copy. ``lean_from`` makes the same signature again."""
    if minhash is None:
        return None
    values = minhash.hashvalues
    return minhash.seed, minhash.scheme, values.dtype.str, values.tobytes()


def lean_from(state: tuple | None) -> LeanMinHash | None:
    if state is None:
        return None
    import numpy as np
    from datasketch import LeanMinHash

    seed, scheme, dtype, data = state
    return LeanMinHash(seed=seed, hashvalues=np.frombuffer(data, dtype=dtype), scheme=scheme)
