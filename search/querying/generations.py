"""Answers that depend on the index alone, never on a query, kept per index generation.

The attention chart's base (every archived article per month, from the chosen outlets and kinds
of text) is the same for every search with the same filters until the index changes, yet it was
searched for on every page: a search of the whole archive, 5-9 ms of each page at 100,000
articles. ``GenerationCache`` keeps such answers:

- keyed by the backend's ``generation_key()`` (the index path, its generation and each
  segment's id and live document count: every commit changes it), and dropped whole as soon as
  a different key is seen, so nothing is ever read across an index change;
- at most ``max_entries`` answers (least recently used dropped first);
- never a query's answer: callers pass only filters that do not contain the search's words.

A backend without ``generation_key`` (another haystack engine) is not cached: each call
computes its answer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from haystack import connections

MAX_ENTRIES = 64


def generation_key(using: str = "default") -> Hashable | None:
    """The index generation searches now read (``ClippingsWhooshBackend.generation_key``), or
    None when the backend cannot say."""
    backend = connections[using].get_backend()
    key = getattr(backend, "generation_key", None)
    return key() if key is not None else None


class GenerationCache:
    """A bounded map of answers valid for one index generation (see the module docstring)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, key_of=generation_key):
        self.max_entries = max_entries
        self._key_of = key_of
        self._generation = None
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], object]):
        generation = self._key_of()
        if generation is None:
            return compute()
        with self._lock:
            if generation != self._generation:  # the index changed: nothing kept is valid
                self._items.clear()
                self._generation = generation
            elif key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            if generation == self._generation:  # still the generation it was computed on
                self._items[key] = value
                while len(self._items) > self.max_entries:
                    self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._generation = None
