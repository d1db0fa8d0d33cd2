"""A person named by surname alone joins the person named in full, across articles.

Within one article the extractor already reads "Obama" as the "Barack Obama" it names; across
articles an article that only says "Obama" made an entity "Obama" of its own. When the corpus
names exactly one person in full with that surname, the two are one person: the surname entity
is merged into the full name (its mentions and quotes move; "Obama" becomes an alias).

Editors can split them again (``split_surname``): the surname becomes its own entity with an
alias an editor owns, which this join and re-extraction then respect.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from archive.signals import announce_changes
from newsroom.models import Entity, EntityAlias, Mention

from .extraction.entity_rules import PERSON
from .rows import one_parameter
from .services import analyse_article, merge_entities


def _kept_apart(entity: Entity) -> bool:
    """An editor split this surname off: its own name is an alias an editor made for it."""
    return EntityAlias.objects.filter(
        kind=PERSON, name=entity.name, entity=entity, by_editor=True
    ).exists()


def full_name_for(surname: str) -> Entity | None:
    """The only canonical person whose name ends with ``surname`` (None if none or several)."""
    found = list(
        Entity.objects.canonical()
        .filter(kind=PERSON, name__endswith=f" {surname}")
        .exclude(name=surname)[:2]
    )
    return found[0] if len(found) == 1 else None


def _possible_full_names(surnames: set[str]) -> dict[str, list[str]]:
    """For each of ``surnames`` (lower-cased), the canonical people's names whose last word is
    it, ignoring case: one query for them all, where ``full_name_for`` scans the people once a
    surname. (The database's ``LIKE`` ignores the case of ASCII letters or not, by vendor: a
    name found here whatever the case is a candidate; one found with the same case is certain.)
    """
    wanted = {surname.lower() for surname in surnames}
    found: dict[str, list[str]] = {}
    names = Entity.objects.canonical().filter(kind=PERSON, name__contains=" ")
    for name in names.values_list("name", flat=True).iterator(chunk_size=5000):
        last = name.rsplit(" ", 1)[1].lower()
        if last in wanted:
            found.setdefault(last, []).append(name)
    return found


@transaction.atomic
def join_surnames(names: Iterable[str] | None = None) -> list[tuple[Entity, Entity]]:
    """Merge each single-word person entity into the one full name the corpus gives it.
    ``names``: the person names just extracted (their surnames are checked); None checks every
    single-word person. Returns the (surname, full name) pairs joined."""
    singles = Entity.objects.canonical().filter(kind=PERSON).exclude(name__contains=" ")
    if names is not None:
        surnames = {name.split()[-1] for name in names if name.strip()}
        if not surnames:
            return []
        singles = singles.filter(name__in=one_parameter(Entity, sorted(surnames)))
    singles = list(singles)
    if not singles:
        return []
    possible = _possible_full_names({single.name for single in singles})
    joined = []
    for single in singles:
        found = possible.get(single.name.lower(), ())
        certain = [name for name in found if name.endswith(f" {single.name}")]
        if not found or len(certain) >= 2:
            continue  # no full name, or several for certain: nothing to ask the database
        full = full_name_for(single.name)
        if full is None or _kept_apart(single):
            continue
        moved = list(Mention.objects.filter(entity=single).values_list("article_id", flat=True))
        merge_entities(source=single, target=full, by_editor=False)
        announce_changes(moved)  # their people facet now names the full name
        joined.append((single, full))
    return joined


def join_surnames_of(article_ids: list[int]) -> list[tuple[Entity, Entity]]:
    """``join_surnames`` for the people these articles mention (after their extraction)."""
    # Two look-ups by key rather than one join: during an ingest, before the database has its
    # planner statistics, SQLite ran the join from the people's side, a scan that grew with the
    # archive (0.41 s a batch at 10,000 articles, against 0.01 s).
    # The ids travel as one parameter each (``rows.one_parameter``), however many.
    if not article_ids:
        return []
    entity_ids = set(
        Mention.objects.filter(article_id__in=one_parameter(Mention, list(article_ids)))
        .values_list("entity_id", flat=True)
    )
    if not entity_ids:
        return []
    names = set(
        Entity.objects.filter(pk__in=one_parameter(Entity, sorted(entity_ids)), kind=PERSON)
        .values_list("name", flat=True)
    )
    return join_surnames(names) if names else []


@transaction.atomic
def split_surname(*, entity: Entity) -> Entity:
    """Undo a join: ``entity`` (a surname merged into a full name) stands alone again, its name
    an editor's alias of its own, and the articles of the person it had joined are analysed
    again, so that an article that names only the surname mentions it and not the full name."""
    target = entity.merged_into
    if target is None:
        raise ValueError(f"“{entity.name}” is not joined to another entity.")
    entity.merged_into = None
    entity.save(update_fields=["merged_into", "updated_at"])
    EntityAlias.objects.update_or_create(
        kind=entity.kind, name=entity.name, defaults={"entity": entity, "by_editor": True}
    )
    articles = [m.article for m in Mention.objects.filter(entity=target).select_related("article")]
    for article in articles:
        analyse_article(article=article)
    announce_changes(article.pk for article in articles)
    return entity
