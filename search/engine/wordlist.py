"""One segment's spelling words in memory (``SegmentWords``): numpy arrays by word length, with
a letter signature per word that rules most words out before any edit distance is computed.

At 100,000 articles the ten segments hold about a million spelling words: as Python strings
they took ~70 bytes a word (more than the word cache's bound, so segments were read again and
again), and rapidfuzz compared every word of a similar length in every segment (~50 ms for one
unknown word). Here:

- a length's words are one sorted numpy array of fixed-width strings (``S<n>``, one byte a
  character, when they are all ASCII; ``U<n>`` otherwise), read from the ``.words`` file
  without a Python object per word;
- each word has a 64-bit signature: for each of 32 symbols (a-z, and six classes for every
  other character) one bit "occurs at least once" and one bit "occurs at least twice". Adding
  or removing a character flips at most one bit, replacing one at most two, so words within
  ``k`` Levenshtein edits differ in at most ``2k`` bits, and ``2k - d`` for words ``d``
  characters longer or shorter (``d`` of the edits are insertions or deletions): the words
  whose signature differs in more are skipped without losing any (``within`` returns exactly
  what comparing every word would; a test compares it with Whoosh's automaton);
- ``exact``: every word of the list that is not ``suspect`` is held by a document of the
  segment. A segment built from documents has an exact list and no suspects; a merge of
  segments with exact lists lists their words, the words of the documents it dropped
  (deleted ones) as suspects (``words.merged_lists``). ``live_words`` trusts an exact list to
  say that a word is held by a document.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

EXACT_LINE = b"#exact"  # first line of an exact list's file (no word starts with '#')
SUSPECT = b"#suspect "  # then, for a merged segment, the words its dropped documents held


def _symbols(points: np.ndarray) -> np.ndarray:
    """Each code point's symbol: 0-25 for a-z, 26-31 for every other character."""
    return np.where((points >= 97) & (points <= 122), points - 97, 26 + points % 6)


_ASCII_SYMBOLS = _symbols(np.arange(256, dtype=np.int64)).astype(np.uint8)
_BIT = np.left_shift(np.uint64(1), np.arange(64, dtype=np.uint64))


def signatures(codes: np.ndarray) -> np.ndarray:
    """The signature of each row of ``codes`` (words of one length as code points)."""
    count, length = codes.shape
    if not count or not length:
        return np.zeros(count, dtype=np.uint64)
    if codes.dtype == np.uint8:
        symbols = _ASCII_SYMBOLS[codes]
    else:
        symbols = _symbols(codes.astype(np.int64)).astype(np.uint8)
    seen = np.zeros(count, dtype=np.uint64)
    twice = np.zeros(count, dtype=np.uint64)
    for column in range(length):
        bit = _BIT[symbols[:, column]]
        twice |= seen & bit
        seen |= bit
    return seen | (twice << np.uint64(32))


def signature(word: str) -> np.uint64:
    """``signatures`` of one word, without building arrays for it (once per segment and
    unknown word: a fifth of a suggestion's time when it went through numpy)."""
    seen = twice = 0
    for char in word:
        point = ord(char)
        bit = 1 << (point - 97 if 97 <= point <= 122 else 26 + point % 6)
        twice |= seen & bit
        seen |= bit
    return np.uint64(seen | (twice << 32))


class Group:
    """The words of one length, sorted, and their signatures (computed when first needed:
    a list written at commit is never searched by the writing process)."""

    __slots__ = ("words", "_sigs", "ascii")

    def __init__(self, words: np.ndarray):
        self.words = words
        self.ascii = words.dtype.kind == "S"
        self._sigs = None

    @property
    def sigs(self) -> np.ndarray:
        if self._sigs is None:
            codes = self.words.view(np.uint8 if self.ascii else "<u4")
            self._sigs = signatures(codes.reshape(len(self.words), self.length))
        return self._sigs

    @classmethod
    def of(cls, words: list[str]) -> Group:
        words = sorted(words)
        length = len(words[0])
        if all(w.isascii() for w in words):
            return cls(np.array([w.encode("ascii") for w in words], dtype=f"S{length}"))
        return cls(np.array(words, dtype=f"<U{length}"))

    def __len__(self) -> int:
        return len(self.words)

    @property
    def length(self) -> int:
        """The words' length in characters."""
        return self.words.dtype.itemsize // (1 if self.ascii else 4)

    def strings(self, rows=None) -> list[str]:
        chosen = self.words if rows is None else self.words[rows]
        if self.ascii:
            return [w.decode("ascii") for w in chosen.tolist()]
        return chosen.tolist()

    def __contains__(self, word: str) -> bool:
        if self.ascii:
            if not word.isascii():
                return False
            key = word.encode("ascii")
        else:
            key = word
        at = int(np.searchsorted(self.words, key))
        return at < len(self.words) and self.words[at] == key

    def encode(self) -> bytes:
        if self.ascii:
            return b" ".join(self.words.tolist())
        return " ".join(self.words.tolist()).encode("utf-8")

    @property
    def nbytes(self) -> int:
        return self.words.nbytes + 8 * len(self.words) + 200  # with the signatures


def _decode_line(line: bytes) -> Group | None:
    """A file line (one length's words, sorted, separated by single spaces) as a ``Group``
    without a Python string per word when every word has the same number of bytes."""
    if not line:
        return None
    first = line.find(b" ")
    width = len(line) if first < 0 else first
    if line.isascii() and (len(line) + 1) % (width + 1) == 0:
        count = (len(line) + 1) // (width + 1)
        table = np.frombuffer(line + b" ", dtype=np.uint8).reshape(count, width + 1)
        if (table[:, width] == 32).all():
            words = np.ascontiguousarray(table[:, :width]).view(f"S{width}").ravel()
            return _sorted(words)
    words = line.decode("utf-8").split(" ")
    length = len(words[0])
    if any(len(w) != length for w in words):  # not written by ``encode``: group it again
        return None
    codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype="<u4")
    return _sorted(codes.reshape(len(words), length).view(f"<U{length}").ravel())


def _sorted(words: np.ndarray) -> Group:
    if len(words) > 1 and not (words[1:] >= words[:-1]).all():
        words = np.sort(words)
    group = Group(words)
    group.sigs  # noqa: B018 - a list read from its file is read to be searched: computed now
    return group


class SegmentWords:
    """One segment's words of one field, by length: for each length its ASCII words and its
    other words apart (``groups``: length -> tuple of ``Group``), so that a few accented words
    do not make every word of their length take four bytes a character."""

    __slots__ = ("groups", "exact", "suspect", "nbytes")

    def __init__(
        self,
        groups: dict[int, tuple[Group, ...]],
        exact: bool = False,
        suspect: frozenset = frozenset(),
    ):
        self.groups = groups
        self.exact = exact
        self.suspect = frozenset(suspect)
        self.nbytes = sum(g.nbytes for parts in groups.values() for g in parts) + 200

    @classmethod
    def from_words(cls, words, exact: bool = False) -> SegmentWords:
        by_kind: dict[tuple[int, bool], list[str]] = {}
        for word in words:
            if word:
                by_kind.setdefault((len(word), word.isascii()), []).append(word)
        groups: dict[int, tuple[Group, ...]] = {}
        for (length, _), found in sorted(by_kind.items(), reverse=True):  # ASCII first
            groups[length] = groups.get(length, ()) + (Group.of(found),)
        return cls(groups, exact)

    @classmethod
    def decode(cls, data: bytes) -> SegmentWords:
        lines = data.split(b"\n")
        exact = bool(lines) and lines[0] == EXACT_LINE
        groups: dict[int, tuple[Group, ...]] = {}
        suspect: frozenset = frozenset()
        loose: list[str] = []  # words of a line not written by ``encode`` (never, normally)
        for line in lines[1:] if exact else lines:
            if line.startswith(SUSPECT):
                suspect = frozenset(line[len(SUSPECT) :].decode("utf-8").split())
            group = None if line.startswith(b"#") else _decode_line(line)
            if group is not None:  # ASCII words first
                parts = groups.get(group.length, ()) + (group,)
                groups[group.length] = tuple(sorted(parts, key=lambda g: not g.ascii))
            elif line and not line.startswith(b"#"):
                loose += line.decode("utf-8").split(" ")
        if loose:
            words = set(loose) | {
                w for parts in groups.values() for g in parts for w in g.strings()
            }
            return cls.from_words(words, exact).with_suspect(suspect)
        return cls(groups, exact, suspect)

    def with_suspect(self, suspect) -> SegmentWords:
        return SegmentWords(self.groups, self.exact, suspect)

    def encode(self) -> bytes:
        """One line per length and kind, shortest first; of a length, the other words before
        the ASCII ones (code that kept one line per length keeps the last: most of them)."""
        lines = [EXACT_LINE] if self.exact else []
        if self.exact and self.suspect:
            lines.append(SUSPECT + " ".join(sorted(self.suspect)).encode("utf-8"))
        lines += [
            g.encode()
            for n in sorted(self.groups)
            for g in sorted(self.groups[n], key=lambda g: g.ascii)
            if len(g)
        ]
        return b"\n".join(lines)

    def __len__(self) -> int:
        return sum(len(g) for parts in self.groups.values() for g in parts)

    def __contains__(self, word: str) -> bool:
        return any(word in g for g in self.groups.get(len(word), ()))

    def union(self, other: SegmentWords) -> SegmentWords:
        """Both lists' words (not exact: ``words.merged_lists`` decides)."""
        groups = {}
        for length in set(self.groups) | set(other.groups):
            parts = self.groups.get(length, ()) + other.groups.get(length, ())
            by_dtype: dict[np.dtype, np.ndarray] = {}
            for g in parts:
                have = by_dtype.get(g.words.dtype)
                by_dtype[g.words.dtype] = g.words if have is None else np.union1d(have, g.words)
            groups[length] = tuple(
                Group(w) for _, w in sorted(by_dtype.items(), key=lambda i: i[0].kind)
            )
        return SegmentWords(groups)

    @property
    def by_length(self) -> dict[int, list[str]]:
        """Every word as a string, by length, sorted (tests, and small lists)."""
        return {
            n: sorted(w for g in parts for w in g.strings()) for n, parts in self.groups.items()
        }

    def within(
        self, word: str, maxdist: int, prefix: int = 0, limit: int | None = None
    ) -> list[tuple[str, int]]:
        """Every ``(word, edits)`` within ``maxdist`` Levenshtein edits of ``word`` whose first
        ``prefix`` characters are ``word``'s (a shared prefix leaves the distance unchanged, so
        this is the set Whoosh's automaton finds), in length order, then closest and
        alphabetical within a length; ``limit``: at most that many of each length."""
        start = word[:prefix]
        wanted = signature(word) if word else np.uint64(0)
        as_bytes = word.isascii()  # ASCII groups compared as bytes: no string per candidate
        found = []
        for length in range(max(1, len(word) - maxdist), len(word) + maxdist + 1):
            # Words ``d`` characters longer or shorter need ``d`` insertions or deletions (one
            # bit each) among their edits, the rest replacements (two bits each).
            bits = 2 * maxdist - abs(length - len(word))
            hits = []
            for group in self.groups.get(length, ()):
                rows = np.flatnonzero(np.bitwise_count(group.sigs ^ wanted) <= bits)
                if not len(rows):
                    continue
                raw = group.ascii and as_bytes
                if raw:
                    query, first = word.encode(), start.encode()
                    choices = group.words[rows].tolist()
                else:
                    query, first, choices = word, start, group.strings(rows)
                if first:
                    choices = [c for c in choices if c.startswith(first)]
                # sorted by distance, then position in the (alphabetical) group
                hits += [
                    (choice.decode("ascii") if raw else choice, int(edits))
                    for choice, edits, _ in extract(
                        query,
                        choices,
                        scorer=Levenshtein.distance,
                        score_cutoff=maxdist,
                        limit=limit,
                    )
                ]
            hits.sort(key=lambda hit: (hit[1], hit[0]))
            found += hits[:limit]
        return found


__all__ = ["EXACT_LINE", "Group", "SegmentWords", "signature", "signatures"]
