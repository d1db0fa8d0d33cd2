"""Whoosh analysis made fast enough to build 100,000 articles, and one Whoosh bug fixed.

``FastStemmingAnalyzer`` gives the same tokens as Whoosh's ``StemmingAnalyzer()`` (the tokenizer
pattern, lower-casing, stop words with minimum size 2, Porter stemming, positions renumbered
after stop words) in one loop instead of a chain of four generators, with a plain dict as the
stem cache. Profiled: the chain was about half of indexing time.

``fix_field_length_lookup()``: Whoosh 2.7's per-document reader caches a field-length column
only when it exists, so at every commit it asked the file system (``os.stat``) once per posting
for the fields that have none (274,000 calls for 1,000 articles). Caching "no column" too
removes that. And a length column (one byte a document) is read whole, once per segment reader:
the index is read with file reads, not a memory map (``whoosh.py``), and scoring asks for one
document's length at a time (a file read each, profiled: 300,000 for 120 searches).
"""

from __future__ import annotations

import logging
import re
import threading
from zlib import crc32

import numpy as np
from whoosh.analysis import Analyzer, Token
from whoosh.analysis.filters import STOP_WORDS
from whoosh.fields import TEXT
from whoosh.lang.porter import stem

from .columns import LoadedLengths

logger = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"\w+(\.?\w+)*", re.UNICODE)  # RegexTokenizer's default
WORDS = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)  # the same, for findall (no group)
STEM_CACHE_LIMIT = 500_000


class FastStemmingAnalyzer(Analyzer):
    def __init__(self, stoplist=STOP_WORDS, minsize: int = 2):
        self.stoplist = frozenset(stoplist)
        self.minsize = minsize
        self._stems: dict[str, str] = {}
        self._last_value, self._last_words = None, set()

    def __eq__(self, other):
        return (
            other is not None
            and self.__class__ is other.__class__
            and self.stoplist == other.stoplist
            and self.minsize == other.minsize
        )

    def __hash__(self):
        return hash((self.__class__.__name__, self.minsize))

    def __getstate__(self):
        return {"stoplist": self.stoplist, "minsize": self.minsize}

    def __setstate__(self, state):
        self.stoplist, self.minsize, self._stems = state["stoplist"], state["minsize"], {}
        self._last_value, self._last_words = None, set()

    def has_morph(self) -> bool:
        return True  # stems: the spelling word list must be kept apart (unstemmed)

    def spellable_words(self, value) -> set[str]:
        """The unstemmed words of ``value`` (for the spelling word list), from the indexing pass
        just made over the same value when there was one."""
        if self._last_value is value:
            return self._last_words
        return {t.text for t in self(value, no_morph=True)}

    def _stem(self, word: str) -> str:
        stems = self._stems
        found = stems.get(word)
        if found is None:
            if len(stems) > STEM_CACHE_LIMIT:
                stems.clear()
            found = stems[word] = stem(word)
        return found

    def positions_of(self, value: str) -> tuple[dict[str, list[int]], set[str]]:
        """What indexing ``value`` makes, in one loop: each term's positions (as
        ``Positions.word_values`` over this analyzer in index mode) and the unstemmed words
        (for the spelling word list)."""
        stoplist, minsize, stems = self.stoplist, self.minsize, self._stems
        terms: dict[str, list[int]] = {}
        words: set[str] = set()
        pos = 0
        for word in WORDS.findall(value):
            lower = word.lower()  # per word: lower-casing the whole text first can split one
            if len(lower) < minsize or lower in stoplist:
                continue
            words.add(lower)
            term = stems.get(lower)
            if term is None:
                term = self._stem(lower)
            found = terms.get(term)
            if found is None:
                terms[term] = [pos]
            else:
                found.append(pos)
            pos += 1
        return terms, words

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 no_morph=False, **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stoplist, minsize, stem_word = self.stoplist, self.minsize, self._stem
        if not tokenize:
            matches = [(value, 0, len(value))]
        else:
            matches = ((m.group(0), m.start(), m.end()) for m in TOKEN_PATTERN.finditer(value))
        words = None
        if mode == "index" and not no_morph and tokenize:
            words = set()
            self._last_value, self._last_words = value, words
        pos = start_pos
        for raw_pos, (word, start, end) in enumerate(matches, start_pos):
            lower = word.lower()
            stopped = len(lower) < minsize or lower in stoplist
            if stopped and removestops:
                continue
            token.stopped = stopped
            if words is not None and not stopped:
                words.add(lower)
            token.text = lower if no_morph or stopped else stem_word(lower)
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if positions:  # kept words renumbered, a kept stop word at its place (as Whoosh)
                token.pos = raw_pos if stopped else pos
            if not stopped:
                pos += 1
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


# ``words_of``: bytes.translate's table (ASCII word characters kept, capitals lower-cased,
# the dot kept, every other ASCII character a space, non-ASCII bytes kept for the regex) and
# the commonest non-ASCII characters that are no word characters (quotes, dashes, ellipsis).
_WORD_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if c >= 128 or c == 46 or re.match(rb"\w", bytes((c,)))
    else 32 for c in range(256))
_NOT_WORDS = ("\u201c", "\u201d", "\u2018", "\u2019", "\u2014", "\u2013", "\u2026", "\u00a9")
_ASCII_WORDS = re.compile(rb"\w+(?:\.?\w+)*")  # WORDS on ASCII bytes
_NON_ASCII = re.compile(rb"[\x80-\xff]+")


def words_of(value: str) -> list[bytes]:
    """``WORDS.findall`` of ``value`` lower-cased (each word as lower-casing it alone gives),
    each word UTF-8 encoded: what ``WordTable`` maps to ids. Most of a text in C: its bytes
    lower-cased and every ASCII separator made a space by one ``translate``, the dots at a
    word's edge made spaces too (the pattern joins only dots between word characters), then
    ``split``; the rare pieces holding ".." or a non-ASCII character go through the pattern."""
    if not value.isascii():
        if "\u0130" in value or "\u03a3" in value:
            # Lower-casing the whole text gives each word as lower-casing it alone does, but
            # for the two characters whose lower case is longer ("İ" -> "i̇", whose combining
            # dot is no word character) or hangs on what follows the word (final sigma).
            return [w.lower().encode("utf-8") for w in WORDS.findall(value)]
        for char in _NOT_WORDS:  # separators, as a space is
            if char in value:
                value = value.replace(char, " ")
    data = b" " + value.encode("utf-8").translate(_WORD_BYTES) + b" "
    if b"." in data:
        while b". " in data:
            data = data.replace(b". ", b"  ")
        while b" ." in data:
            data = data.replace(b" .", b"  ")
    # a piece holding non-ASCII bytes goes through the pattern, the rest is split
    pieces = data.split() if data.isascii() else _split_mixed(data)
    if b".." in data:
        pieces = [w for piece in pieces
                  for w in (_ASCII_WORDS.findall(piece) if b".." in piece else (piece,))]
    return pieces


def _split_mixed(data: bytes) -> list[bytes]:
    pieces, at = [], 0
    for found in _NON_ASCII.finditer(data):
        start = found.start()
        if start < at:
            continue  # in the piece just read
        lo = data.rfind(b" ", 0, start) + 1
        hi = data.find(b" ", found.end())  # ``data`` ends with a space
        pieces += data[at:lo].split()
        pieces += [w.encode("utf-8") for w in WORDS.findall(data[lo:hi].decode("utf-8").lower())]
        at = hi
    pieces += data[at:].split()
    return pieces


class _WordIds(dict):
    """A dict from word to word id that adds the words it does not hold yet (``WordTable``):
    a look-up per word, in C, until a new word calls ``add``."""

    __slots__ = ("add",)

    def __init__(self, add) -> None:
        super().__init__()
        self.add = add

    def __missing__(self, word: str) -> int:
        return self.add(word)


class WordTable:
    """The words of a batch of texts as integer ids, for building postings with numpy
    (``segments.SegmentBuilder``): what ``FastStemmingAnalyzer.positions_of`` gives, without a
    Python step per word once a word has been seen.

    ``word_ids(text)`` is the text's kept words (stop words and short words dropped) as word
    ids, in order: a word's position is its index. Each word id has a term (its stem; ``terms``
    and ``term_of_word()``) and is its own unstemmed spelling word (``words``)."""

    def __init__(self, analyzer: FastStemmingAnalyzer) -> None:
        self.analyzer = analyzer
        # lower-cased word (UTF-8, as ``words_of`` gives it) -> word id, -1 when dropped; a
        # word not seen yet is added by the look-up itself (``_WordIds.__missing__``), so a
        # text is mapped in one pass
        self._ids = _WordIds(self._add)
        self.words: list[str] = []  # word id -> the word
        self._word_terms: list[int] = []  # word id -> term id
        self._term_ids: dict[str, int] = {}
        self.terms: list[str] = []  # term id -> the term (a stem)
        self.term_bytes: list[bytes] = []  # term id -> the term UTF-8 encoded
        self._term_hashes: list[int] = []  # term id -> crc32 of its bytes (``pairs.py``)
        self._word_terms_array: np.ndarray | None = None

    def size(self) -> int:
        """Entries held (words seen, kept or dropped): what bounds the table's memory."""
        return len(self._ids)

    def word_ids(self, value: str) -> np.ndarray:
        found = np.array(list(map(self._ids.__getitem__, words_of(value))), dtype=np.int32)
        return found[found >= 0]

    def _add(self, encoded: bytes) -> int:
        word = encoded.decode("utf-8")
        analyzer = self.analyzer
        if len(word) < analyzer.minsize or word in analyzer.stoplist:
            self._ids[encoded] = -1
            return -1
        term = analyzer._stem(word)
        term_id = self._term_ids.get(term)
        if term_id is None:
            term_id = self._term_ids[term] = len(self.terms)
            self.terms.append(term)
            term_bytes = term.encode("utf-8")
            self.term_bytes.append(term_bytes)
            self._term_hashes.append(crc32(term_bytes))
        word_id = self._ids[encoded] = len(self.words)
        self.words.append(word)
        self._word_terms.append(term_id)
        self._word_terms_array = None
        return word_id

    def term_of_word(self) -> np.ndarray:
        found = self._word_terms_array
        if found is None or len(found) != len(self._word_terms):
            found = self._word_terms_array = np.array(self._word_terms, dtype=np.int32)
        return found

    def term_hashes(self) -> np.ndarray:
        """crc32 of each term id's bytes (what ``pairs.py`` hashes adjacent words with)."""
        return np.array(self._term_hashes, dtype=np.uint32)


# Word tables kept between segments (the batches of one process: ingest indexes 500 articles
# a commit), so that a word is mapped and stemmed once per process, not once per batch. A
# builder takes its analyzer's table out while it writes and gives it back at ``finish``: two
# builders at once (threads) never share one. A table past ``SHARED_TABLE_LIMIT`` entries is
# dropped rather than given back, which bounds the memory (~100 bytes an entry).
SHARED_TABLE_LIMIT = 250_000
_shared_tables: dict[FastStemmingAnalyzer, WordTable] = {}
_shared_lock = threading.Lock()


def take_word_table(analyzer: FastStemmingAnalyzer) -> WordTable:
    """The process's table for ``analyzer`` (a new one when none is free); the caller owns it
    until ``give_back_word_table``."""
    with _shared_lock:
        table = _shared_tables.pop(analyzer, None)
    return table if table is not None else WordTable(analyzer)


def give_back_word_table(table: WordTable) -> None:
    if table.size() > SHARED_TABLE_LIMIT:
        return
    with _shared_lock:
        _shared_tables[table.analyzer] = table


# The Whoosh release whose private ``W3PerDocReader._cached_reader`` this replaces (the version
# pinned in requirements.txt). Another release is left unpatched: correct, only slower.
PATCHED_WHOOSH = (2, 7, 4)


def fix_field_length_lookup() -> bool:
    """Patch Whoosh's per-document reader (see the module's docstring). Returns whether the
    patch is in place: only on the Whoosh release it was written for, and only if that release
    still has the method it replaces."""
    import whoosh
    from whoosh.codec import whoosh3

    reader = whoosh3.W3PerDocReader
    if getattr(reader, "_clippings_fixed", False):
        return True
    if tuple(whoosh.__version__) != PATCHED_WHOOSH or not hasattr(reader, "_cached_reader"):
        logger.warning(
            "Whoosh %s is not %s: its field-length lookup is left unpatched (slower indexing)",
            whoosh.versionstring(), ".".join(map(str, PATCHED_WHOOSH)),
        )
        return False
    missing = object()

    def _cached_reader(self, fieldname, column):
        found = self._readers.get(fieldname, missing)
        if found is missing:
            found = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
            if found is not None and column is whoosh3.LENGTHS_COLUMN:
                found = LoadedLengths(found)
            self._readers[fieldname] = found
        return found

    reader._cached_reader = _cached_reader
    reader._clippings_fixed = True
    return True


class SpellingText(TEXT):
    """A stemmed TEXT field whose spelling word list gets each word once per segment.

    Stock Whoosh adds one spelling posting per unique word per document (a quarter of a
    million per 1,000 articles, each sorted and written at commit); the word list only needs
    each word once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._spelled: set[str] = set()

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_spelled"] = set()
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._spelled = set()

    def start_segment(self) -> None:
        self._spelled = set()

    def spellable_words(self, value):
        analyzer = self.analyzer
        if isinstance(value, (list, tuple)) or not hasattr(analyzer, "spellable_words"):
            return super().spellable_words(value)
        new = analyzer.spellable_words(value) - self._spelled
        self._spelled |= new
        return iter(sorted(new))
