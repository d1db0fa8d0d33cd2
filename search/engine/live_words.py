"""Whether a live document holds a word, for spelling suggestions (``spelling``): a word that
only hidden, deleted or merged-away documents hold must never be suggested.

Whoosh keeps a deleted document's words in its segment until a merge, and a merge keeps every
spelling word of the merged segments. Reading live documents' stored text to find the word
(what was done for every suggestion) cost 25-75 ms at 100,000 articles. Now a word is proven
live without reading a document when a segment's list is exact
(``wordlist.SegmentWords.exact``: the segment was built from documents, or merged from such
segments, so some document of it holds each listed word that is not ``suspect``) and either
the segment has no deleted document, or none of its deleted documents holds the word (their
stored text is read once per segment and set of deletions, ``DeletedWords``; at most
``MAX_DELETED`` of them). Only a word no exact list proves is looked for, as before, in the
stored text of at most ``HOLDERS_READ`` live documents holding its stem.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from . import postings as P
from .analysis import WORDS
from .words import base_storage

MAX_DELETED = 256  # deleted documents of a segment read to prove its words; more: not proven
HOLDERS_READ = 50  # live documents holding a candidate's stem read to find the word itself
DELETED_ENTRIES = 64  # segments whose deleted documents' words are kept


class DeletedWords:
    """The words of each segment's deleted documents (by index folder, segment id and field),
    for its current set of deletions (a document deleted since is read alone); a bounded
    cache."""

    def __init__(self, entries: int = DELETED_ENTRIES):
        self.entries = entries
        self._items: OrderedDict[tuple, tuple[frozenset, frozenset | None]] = OrderedDict()
        self._lock = threading.Lock()
        self.reads = 0  # documents read (tests)

    def get(self, key: tuple, reader, fieldname: str, fieldobj) -> frozenset | None:
        """The words ``fieldname``'s deleted documents in ``reader`` hold, or None when they
        cannot all be read (too many, or the field is not stored)."""
        if reader.segment().deleted_count() > MAX_DELETED or not fieldobj.stored:
            return None
        deleted = frozenset(int(d) for d in reader._perdoc.deleted_docs())
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == deleted:
                self._items.move_to_end(key)
                return found[1]
        if found is not None and found[1] is not None and found[0] <= deleted:
            more = self._read(reader, deleted - found[0], fieldname, fieldobj)  # new deletions
            words = None if more is None else found[1] | more
        else:
            words = self._read(reader, deleted, fieldname, fieldobj)
        with self._lock:
            self._items[key] = (deleted, words)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)
        return words

    def _read(self, reader, deleted, fieldname, fieldobj) -> frozenset | None:
        words: set[str] = set()
        for docnum in sorted(deleted):
            if docnum >= reader.doc_count_all():
                continue
            self.reads += 1
            text = reader.stored_fields(docnum).get(fieldname)
            if text is None:  # the document had no such field: no words
                continue
            if not isinstance(text, str):
                return None
            words.update(token.text for token in fieldobj.analyzer(text, no_morph=True))
        return frozenset(words)


DELETED = DeletedWords()  # the process's (every backend and searcher shares it)


class LiveWords:
    """For one searcher: whether a word's stem matches a live document, how many documents
    hold the stem, and whether a live document holds the word itself."""

    def __init__(self, fieldname: str, fieldobj, readers, words_of, deleted: DeletedWords):
        """``readers``: the searcher's segment readers; ``words_of(reader)``: the segment's
        ``SegmentWords`` (read only when a word is checked)."""
        self.fieldname = fieldname
        self.fieldobj = fieldobj
        self.readers = readers
        self.words_of = words_of
        self.deleted = deleted
        self._masks: dict[int, object] = {}
        self._counts: dict[str, int] = {}

    def _btext(self, word: str) -> bytes | None:
        stems = list(self.fieldobj.process_text(word, mode="index"))
        return self.fieldobj.to_bytes(stems[0]) if len(stems) == 1 else None

    def _mask(self, reader):
        key = id(reader)
        if key not in self._masks:
            self._masks[key] = P.deleted_mask(reader)
        return self._masks[key]

    def known(self, word: str) -> bool:
        """Whether the word's stem matches a live document."""
        btext = self._btext(word)
        if btext is None:
            return False
        for reader in self.readers:
            info = P.term_info(reader, self.fieldname, btext)
            if info is None:
                continue
            deleted = self._mask(reader)
            if deleted is None or len(
                P.term_postings(reader, self.fieldname, btext, deleted, info)
            ):
                return True
        return False

    def count(self, word: str) -> int:
        """How many documents (deleted ones included: a ranking, not a proof) hold the word's
        stem."""
        found = self._counts.get(word)
        if found is None:
            btext = self._btext(word)
            found = 0 if btext is None else sum(
                info.doc_frequency()
                for info in (P.term_info(reader, self.fieldname, btext) for reader in self.readers)
                if info is not None
            )
            self._counts[word] = found
        return found

    def proven(self, word: str) -> bool:
        """Whether an exact list proves that a live document holds ``word``."""
        for reader in self.readers:
            listed = self.words_of(reader)
            if not listed.exact or word in listed.suspect or word not in listed:
                continue
            if not reader.has_deletions():
                return True
            storage = base_storage(reader)
            key = (
                getattr(storage, "folder", id(storage)),
                reader.segment().segment_id(),
                self.fieldname,
            )
            held = self.deleted.get(key, reader, self.fieldname, self.fieldobj)
            if held is not None and word not in held:
                return True
        return False

    def holds(self, word: str) -> bool:
        """Whether a live document holds ``word`` itself (not only a word of the same stem):
        proven by an exact list, else found in the stored text of one of the first
        ``HOLDERS_READ`` live documents holding its stem."""
        if self.proven(word):
            return True
        btext = self._btext(word)
        if btext is None:
            return False
        budget = HOLDERS_READ
        for reader in self.readers:
            if budget <= 0:
                break
            info = P.term_info(reader, self.fieldname, btext)
            if info is None:
                continue
            ids = P.term_postings(reader, self.fieldname, btext, self._mask(reader), info).ids
            for docnum in ids[:budget]:
                budget -= 1
                text = reader.stored_fields(int(docnum)).get(self.fieldname)
                if isinstance(text, str) and _holds(text, word):
                    return True
        return False


def _holds(text: str, word: str) -> bool:
    if word not in text.lower():
        return False
    return any(token.lower() == word for token in WORDS.findall(text))


__all__ = ["DELETED", "DeletedWords", "LiveWords", "MAX_DELETED"]
