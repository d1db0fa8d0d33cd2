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
  ``k`` Levenshtein edits differ in at most ``2k`` bits: the words whose signature differs in
  more are skipped without losing any (``within`` returns exactly what comparing every word
  would; a test compares it with Whoosh's automaton);
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
    return signatures(np.array([[ord(c) for c in word]], dtype=np.int64))[0]


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
    """One segment's words of one field, by length."""

    __slots__ = ("groups", "exact", "suspect", "nbytes")

    def __init__(
        self, groups: dict[int, Group], exact: bool = False, suspect: frozenset = frozenset()
    ):
        self.groups = groups
        self.exact = exact
        self.suspect = frozenset(suspect)
        self.nbytes = sum(group.nbytes for group in groups.values()) + 200

    @classmethod
    def from_words(cls, words, exact: bool = False) -> SegmentWords:
        by_length: dict[int, list[str]] = {}
        for word in words:
            if word:
                by_length.setdefault(len(word), []).append(word)
        return cls({n: Group.of(group) for n, group in by_length.items()}, exact)

    @classmethod
    def decode(cls, data: bytes) -> SegmentWords:
        lines = data.split(b"\n")
        exact = bool(lines) and lines[0] == EXACT_LINE
        groups: dict[int, Group] = {}
        suspect: frozenset = frozenset()
        loose: list[str] = []  # words of a line not written by ``encode`` (never, normally)
        for line in lines[1:] if exact else lines:
            if line.startswith(SUSPECT):
                suspect = frozenset(line[len(SUSPECT) :].decode("utf-8").split())
            group = None if line.startswith(b"#") else _decode_line(line)
            if group is not None:
                groups[group.length] = group
            elif line and not line.startswith(b"#"):
                loose += line.decode("utf-8").split(" ")
        for length, group in cls.from_words(loose).groups.items():
            if length in groups:
                group = Group.of(sorted(set(group.strings()) | set(groups[length].strings())))
            groups[length] = group
        return cls(groups, exact, suspect)

    def encode(self) -> bytes:
        lines = [EXACT_LINE] if self.exact else []
        if self.exact and self.suspect:
            lines.append(SUSPECT + " ".join(sorted(self.suspect)).encode("utf-8"))
        lines += [self.groups[n].encode() for n in sorted(self.groups)]
        return b"\n".join(lines)

    def __len__(self) -> int:
        return sum(len(group) for group in self.groups.values())

    def __contains__(self, word: str) -> bool:
        group = self.groups.get(len(word))
        return group is not None and word in group

    def union(self, other: SegmentWords) -> SegmentWords:
        """Both lists' words (not exact: ``words.merged_lists`` decides)."""
        groups = dict(self.groups)
        for length, group in other.groups.items():
            mine = groups.get(length)
            if mine is None:
                groups[length] = group
            elif mine.words.dtype == group.words.dtype:
                groups[length] = Group(np.union1d(mine.words, group.words))
            else:
                groups[length] = Group.of(sorted(set(mine.strings()) | set(group.strings())))
        return SegmentWords(groups)

    @property
    def by_length(self) -> dict[int, list[str]]:
        """Every word as a string, by length (tests, and small lists)."""
        return {n: group.strings() for n, group in self.groups.items()}

    def within(
        self, word: str, maxdist: int, prefix: int = 0, limit: int | None = None
    ) -> list[tuple[str, int]]:
        """Every ``(word, edits)`` within ``maxdist`` Levenshtein edits of ``word`` whose first
        ``prefix`` characters are ``word``'s (a shared prefix leaves the distance unchanged, so
        this is the set Whoosh's automaton finds), in length order, then closest and
        alphabetical within a length; ``limit``: at most that many of each length."""
        start = word[:prefix]
        wanted = signature(word) if word else np.uint64(0)
        bits = 2 * maxdist
        found = []
        for length in range(max(1, len(word) - maxdist), len(word) + maxdist + 1):
            group = self.groups.get(length)
            if group is None:
                continue
            rows = np.flatnonzero(np.bitwise_count(group.sigs ^ wanted) <= bits)
            if not len(rows):
                continue
            choices = group.strings(rows)
            if start:
                choices = [c for c in choices if c.startswith(start)]
            # sorted by distance, then position in the (alphabetical) group
            hits = extract(
                word, choices, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=limit
            )
            found += [(choice, int(edits)) for choice, edits, _ in hits]
        return found


__all__ = ["EXACT_LINE", "Group", "SegmentWords", "signature", "signatures"]
