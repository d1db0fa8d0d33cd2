"""Learning and applying outlets' page templates (the pure rules: archive.parsing.templates).

- :class:`TemplateBook` is what one ingest run uses: the template lines known when it starts,
  applied to each parse before it is saved; the candidate lines of the run's articles, counted
  per group as batches are written; and, after each batch, the lines that reached the threshold
  in this run stored and removed from the run's articles that hold them (re-parsed from their
  raw bytes). Lines whose articles came in separate runs are found by ``relearn_boilerplate``.
- :func:`relearn` counts over every stored article and replaces the learnt lines, then re-parses
  the articles whose body changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from archive.models import Article, Source, TemplateLine
from archive.parsing import ParsedArticle
from archive.parsing.templates import (
    GroupCounts,
    apply_templates,
    article_candidates,
    group_for,
    learn,
    stored_candidates,
    template_key,
)

# Articles remembered per candidate line of a run (re-parsed when the line becomes a template).
_MAX_IDS_PER_LINE = 1000
# Distinct lines counted per group in a run before those seen once are forgotten (memory: most
# lines are an article's own sentences; a footer is seen again within a few articles).
MAX_TRACKED_LINES = 100_000


def min_articles() -> int:
    return max(2, int(settings.CLIPPINGS_TEMPLATE_MIN_ARTICLES))


class TemplateBook:
    """The template lines of every group, for one ingest run or one re-parse."""

    def __init__(self, *, learning: bool = True) -> None:
        self.known: dict[str, frozenset[str]] = TemplateLine.objects.keys_by_group()
        self.learning = learning
        self.threshold = min_articles()
        self._counts: dict[str, GroupCounts] = {}
        self._ids: dict[tuple[str, str], list[int]] = {}
        self._pending: list[tuple[int, str, dict[str, str]]] = []

    def apply(self, file_name: str, parsed: ParsedArticle,
              outlet: str | None = None) -> ParsedArticle:
        """The parse less its group's template lines. ``outlet``: the article's outlet when it
        is not the detected one (a sidecar's, an editor's)."""
        group = group_for(file_name, outlet or parsed.source)
        return apply_templates(parsed, self.known.get(group, frozenset()))

    def record(self, article_id: int, file_name: str, parsed: ParsedArticle,
               outlet: str | None = None) -> None:
        """Count a saved article's candidate lines (at the end of its batch)."""
        if self.learning:
            group = group_for(file_name, outlet or parsed.source)
            if group:
                self._pending.append((article_id, group, article_candidates(parsed)))

    def learn_batch(self, reparse: Callable[[list[int]], object]) -> int:
        """Count the batch's articles; store the lines that reached the threshold and re-parse
        the run's articles that hold them (``reparse(ids)``). Returns the lines learnt."""
        new: dict[str, dict[str, tuple[str, int]]] = {}
        affected: set[int] = set()
        for article_id, group, candidates in self._pending:
            counts = self._counts.setdefault(group, GroupCounts())
            known = self.known.get(group, frozenset())
            for key in candidates:
                if key in known:
                    continue
                ids = self._ids.setdefault((group, key), [])
                if len(ids) < _MAX_IDS_PER_LINE:
                    ids.append(article_id)
            counts.add({k: t for k, t in candidates.items() if k not in known})
            if len(counts.articles) > MAX_TRACKED_LINES:
                self._forget_singletons(group, counts)
        self._pending.clear()
        for group, counts in self._counts.items():
            for key, (text, count) in counts.templates(self.threshold).items():
                new.setdefault(group, {})[key] = (text, count)
                affected.update(self._ids.pop((group, key), ()))
        if not new:
            return 0
        store_lines(new, replace=False)
        for group, lines in new.items():
            self.known[group] = self.known.get(group, frozenset()) | frozenset(lines)
            counts = self._counts[group]
            for key in lines:
                del counts.articles[key]
        if affected:
            reparse(sorted(affected))
        return sum(len(lines) for lines in new.values())


    def _forget_singletons(self, group: str, counts: GroupCounts) -> None:
        for key in [k for k, n in counts.articles.items() if n == 1]:
            del counts.articles[key]
            counts.text.pop(key, None)
            self._ids.pop((group, key), None)


def store_lines(learnt: dict[str, dict[str, tuple[str, int]]], *, replace: bool) -> None:
    """Write learnt lines; ``replace``: the groups' other lines are deleted (a full recount)."""
    outlets = {s.slug: s for s in Source.objects.filter(
        slug__in=[g.removeprefix("outlet:") for g in learnt if g.startswith("outlet:")])}
    with transaction.atomic():
        if replace:
            TemplateLine.objects.exclude(group__in=list(learnt)).delete()
        for group, lines in learnt.items():
            existing = {line.key: line for line in TemplateLine.objects.filter(group=group)}
            source = outlets.get(group.removeprefix("outlet:")) if group.startswith(
                "outlet:") else None
            if replace:
                TemplateLine.objects.filter(group=group).exclude(key__in=list(lines)).delete()
            changed, created = [], []
            for key, (text, count) in lines.items():
                line = existing.get(key)
                if line is None:
                    created.append(TemplateLine(group=group, source=source, key=key[:1000],
                                                text=text[:1000], article_count=count))
                elif replace or count > line.article_count:
                    line.article_count = count
                    changed.append(line)
            TemplateLine.objects.bulk_create(created, ignore_conflicts=True)
            TemplateLine.objects.bulk_update(changed, ["article_count"])


@dataclass
class RelearnResult:
    articles: int = 0
    groups: int = 0
    lines: int = 0
    added: int = 0  # lines that were not templates before
    dropped: int = 0  # lines that no longer are
    to_reparse: list[int] = field(default_factory=list)
    reparsed: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)


def relearn(*, dry_run: bool = False, progress: Callable[[int], object] = lambda n: None,
            chunk: int = 500) -> RelearnResult:
    """Count candidate lines over every article (merged ones excepted), replace the learnt
    template lines with the result, and re-parse the articles whose body gains or loses a
    template line. ``progress(n)`` is called as articles are read. Writes nothing if
    ``dry_run``."""
    from archive.curation.chunks import id_chunks
    from archive.curation.reparse import reparse

    result = RelearnResult()
    seen: list[tuple[int, str, dict[str, str], set[str]]] = []
    articles = Article.objects.filter(merged_into__isnull=True)
    for ids in id_chunks(articles, chunk):
        rows = Article.objects.filter(pk__in=ids).order_by("pk").values_list(
            "pk", "file_name", "source__slug", "body", "boilerplate")
        for pk, file_name, slug, body, boilerplate in rows:
            group = group_for(file_name, slug)
            candidates = stored_candidates(body, boilerplate)
            removed = {template_key(b.get("text", "")) for b in boilerplate
                       if b.get("kind") == "template"}
            seen.append((pk, group, candidates, removed))
            result.articles += 1
        progress(len(ids))
    learnt = learn(((group, candidates) for _, group, candidates, _ in seen), min_articles())
    before = TemplateLine.objects.keys_by_group()
    result.groups = len(learnt)
    result.lines = sum(len(lines) for lines in learnt.values())
    for group in set(learnt) | set(before):
        now, was = set(learnt.get(group, ())), set(before.get(group, ()))
        result.added += len(now - was)
        result.dropped += len(was - now)
    for pk, group, candidates, removed in seen:
        templates = set(learnt.get(group, ()))
        in_body = set(candidates) - removed
        if (in_body & templates) or (removed - templates):
            result.to_reparse.append(pk)
    if dry_run:
        return result
    with transaction.atomic():
        store_lines(learnt, replace=True)
        if result.to_reparse:
            outcome = reparse(articles=Article.objects.filter(pk__in=result.to_reparse))
            result.reparsed, result.failed = outcome.reparsed, outcome.failed
    return result

