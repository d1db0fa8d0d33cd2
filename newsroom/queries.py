"""Read side of newsroom intelligence (Django): what the story, entity and quote pages and the
JSON show. Everything goes through ``Article.objects.published()``: hidden and merged articles
never appear in a story, an entity page or a quote search."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from archive.models import Article, published_through
from newsroom.models import Entity, Mention, Quote, Story, StoryMembership

from .extraction.text import quote_key


def public_story_of(article: Article) -> tuple[Story, list[Article]] | None:
    """The article's story and its public members (None when it stands alone)."""
    story = Story.objects.filter(memberships__article=article).first()
    if story is None:
        return None
    members = list(story.public_members())
    return story, members


def story_record(article: Article, *, permalink) -> dict | None:
    found = public_story_of(article)
    if found is None:
        return None
    story, members = found
    return {
        "id": story.id,
        "size": len(members),
        "members": [permalink(member) for member in members],
    }


def entity_records(article: Article) -> list[dict]:
    mentions = (
        Mention.objects.filter(article=article)
        .select_related("entity")
        .prefetch_related("entity__aliases")
        .order_by("first_offset")
    )
    return [
        {
            "name": m.entity.name,
            "kind": m.entity.kind,
            "aliases": sorted(a.name for a in m.entity.aliases.all()),
            "mentions": m.count,
        }
        for m in mentions
    ]


def quote_records(article: Article) -> list[dict]:
    return [
        {"text": q.text, "speaker": q.speaker_label or None}
        for q in Quote.objects.filter(article=article).select_related("speaker")
    ]


def public_mentions(entity: Entity):
    return Mention.objects.filter(published_through("article__"), entity=entity)


def entity_profile(entity: Entity, *, top: int = 10) -> dict:
    """Timeline of mentions (by month), the outlets that mention the entity most, the entities
    mentioned alongside it and its quotes — public articles only."""
    mentions = public_mentions(entity)
    timeline = list(
        mentions.exclude(article__published__isnull=True)
        .annotate(month=TruncMonth("article__published"))
        .values("month")
        .annotate(articles=Count("article", distinct=True))
        .order_by("month")
    )
    undated = mentions.filter(article__published__isnull=True).count()
    outlets = list(
        mentions.values("article__source__name", "article__source__slug")
        .annotate(articles=Count("article", distinct=True))
        .order_by("-articles", "article__source__name")[:top]
    )
    article_ids = mentions.values("article_id")
    alongside = list(
        Mention.objects.filter(article_id__in=article_ids)
        .exclude(entity=entity)
        .values("entity_id", "entity__name", "entity__kind", "entity__slug")
        .annotate(articles=Count("article", distinct=True))
        .order_by("-articles", "entity__name")[:top]
    )
    quotes = (
        Quote.objects.filter(published_through("article__"), speaker=entity)
        .select_related("article", "article__source")
        .order_by("article__published", "article_id", "position")
    )
    peak = max((row["articles"] for row in timeline), default=0)
    return {
        "timeline": timeline,
        "timeline_peak": peak,
        "undated": undated,
        "outlets": outlets,
        "alongside": alongside,
        "quotes": quotes,
        "article_count": mentions.values("article_id").distinct().count(),
    }


def entity_articles(entity: Entity):
    return (
        Article.objects.published()
        .filter(mentions__entity=entity)
        .select_related("source")
        .defer("raw", "body", "boilerplate")
        .newest_first()
    )


def search_quotes(text: str, *, limit: int = 50) -> list[dict]:
    """Quotations containing ``text`` (words, case and punctuation ignored), each with its
    speaker(s) and every public article and outlet that carried it, grouped by quotation."""
    key = quote_key(text)
    if not key:
        return []
    rows = (
        Quote.objects.filter(published_through("article__"), key__contains=key)
        .select_related("article", "article__source", "speaker")
        .order_by("article__published", "article_id", "position")
    )
    groups: dict[str, dict] = {}
    for quote in rows[: limit * 10]:
        group = _group_for(groups, quote)
        if quote.article_id not in group["article_ids"]:
            group["article_ids"].add(quote.article_id)
            group["articles"].append(quote.article)
        if quote.speaker_label:
            group["speakers"][quote.speaker_label] += 1
            if quote.speaker_id:
                group["speaker_entities"][quote.speaker_label] = quote.speaker
    results = []
    for group in list(groups.values())[:limit]:
        results.append(
            {
                "text": group["text"],
                "speakers": [
                    (name, group["speaker_entities"].get(name))
                    for name, _ in group["speakers"].most_common()
                ],
                "articles": group["articles"],
                "outlets": sorted(
                    {a.source.name for a in group["articles"] if a.source_id}
                ),
            }
        )
    return results


def _group_for(groups: dict, quote: Quote) -> dict:
    """The same quotation in several outlets, even when one quotes more or less of it than
    another: a quote joins a group when half of the shorter one's word 4-grams are shared."""
    for key, group in groups.items():
        if quote.key in key or key in quote.key or _overlap(quote.key, key) >= 0.5:
            if len(quote.text) > len(group["text"]):
                group["text"] = quote.text
            return group
    groups[quote.key] = {
        "text": quote.text,
        "article_ids": set(),
        "articles": [],
        "speakers": Counter(),
        "speaker_entities": {},
    }
    return groups[quote.key]


def _grams(key: str, size: int = 4) -> set[tuple[str, ...]]:
    tokens = key.split()
    return {tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1))}


def _overlap(a: str, b: str) -> float:
    one, two = _grams(a), _grams(b)
    return len(one & two) / min(len(one), len(two)) if one and two else 0.0


def facet_names(article: Article) -> dict[str, list[str]]:
    """Entity names by kind, for the search index's facets."""
    names: dict[str, list[str]] = defaultdict(list)
    for kind, name in (
        Mention.objects.filter(article=article, entity__merged_into__isnull=True)
        .order_by("first_offset")
        .values_list("entity__kind", "entity__name")
    ):
        names[kind].append(name)
    return names


def public_entities():
    return Entity.objects.canonical().filter(
        Q(mentions__article__status=Article.Status.PUBLISHED)
        & Q(mentions__article__merged_into__isnull=True)
    ).distinct()


def story_size_label(size: int) -> str:
    """The story-size facet value: how many public versions ("1" … "9", then "10+")."""
    return str(size) if size < 10 else "10+"


def index_fields(article: Article) -> dict:
    """The search index's intelligence fields of an article (public versions only)."""
    membership = (
        Story.objects.filter(memberships__article=article).values_list("id", flat=True).first()
    )
    size = (
        Article.objects.published().filter(story_membership__story_id=membership).count()
        if membership
        else 1
    )
    names = facet_names(article)
    return {
        "story_id": membership,
        "story_size": story_size_label(max(size, 1)),
        "people": names.get("person", []),
        "organisations": names.get("organisation", []),
        "places": names.get("place", []),
    }


def index_fields_for(articles) -> dict[int, dict]:
    """``index_fields`` of many articles at once, by article id: three queries for the whole
    batch instead of three per article (what the search index's batch writer reads)."""
    ids = [article.pk for article in articles]
    story_of = dict(
        StoryMembership.objects.filter(article_id__in=ids).values_list("article_id", "story_id")
    )
    sizes = dict(
        Article.objects.published()
        .filter(story_membership__story_id__in=set(story_of.values()))
        .values_list("story_membership__story_id")
        .annotate(n=Count("pk"))
        .values_list("story_membership__story_id", "n")
    )
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    # Merged entities are left out here, not in SQL: a condition on the entity made SQLite walk
    # every entity and look each one's mentions up for the batch (seconds for 1,000 articles,
    # growing with the archive) instead of reading the batch's mentions by article.
    for article_id, kind, name, merged in (
        Mention.objects.filter(article_id__in=ids)
        .order_by("article_id", "first_offset")
        .values_list("article_id", "entity__kind", "entity__name", "entity__merged_into_id")
    ):
        if merged is None:
            names[article_id][kind].append(name)
    fields = {}
    for pk in ids:
        story = story_of.get(pk)
        found = names.get(pk, {})
        fields[pk] = {
            "story_id": story,
            "story_size": story_size_label(max(sizes.get(story, 1) if story else 1, 1)),
            "people": found.get("person", []),
            "organisations": found.get("organisation", []),
            "places": found.get("place", []),
        }
    return fields


def entity_directory(kind: str | None = None):
    """Canonical entities mentioned in public articles, with ``articles`` (how many), most
    mentioned first; one kind when ``kind`` is given (the "People & organisations" index)."""
    public = Q(mentions__article__status=Article.Status.PUBLISHED) & Q(
        mentions__article__merged_into__isnull=True
    )
    entities = Entity.objects.canonical()
    if kind:
        entities = entities.filter(kind=kind)
    return (
        entities.annotate(articles=Count("mentions__article", filter=public, distinct=True))
        .filter(articles__gt=0)
        .order_by("-articles", "name")
    )


def story_directory():
    """Stories carried in more than one public version, the most versions first."""
    return (
        Story.objects.with_public_size()
        .filter(public_size__gt=1)
        .select_related("lead", "lead__source")
        .order_by("-public_size", "-id")
    )
