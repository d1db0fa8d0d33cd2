"""Newsroom intelligence for a batch of new articles, in a few queries (ingest's bulk path).

``analyse_new_articles`` stores for articles just created what ``services.analyse_article``
would store for each in turn — entities, their aliases and mentions, quotes, fingerprints, LSH
bands and story memberships — but asks the database once per batch and inserts each table's rows
together. The articles are taken in order and each sees what the ones before it added (aliases,
new entities, bands, stories), exactly as if they had been analysed one by one (tested).

The extraction itself (``pipeline.prepare_text``) is pure Python: ingest runs it in its parse
workers and hands the results in as ``prepared``; what is missing is prepared here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat

from django.db import transaction
from django.utils.text import slugify

from archive.ingestion.inserts import insert_with_history
from archive.models import Article
from newsroom.models.entities import Entity, EntityAlias, Mention, Quote
from newsroom.models.stories import ArticleFingerprint, Story, StoryBand, StoryMembership

from .extraction.clusters import (
    ClusterSettings,
    Fingerprint,
    from_signature_bytes,
    signature_bytes,
    similarity,
)
from .extraction.pipeline import PreparedText, TextAnalysis, prepare_text
from .rows import insert_rows, one_parameter, select_where_in
from .services import MAX_CANDIDATES, cluster_settings, refresh_story, survivor

# Values per ``IN (…)`` list: well under SQLite's limit of 32,766 variables a statement.
IN_CHUNK = 5000
# Rows per INSERT statement of the bulk writes.
INSERT_BATCH = 2000


@transaction.atomic
def analyse_new_articles(
    *, articles: Sequence[Article], prepared: Sequence[PreparedText | None] | None = None
) -> None:
    """Extract and store entities, quotes and stories for ``articles``, saved but never
    analysed (no mentions, quotes, bands or story yet). ``prepared[i]``: ``articles[i]``'s
    ``prepare_text`` result, if a worker made it."""
    if not articles:
        return
    settings = cluster_settings()
    prepared = list(prepared or [None] * len(articles))
    prepared = [p or prepare_text(a.body, settings) for a, p in zip(articles, prepared,
                                                                      strict=True)]
    corpus = _Corpus.load(prepared)
    analyses: list[TextAnalysis] = []
    entities: list[dict[tuple[str, str], Entity]] = []
    for item in prepared:
        analysis = item.finish(corpus.lookup)
        found = corpus.entities_for(analysis.entities.entities())
        corpus.record_aliases(analysis.entities, found)
        analyses.append(analysis)
        entities.append(found)
    corpus.save()
    _store_mentions_and_quotes(articles, analyses, entities)
    _store_stories(articles, analyses, settings)


# --- entities -----------------------------------------------------------------------------------


@dataclass
class _Corpus:
    """What the corpus knows of the batch's names, kept up to date with the batch's own
    additions (``services._corpus_lookup``, ``_entities_for`` and ``_record_aliases`` in memory).
    """

    by_name: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias → (kind, name)
    by_alias: dict[tuple[str, str], Entity] = field(default_factory=dict)  # (kind, alias) →
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)  # (kind, name) →
    new_entities: list[Entity] = field(default_factory=list)
    new_aliases: list[tuple[str, str, Entity]] = field(default_factory=list)

    @classmethod
    def load(cls, prepared: Iterable[PreparedText]) -> _Corpus:
        names: set[str] = set()
        for item in prepared:
            names |= item.asked
            for found in (item.analysis.entities, item.unresolved):
                if found is not None:
                    names.update(m.name for m in found.mentions)
                    for forms in found.aliases.values():
                        names |= forms
        corpus = cls()
        if not names:
            return corpus
        # The names travel as one parameter. Aliases of one name (of several kinds) come in
        # the order of the name index, as they did with an ``IN`` list: the first one wins.
        wanted = sorted(names)
        for alias in EntityAlias.objects.filter(name__in=one_parameter(EntityAlias, wanted)) \
                .select_related("entity__merged_into").order_by("name", "pk"):
            entity = survivor(alias.entity)
            corpus.by_alias[(alias.kind, alias.name)] = entity
            corpus.by_name.setdefault(alias.name, (entity.kind, entity.name))
            corpus.entities.setdefault((entity.kind, entity.name), entity)
        for entity in Entity.objects.filter(name__in=one_parameter(Entity, wanted)) \
                .select_related("merged_into"):
            corpus.entities.setdefault((entity.kind, entity.name), entity)
        return corpus

    def lookup(self, name: str) -> tuple[str, str] | None:
        return self.by_name.get(name)

    def entities_for(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], Entity]:
        """The entity of each (kind, name): an alias wins, then the entity of that name; a new
        name becomes a new entity (saved by ``save``)."""
        result = {}
        for pair in pairs:
            entity = self.by_alias.get(pair)
            if entity is None:
                entity = self.entities.get(pair)
                if entity is None:
                    kind, name = pair
                    entity = Entity(kind=kind, name=name, slug=slugify(name)[:200].strip("-")
                                    or "entity")
                    self.entities[pair] = entity
                    self.new_entities.append(entity)
                entity = survivor(entity)
            result[pair] = entity
        return result

    def record_aliases(self, found, entities: dict[tuple[str, str], Entity]) -> None:
        """Other names seen for an entity become corpus aliases (the first claim wins)."""
        for (kind, name), forms in found.aliases.items():
            entity = entities.get((kind, name))
            if entity is None:
                continue
            for alias in sorted(forms):
                if alias == entity.name or (kind, alias) in self.by_alias:
                    continue
                self.by_alias[(kind, alias)] = entity
                self.by_name.setdefault(alias, (entity.kind, entity.name))
                self.new_aliases.append((kind, alias, entity))

    def save(self) -> None:
        insert_with_history(self.new_entities, Entity)
        EntityAlias.objects.bulk_create(
            [EntityAlias(entity=entity, kind=kind, name=name)
             for kind, name, entity in self.new_aliases],
            batch_size=INSERT_BATCH, ignore_conflicts=True,
        )


def _store_mentions_and_quotes(articles, analyses, entities) -> None:
    mentions, quotes = [], []
    for article, analysis, found in zip(articles, analyses, entities, strict=True):
        article_id = article.pk
        counts: Counter = Counter()
        first: dict[int, int] = {}
        for mention in analysis.entities.mentions:
            pk = found[(mention.kind, mention.name)].pk
            counts[pk] += 1
            first.setdefault(pk, mention.start)
        mentions += [(article_id, pk, n, first[pk]) for pk, n in counts.items()]
        quotes += [
            (article_id, quote.text, key, quote.speaker[:300],
             found[speaker].pk if speaker in found else None, position)
            for position, (quote, key, speaker) in enumerate(
                zip(analysis.quotes, analysis.quote_keys, analysis.speakers, strict=True))
        ]
    insert_rows(Mention, ("article", "entity", "count", "first_offset"), mentions)
    insert_rows(Quote, ("article", "text", "key", "speaker_name", "speaker", "position"), quotes)


# --- stories ------------------------------------------------------------------------------------


@dataclass
class _Known:
    """A candidate article already in the corpus: its fingerprint and its story."""

    fingerprint: Fingerprint
    story: Story | int  # a Story of this batch, or the id of a stored one


def _store_stories(articles, analyses: list[TextAnalysis], settings: ClusterSettings) -> None:
    stored_bands = _stored_bands({key for analysis in analyses for key in analysis.keys})
    candidates = [_candidates(analysis.keys, stored_bands) for analysis in analyses]
    known = _stored_candidates({pk for ids in candidates for pk in ids}, settings)
    batch_bands: dict[int, list[int]] = defaultdict(list)
    stories: list[Story | int] = []
    new_stories: list[Story] = []
    in_batch = batch_bands.get  # (``map`` over ~75 keys an article: most are in no band yet)
    for index, (article, analysis) in enumerate(zip(articles, analyses, strict=True)):
        others = candidates[index] + [
            article_id for found in map(in_batch, analysis.keys) if found for article_id in found
        ]
        best = _best(analysis.fingerprint, _distinct(others)[:MAX_CANDIDATES], known, settings)
        if best is None:
            story: Story | int = Story(title=article.title[:500], size=1, lead=article)
            new_stories.append(story)
        else:
            story = known[best].story
        stories.append(story)
        article_id = article.id
        known[article_id] = _Known(analysis.fingerprint, story)
        for key in analysis.keys:
            batch_bands[key].append(article_id)
    insert_with_history(new_stories, Story)
    pairs = [(article.pk, analysis) for article, analysis in zip(articles, analyses, strict=True)]
    insert_rows(ArticleFingerprint, ("article", "body", "quotes"), (
        (article_id, signature_bytes(analysis.fingerprint.body),
         signature_bytes(analysis.fingerprint.quotes)) for article_id, analysis in pairs))
    insert_rows(StoryBand, ("article", "key"), chain.from_iterable(
        zip(repeat(article_id), analysis.keys) for article_id, analysis in pairs))
    members: Counter = Counter()
    memberships = []
    for article, story in zip(articles, stories, strict=True):
        story_id = story if isinstance(story, int) else story.pk
        memberships.append(StoryMembership(article=article, story_id=story_id))
        members[story_id] += 1
    insert_with_history(memberships, StoryMembership)
    # Stored stories that gained members, and new ones with several: size, lead and title.
    grown = {pk for pk, n in members.items() if n > 1} | {s for s in stories if isinstance(s, int)}
    for story in Story.objects.filter(pk__in=grown).order_by("pk"):
        refresh_story(story=story)


def _stored_bands(keys: set[int]) -> dict[int, list[int]]:
    bands: dict[int, list[int]] = defaultdict(list)
    for key, article_id in select_where_in(StoryBand, ("key", "article"), "key", sorted(keys)):
        bands[key].append(article_id)
    for found in bands.values():
        found.sort()  # the order the candidates are tried in does not depend on the database
    return bands


def _candidates(keys: list[int], bands: dict[int, list[int]]) -> list[int]:
    return _distinct(article_id for found in map(bands.get, keys) if found
                     for article_id in found)[:MAX_CANDIDATES]


def _stored_candidates(ids: set[int], settings: ClusterSettings) -> dict[int, _Known]:
    """The stored candidates that belong to a story, with their fingerprints."""
    known = {}
    for chunk in _chunks(sorted(ids)):
        rows = ArticleFingerprint.objects.filter(
            article_id__in=chunk, article__story_membership__isnull=False
        ).values_list("article_id", "body", "quotes", "article__story_membership__story_id")
        for article_id, body, quotes, story_id in rows:
            fp = Fingerprint(from_signature_bytes(bytes(body), settings),
                             from_signature_bytes(bytes(quotes), settings))
            known[article_id] = _Known(fp, story_id)
    return known


def _best(fp: Fingerprint, candidates: list[int], known: dict[int, _Known],
          settings: ClusterSettings) -> int | None:
    best, best_score = None, 0.0
    for other in candidates:
        if other not in known:
            continue
        body, quotes = similarity(fp, known[other].fingerprint)
        if body >= settings.body_threshold or quotes >= settings.quote_threshold:
            score = max(body, quotes)
            if score > best_score:
                best, best_score = other, score
    return best


def _distinct(values: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(values))


def _chunks(values: list) -> Iterator[list]:
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]
