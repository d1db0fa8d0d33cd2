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

from django.http import QueryDict
from haystack.utils import get_model_ct

from archive.models import Article, CommentBlock
from search.forms import SearchForm
from search.querying.builder import any_of, build_search
from search.querying.stream import batched, iter_results

NARROW_CHUNK = 1000  # documents named in one narrowed search
COUNT_LIMIT = 5000  # "new since last opened" counts at most this many newest candidates


def search_params(query: str) -> dict:
    """The validated search of a saved query string (invalid parts left out, as on the page)."""
    form = SearchForm(QueryDict(query or ""))
    form.is_valid()
    params = form.search_params()
    params.pop("sort", None)  # order is irrelevant for which articles match
    return params


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
    """The ids of the articles among ``documents`` that the search ``params`` matches."""
    found: set[int] = set()
    for chunk in batched(sorted(documents), NARROW_CHUNK):
        search = build_search(params, facets=()).narrow(any_of("id", chunk))
        for result in iter_results(search, chunk=NARROW_CHUNK):
            article_id = documents.get(f"{result.app_label}.{result.model_name}.{result.pk}")
            if article_id is not None:
                found.add(article_id)
    return found


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
    counts = {}
    for saved in saved_searches:
        documents = candidates.after(saved.last_opened_at)
        found = matching_articles(search_params(saved.query), documents) if documents else set()
        counts[saved.pk] = (len(found), capped and len({*documents.values()}) > COUNT_LIMIT)
    return counts
