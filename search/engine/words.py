"""Each segment's spelling words (the unstemmed words of a field with spelling), grouped by
length, for spelling suggestions (``spelling``) and fuzzy terms (``language.StemmedFuzzyTerm``).

Whoosh finds the words within some edits of a word by walking an automaton over the term
dictionary in Python, one file read a term (a fuzzy query: ~170 ms at 10,000 articles); the
speller built a word list of the whole index on the first suggestion of each index generation
(1.2 s at 10,000). Here a segment's words are read once and kept:

- on disk, beside the segment: ``<segment id>.words`` (UTF-8; one line per word length and kind,
  its ASCII words apart from the others, sorted and separated by spaces: analysed tokens hold
  no whitespace; a first line ``#exact`` when the segment was built from documents or merged
  from such segments, then, for a merged one, a ``#suspect`` line of the words its dropped
  documents held: ``wordlist.SegmentWords.exact``), written when a commit lists the segment
  (``merging.commit_segments`` calls ``write_missing``). Its name matches Whoosh's segment file
  pattern, so Whoosh deletes it with the segment. A segment without the file (one written by
  Whoosh's own commit) is read from its lexicon on first use and the file written then;
- in memory, per segment (segments never change their words), at most ``CACHE_BYTES``, least
  recently used dropped first (``WordCache``);
- a look-up is rapidfuzz's bounded Levenshtein distance in C over the words of a similar length
  whose letter signature allows it (``wordlist``; Whoosh's automaton: plain Levenshtein edits,
  the first ``prefix`` characters exact).
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict

from whoosh.filedb.filestore import OverlayStorage

from .wordlist import SegmentWords

SUFFIX = ".words"
MAX_DROPPED = 256  # documents a merge drops whose words are read to keep its list exact
# Word lists kept in memory, all segments together: 18 MB at 100,000 articles (10 segments),
# 176 MB at 1,000,000 (92 segments). Below that, every unknown word and every ``word~`` read the
# lists again (a query that found nothing: 17 ms with them kept, 503 ms without, at 1,000,000).
CACHE_BYTES = 256 * 1024 * 1024


class WordCache:
    """``SegmentWords`` by (index folder, segment id, field), at most ``max_bytes``."""

    def __init__(self, max_bytes: int = CACHE_BYTES):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, SegmentWords] = OrderedDict()
        self._nbytes = 0
        self._lock = threading.Lock()

    @property
    def nbytes(self) -> int:
        return self._nbytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, reader, fieldname: str) -> SegmentWords:
        """The words of ``fieldname`` in the segment ``reader`` reads (a Whoosh
        ``SegmentReader``)."""
        segment = reader.segment()
        storage = base_storage(reader)
        key = (getattr(storage, "folder", id(storage)), segment.segment_id(), fieldname)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        found = load(storage, segment.segment_id(), reader, fieldname)
        with self._lock:
            if key not in self._items:
                self._items[key] = found
                self._nbytes += found.nbytes
            while self._nbytes > self.max_bytes and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._nbytes -= dropped.nbytes
        return found


def base_storage(reader):
    """The index's storage (a compound segment's reader reads through an overlay of its
    compound file and the index's storage; new files go to the latter)."""
    storage = reader._storage
    return storage.b if isinstance(storage, OverlayStorage) else storage


def file_name(segment_id: str, fieldname: str) -> str:
    return f"{segment_id}.{fieldname}{SUFFIX}"


def load(storage, segment_id: str, reader, fieldname: str) -> SegmentWords:
    """The segment's words from its ``.words`` file, else from its lexicon (and the file
    written, so that the next process reads it)."""
    name = file_name(segment_id, fieldname)
    saved = _read_saved(storage, name)
    if saved is not None:
        return saved
    words = from_lexicon(reader, fieldname)
    save(storage, name, words)
    return words


def _read_saved(storage, name: str) -> SegmentWords | None:
    """The words of the ``.words`` file ``name``, or None when there is none."""
    if not storage.file_exists(name):
        return None
    handle = storage.open_file(name)
    try:
        return SegmentWords.decode(handle.read())
    finally:
        handle.close()


def from_lexicon(reader, fieldname: str) -> SegmentWords:
    if fieldname not in reader.schema:
        return SegmentWords({})
    return SegmentWords.from_words(
        w.decode("utf-8") if isinstance(w, bytes) else w for w in reader.lexicon(fieldname)
    )


def save(storage, name: str, words: SegmentWords) -> None:
    """Write the file under a temporary name (Whoosh's cleaner skips names starting with a dot)
    and rename it: a reader never sees half of it. A read-only index is left without it."""
    temporary = f".{name}.{threading.get_ident()}.tmp"
    try:
        handle = storage.create_file(temporary)
        try:
            handle.write(words.encode())
        finally:
            handle.close()
        storage.rename_file(temporary, name, safe=False)
    except OSError:
        with contextlib.suppress(OSError):
            storage.delete_file(temporary)


def write_missing(storage, schema, segments, known=None, built=()) -> int:
    """Write the ``.words`` file of every spelling field of each segment lacking it (after a
    commit lists them); how many were written. ``known``: ``{segment id: {field:
    SegmentWords}}``, words already in hand (the segment builder's), saved without reading the
    segment's lexicon. ``built``: the ids of segments built from documents (never merged):
    their lists hold only their documents' words, and are saved marked exact."""
    from whoosh.fields import SpellField
    from whoosh.reading import SegmentReader

    fields = [name for name, field in schema.items() if isinstance(field, SpellField)]
    written = 0
    for segment in segments:
        missing = [f for f in fields if not storage.file_exists(file_name(segment.segment_id(), f))]
        if not missing or not segment.doc_count_all():
            continue
        in_hand = (known or {}).get(segment.segment_id(), {})
        exact = segment.segment_id() in built
        try:
            for fieldname in [f for f in missing if f in in_hand]:
                found = in_hand[fieldname]
                save(
                    storage,
                    file_name(segment.segment_id(), fieldname),
                    SegmentWords(found.groups, exact or found.exact, found.suspect),
                )
                written += 1
        except OSError:
            continue
        missing = [f for f in missing if f not in in_hand]
        if not missing:
            continue
        try:  # a later commit may have merged it away (and deleted its files) meanwhile
            reader = SegmentReader(storage, schema, segment)
        except OSError:
            continue
        try:
            for fieldname in missing:
                found = from_lexicon(reader, fieldname)
                save(
                    storage,
                    file_name(segment.segment_id(), fieldname),
                    SegmentWords(found.groups, exact),
                )
                written += 1
        except OSError:
            continue
        finally:
            reader.close()
    return written


def merged_lists(storage, schema, sources, known=None, built=()) -> dict[str, SegmentWords]:
    """See ``_merged_lists``; nothing (the lists then read from the merged segment's lexicon,
    not exact) when a source's list cannot be read: a spelling list never fails a commit."""
    try:
        return _merged_lists(storage, schema, sources, known, built)
    except (OSError, ValueError, KeyError):
        return {}


def _merged_lists(storage, schema, sources, known, built) -> dict[str, SegmentWords]:
    """The lists of the segment merging ``sources`` (segments, their deletions applied) makes,
    for ``write_missing``: by spelling field, the union of the sources' lists (``known`` and
    ``built`` as ``write_missing`` takes them, else their files), exact when all are, with the
    sources' suspects and the words of the documents the merge drops (their deleted ones) as
    suspects. A field whose lists are not all exact, or whose dropped documents are too many
    to read, is left out: its list is then read from the merged segment's lexicon, not exact."""
    from whoosh.reading import SegmentReader

    spelled = {
        field.spelling_fieldname(name): name
        for name, field in schema.items()
        if field.separate_spelling() and field.spelling_fieldname(name) in schema
    }
    found: dict[str, tuple[list[SegmentWords], list[set[str]]]] = {}
    for fieldname in spelled:
        lists = [_list_of(storage, schema, s, fieldname, known, built) for s in sources]
        if lists and all(listed is not None and listed.exact for listed in lists):
            found[fieldname] = (lists, [set(listed.suspect) for listed in lists])
    if sum(s.deleted_count() for s in sources) > MAX_DROPPED:
        return {}
    for at, segment in enumerate(sources):
        if not segment.deleted_count() or not found:
            continue
        reader = SegmentReader(storage, schema, segment)
        try:
            for fieldname, (_, unsure) in list(found.items()):
                words = _words_of(reader, segment.deleted_docs(), schema, spelled[fieldname])
                if words is None:
                    del found[fieldname]
                else:
                    unsure[at] |= words
        finally:
            reader.close()
    merged = {}
    for fieldname, (lists, unsure) in found.items():
        union = lists[0]
        for listed in lists[1:]:
            union = union.union(listed)
        # a word a dropped document held is still held when a source that lists it is sure of it
        suspect = {
            word
            for word in set().union(*unsure)
            if not any(
                word in listed and word not in u for listed, u in zip(lists, unsure, strict=True)
            )
        }
        merged[fieldname] = SegmentWords(union.groups, True, frozenset(suspect))
    return merged


def _words_of(reader, docnums, schema, fieldname: str) -> set[str] | None:
    """The spelling words of ``fieldname`` in the documents ``docnums`` from their stored
    text; None when it is not stored."""
    field = schema[fieldname]
    if not field.stored:
        return None
    words: set[str] = set()
    for docnum in docnums:
        text = reader.stored_fields(docnum).get(fieldname, "")
        if not isinstance(text, str):
            return None
        words.update(token.text for token in field.analyzer(text, no_morph=True))
    return words


def _list_of(storage, schema, segment, fieldname: str, known, built) -> SegmentWords | None:
    exact = segment.segment_id() in built
    listed = (known or {}).get(segment.segment_id(), {}).get(fieldname)
    if listed is not None:
        return SegmentWords(listed.groups, exact or listed.exact, listed.suspect)
    saved = _read_saved(storage, file_name(segment.segment_id(), fieldname))
    if saved is not None:
        return saved
    if not exact:
        return None
    from whoosh.reading import SegmentReader

    reader = SegmentReader(storage, schema, segment)
    try:
        return SegmentWords(from_lexicon(reader, fieldname).groups, True)
    finally:
        reader.close()


CACHE = WordCache()  # the process's word lists (every backend and searcher shares them)
