"""Write side of newsroom intelligence (Django): run the extractors on an article and store
mentions, quotes and its story; the editor actions (move, split, merge, rename, alias).

Editors' decisions survive re-extraction:
- a membership an editor made (``StoryMembership.pinned``) is never changed by clustering;
- extracted names are looked up in ``EntityAlias`` first, and renaming or merging an entity
  records the old name as an alias of the survivor, so re-extraction lands on it again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings as django_settings
from django.db import transaction

from archive.models import Article
from archive.signals import announce_changes
from newsroom.models import (
    ArticleFingerprint,
    Entity,
    EntityAlias,
    Mention,
    Quote,
    Story,
    StoryBand,
    StoryMembership,
)

from .extraction.clusters import (
    ClusterSettings,
    Fingerprint,
    band_keys,
    choose_lead,
    from_signature_bytes,
    signature_bytes,
    similarity,
)
from .extraction.pipeline import analyse_text

MAX_CANDIDATES = 200


@dataclass(frozen=True)
class Analysis:
    article_id: int
    story_id: int
    story_size: int
    entities: int
    quotes: int


def cluster_settings() -> ClusterSettings:
    return _cluster_settings(
        django_settings.CLIPPINGS_STORY_BODY_THRESHOLD,
        django_settings.CLIPPINGS_STORY_QUOTE_THRESHOLD,
        django_settings.CLIPPINGS_STORY_NUM_PERM,
    )


@lru_cache(maxsize=4)
def _cluster_settings(body: float, quote: float, num_perm: int) -> ClusterSettings:
    return ClusterSettings(num_perm=num_perm, body_threshold=body, quote_threshold=quote)


def intelligence_enabled() -> bool:
    return django_settings.CLIPPINGS_INTELLIGENCE_AT_INGEST


# --- analysis -----------------------------------------------------------------------------------


@transaction.atomic
def analyse_article(*, article: Article) -> Analysis:
    """Extract entities, quotes and the story of ``article`` and store them (replacing what an
    earlier extraction stored; editors' decisions are kept)."""
    analysis = analyse_text(
        article.body,
        lookup=lambda names: _corpus_lookup(names).get,
        cluster_settings=cluster_settings(),
    )
    entity_ids = _store_mentions(article, analysis.entities)
    _store_quotes(article, analysis, entity_ids)
    story = _assign_story(article, analysis.fingerprint)
    return Analysis(article.id, story.id, story.size, len(entity_ids), len(analysis.quotes))


def _corpus_lookup(surfaces: set[str]) -> dict[str, tuple[str, str]]:
    """Single names the article could not place, as the corpus knows them (aliases first)."""
    if not surfaces:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for alias in EntityAlias.objects.filter(name__in=surfaces).select_related("entity"):
        entity = survivor(alias.entity)
        found.setdefault(alias.name, (entity.kind, entity.name))
    return found


def survivor(entity: Entity) -> Entity:
    """The entity that ``entity`` was merged into, following merges to the end."""
    seen = set()
    while entity.merged_into_id and entity.pk not in seen:
        seen.add(entity.pk)
        entity = entity.merged_into
    return entity


def _entities_for(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], Entity]:
    """The stored entity of each extracted (kind, name): an alias wins, then the entity of that
    name; new names become new entities."""
    names = {name for _, name in pairs}
    result: dict[tuple[str, str], Entity] = {}
    for alias in EntityAlias.objects.filter(name__in=names).select_related("entity"):
        if (alias.kind, alias.name) in pairs:
            result[(alias.kind, alias.name)] = survivor(alias.entity)
    missing = [pair for pair in pairs if pair not in result]
    if missing:
        existing = {
            (e.kind, e.name): e
            for e in Entity.objects.filter(name__in={n for _, n in missing}).select_related(
                "merged_into"
            )
        }
        for pair in missing:
            entity = existing.get(pair)
            if entity is None:
                entity = Entity.objects.create(kind=pair[0], name=pair[1])
                existing[pair] = entity
            result[pair] = survivor(entity)
    return result


def _store_mentions(article: Article, found) -> dict[tuple[str, str], int]:
    Mention.objects.filter(article=article).delete()
    pairs = found.entities()
    if not pairs:
        return {}
    entities = _entities_for(pairs)
    counts: Counter = Counter()
    first: dict[int, int] = {}
    for mention in found.mentions:
        entity = entities[(mention.kind, mention.name)]
        counts[entity.pk] += 1
        first.setdefault(entity.pk, mention.start)
    Mention.objects.bulk_create(
        [
            Mention(article=article, entity_id=pk, count=n, first_offset=first[pk])
            for pk, n in counts.items()
        ]
    )
    _record_aliases(found, entities)
    return {pair: entity.pk for pair, entity in entities.items()}


def _record_aliases(found, entities: dict[tuple[str, str], Entity]) -> None:
    """Other names seen for an entity become corpus aliases (the first claim wins)."""
    wanted = {
        (kind, alias): entities[(kind, name)].pk
        for (kind, name), forms in found.aliases.items()
        for alias in forms
        if (kind, name) in entities and alias != entities[(kind, name)].name
    }
    if not wanted:
        return
    taken = set(
        EntityAlias.objects.filter(name__in={n for _, n in wanted}).values_list("kind", "name")
    )
    EntityAlias.objects.bulk_create(
        [
            EntityAlias(entity_id=pk, kind=kind, name=name)
            for (kind, name), pk in wanted.items()
            if (kind, name) not in taken
        ],
        ignore_conflicts=True,
    )


def _store_quotes(article: Article, analysis, entity_ids: dict) -> None:
    Quote.objects.filter(article=article).delete()
    Quote.objects.bulk_create(
        [
            Quote(
                article=article,
                text=quote.text,
                key=key,
                speaker_name=quote.speaker[:300],
                speaker_id=entity_ids.get(speaker) if speaker else None,
                position=position,
            )
            for position, (quote, key, speaker) in enumerate(
                zip(analysis.quotes, analysis.quote_keys, analysis.speakers, strict=True)
            )
        ]
    )


# --- stories ------------------------------------------------------------------------------------


def _assign_story(article: Article, fp: Fingerprint) -> Story:
    settings = cluster_settings()
    keys = band_keys(fp, settings)
    ArticleFingerprint.objects.update_or_create(
        article=article,
        defaults={"body": signature_bytes(fp.body), "quotes": signature_bytes(fp.quotes)},
    )
    StoryBand.objects.filter(article=article).delete()
    StoryBand.objects.bulk_create([StoryBand(article=article, key=key) for key in keys])
    membership = (
        StoryMembership.objects.filter(article=article).select_related("story").first()
    )
    if membership and membership.pinned:
        return refresh_story(story=membership.story)
    best = _best_match(article, fp, keys, settings)
    old_story = membership.story if membership else None
    if best is not None:
        story = Story.objects.get(memberships__article_id=best)
    elif old_story is not None and old_story.memberships.count() == 1:
        story = old_story  # alone before, alone now: keep its id (and its permalink)
    else:
        story = Story.objects.create(title=article.title[:500])
    if membership is None:
        StoryMembership.objects.create(article=article, story=story)
    elif membership.story_id != story.id:
        membership.story = story
        membership.save(update_fields=["story", "updated_at"])
        _refresh_or_delete(old_story)
    return refresh_story(story=story)


def _best_match(article, fp, keys, settings) -> int | None:
    candidates = list(
        StoryBand.objects.filter(key__in=keys)
        .exclude(article=article)
        .values_list("article_id", flat=True)
        .distinct()[:MAX_CANDIDATES]
    )
    if not candidates:
        return None
    best, best_score = None, 0.0
    for other in ArticleFingerprint.objects.filter(
        article_id__in=candidates, article__story_membership__isnull=False
    ):
        other_fp = Fingerprint(
            from_signature_bytes(bytes(other.body), settings),
            from_signature_bytes(bytes(other.quotes), settings),
        )
        body, quotes = similarity(fp, other_fp)
        if body >= settings.body_threshold or quotes >= settings.quote_threshold:
            score = max(body, quotes)
            if score > best_score:
                best, best_score = other.article_id, score
    return best


def refresh_story(*, story: Story) -> Story:
    """Recompute size, lead (earliest published public member, else the longest) and title."""
    members = list(
        Article.objects.filter(story_membership__story=story).values_list(
            "id", "published", "word_count", "status", "merged_into_id", "title"
        )
    )
    public = [m for m in members if m[3] == Article.Status.PUBLISHED and m[4] is None]
    pool = public or members
    story.size = len(members)
    if pool:
        story.lead_id = choose_lead([(m[0], m[1], m[2]) for m in pool])
        if not story.title_locked:
            story.title = next(m[5] for m in pool if m[0] == story.lead_id)[:500]
    story.save(update_fields=["size", "lead", "title", "updated_at"])
    if len(members) > 1:  # the members' story fields in the search index
        announce_changes(m[0] for m in members)
    return story


def _refresh_or_delete(story: Story | None) -> None:
    if story is None:
        return
    if story.memberships.exists():
        refresh_story(story=story)
    else:
        story.delete()


# --- editor actions -----------------------------------------------------------------------------


@transaction.atomic
def move_article_to_story(*, article: Article, story: Story | None = None) -> Story:
    """Put ``article`` in ``story`` (a new story of its own when None); pinned, so re-clustering
    keeps it there."""
    membership = StoryMembership.objects.filter(article=article).select_related("story").first()
    old_story = membership.story if membership else None
    if story is None:
        story = Story.objects.create(title=article.title[:500])
    if membership is None:
        StoryMembership.objects.create(article=article, story=story, pinned=True)
    else:
        membership.story, membership.pinned = story, True
        membership.save(update_fields=["story", "pinned", "updated_at"])
    if old_story is not None and old_story.pk != story.pk:
        _refresh_or_delete(old_story)
    return refresh_story(story=story)


@transaction.atomic
def split_story(*, story: Story, articles) -> Story:
    """Move ``articles`` out of ``story`` into a new story together (pinned)."""
    articles = list(articles)
    if not articles:
        raise ValueError("Choose at least one article to split off.")
    member_ids = set(story.memberships.values_list("article_id", flat=True))
    if any(a.pk not in member_ids for a in articles):
        raise ValueError("Every article to split off must belong to the story.")
    if len(articles) == len(member_ids):
        raise ValueError("A split must leave at least one article in the story.")
    new_story = Story.objects.create(title=articles[0].title[:500])
    StoryMembership.objects.filter(story=story, article__in=articles).update(
        story=new_story, pinned=True
    )
    StoryMembership.objects.filter(story=story).update(pinned=True)
    refresh_story(story=story)
    return refresh_story(story=new_story)


@transaction.atomic
def rename_entity(*, entity: Entity, name: str) -> Entity:
    """Rename; the old name stays an alias so re-extraction finds the entity again."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("A name cannot be empty.")
    if name == entity.name:
        return entity
    clash = Entity.objects.filter(kind=entity.kind, name=name).exclude(pk=entity.pk).first()
    if clash:
        raise ValueError(f"Another {entity.kind} is already called “{name}”: merge them instead.")
    old = entity.name
    entity.name = name
    entity.save()
    EntityAlias.objects.filter(kind=entity.kind, name=name).delete()
    EntityAlias.objects.update_or_create(
        kind=entity.kind, name=old, defaults={"entity": entity, "by_editor": True}
    )
    return entity


@transaction.atomic
def add_entity_alias(*, entity: Entity, name: str) -> EntityAlias:
    """Make ``name`` another name of ``entity`` (taking it from any other entity)."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("An alias cannot be empty.")
    alias, _ = EntityAlias.objects.update_or_create(
        kind=entity.kind, name=name, defaults={"entity": entity, "by_editor": True}
    )
    return alias


@transaction.atomic
def merge_entities(*, source: Entity, target: Entity, by_editor: bool = True) -> Entity:
    """Merge ``source`` into ``target``: its mentions, quotes and aliases move over, and its name
    becomes an alias of ``target`` (an editor's, unless an automatic join made it)."""
    if source.pk == target.pk:
        raise ValueError("An entity cannot be merged into itself.")
    target = survivor(target)
    if target.pk == source.pk:
        raise ValueError("That entity was already merged into this one.")
    for mention in Mention.objects.filter(entity=source):
        existing = Mention.objects.filter(article_id=mention.article_id, entity=target).first()
        if existing:
            existing.count += mention.count
            existing.first_offset = min(existing.first_offset, mention.first_offset)
            existing.save(update_fields=["count", "first_offset"])
            mention.delete()
        else:
            mention.entity = target
            mention.save(update_fields=["entity"])
    Quote.objects.filter(speaker=source).update(speaker=target)
    EntityAlias.objects.filter(entity=source).update(entity=target)
    EntityAlias.objects.update_or_create(
        kind=source.kind, name=source.name, defaults={"entity": target, "by_editor": by_editor}
    )
    Entity.objects.filter(merged_into=source).update(merged_into=target)
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    return target
