"""A saved search's matches among the articles added to the archive since a moment.

The engine is asked, through haystack's API, for the saved search's own query and filters
narrowed to the documents of those articles (the article and its visible reader-comment blocks:
a search in comments finds an article by its readers' words). Only public articles are
candidates, and the index holds only what the public may see, so a hidden article is never a
match. The candidates are read once per run and shared by every saved search.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.http import QueryDict
from haystack import connections
from haystack.utils import get_model_ct

from archive.models import Article, CommentBlock
from search.forms import SearchForm
from search.querying.builder import any_of, build_search
from search.querying.stream import batched, iter_results

NARROW_CHUNK = 1000  # documents named in one narrowed search
COUNT_LIMIT = 500  # "new since last opened" counts at most this many newest candidates


def search_params(query: str) -> dict:
    """The validated search of a saved query string (invalid parts left out, as on the page)."""
    return dict(_validated(query or ""))


@lru_cache(maxsize=4096)
def _validated(query: str) -> tuple:
    form = SearchForm(QueryDict(query))
    form.is_valid()
    params = form.search_params()
    params.pop("sort", None)  # order is irrelevant for which articles match
    return tuple(params.items())  # values are lists, dates and strings: only read, never changed


@dataclass(frozen=True)
class Candidates:
    """Public articles added after ``since``: their index documents and when each was added."""

    since: dt.datetime
    added: dict[int, dt.datetime]  # article id -> created_at
    documents: dict[str, int]  # index document id -> article id

    @classmethod
    def since_moment(cls, since: dt.datetime, *, limit: int | None = None) -> Candidates:
        rows = (
            Article.objects.published()
            .filter(created_at__gt=since)
            .order_by("-created_at", "-pk")
            .values_list("pk", "created_at")
        )
        added = dict(rows[:limit] if limit else rows)
        article_ct, block_ct = get_model_ct(Article), get_model_ct(CommentBlock)
        documents = {f"{article_ct}.{pk}": pk for pk in added}
        blocks = CommentBlock.objects.filter(is_hidden=False, article_id__in=list(added))
        for block_pk, article_pk in blocks.values_list("pk", "article_id").iterator():
            documents[f"{block_ct}.{block_pk}"] = article_pk
        return cls(since, added, documents)

    def after(self, moment: dt.datetime) -> dict[str, int]:
        """The documents of articles added after ``moment``."""
        if moment <= self.since:
            return self.documents
        return {doc: pk for doc, pk in self.documents.items() if self.added[pk] > moment}


def matching_articles(params: Mapping, documents: Mapping[str, int]) -> set[int]:
    """The ids of the articles among ``documents`` that the search ``params`` matches: the
    search narrowed to those documents (haystack's API alone, for any engine)."""
    found: set[int] = set()
    for chunk in batched(sorted(documents), NARROW_CHUNK):
        search = build_search(params, facets=()).narrow(any_of("id", chunk))
        for result in iter_results(search, chunk=NARROW_CHUNK):
            article_id = documents.get(f"{result.app_label}.{result.model_name}.{result.pk}")
            if article_id is not None:
                found.add(article_id)
    return found


def matches_among(candidates: Candidates, searches: list[Mapping]) -> list[set[int]]:
    """For each search (a form's cleaned data): the candidate articles it matches.

    Our engine runs every search over the candidates alone (``percolate``: an index in memory
    of just those documents); another haystack engine narrows each search to them."""
    if not candidates.documents or not searches:
        return [set() for _ in searches]
    backend = connections["default"].get_backend()
    if not hasattr(backend, "percolate"):
        return [matching_articles(params, candidates.documents) for params in searches]
    compiled = []
    for params in searches:
        query = build_search(params, facets=()).query
        compiled.append((query.build_query(), list(query.narrow_queries)))
    unified = connections["default"].get_unified_index()
    batches = []
    for model in (Article, CommentBlock):
        index = unified.get_index(model)
        pks = [int(doc.rsplit(".", 1)[1]) for doc in candidates.documents
               if doc.startswith(get_model_ct(model) + ".")]
        batches.append((index, index.index_queryset().filter(pk__in=pks)))
    found = backend.percolate(batches=batches, searches=compiled)
    return [{candidates.documents[doc] for doc in ids if doc in candidates.documents}
            for ids in found]


def new_match_counts(saved_searches: Iterable) -> dict[int, tuple[int, bool]]:
    """For each saved search: (matches added since it was last opened, whether that count is
    capped at ``COUNT_LIMIT`` candidates). One read of the candidates for all of them."""
    saved_searches = list(saved_searches)
    if not saved_searches:
        return {}
    candidates = Candidates.since_moment(
        min(s.last_opened_at for s in saved_searches), limit=COUNT_LIMIT + 1
    )
    capped = len(candidates.added) > COUNT_LIMIT
    # Only the newest COUNT_LIMIT additions are read: a search last opened before the oldest of
    # them may have more new matches than counted ("+" on the page).
    oldest = min(candidates.added.values(), default=candidates.since)
    found = matches_among(candidates, [search_params(s.query) for s in saved_searches])
    counts = {}
    for saved, articles in zip(saved_searches, found, strict=True):
        new = {pk for pk in articles if candidates.added[pk] > saved.last_opened_at}
        counts[saved.pk] = (len(new), capped and saved.last_opened_at < oldest)
    return counts
