""""One result per story" for the search page (issue 6): collapse the matches of a search so that
each story appears once — as its lead when the lead matched, else as its best-ranked match —
with how many other versions matched and their outlets.

Computed over the whole result set, however large, in three searches through haystack's API:

1. the number of matches of each story: a facet on ``story_id`` with no limit (``limit=-1``, as
   in Solr), so the total (stories, plus documents in no story such as reader comments) is exact
   (the page's own search, which counts its other facets too);
2. the page: matches walked in rank order (a search counting no facet), in growing slices,
   only until the page's groups are known (page 1 usually needs the first slice; a deep page
   walks further, never past the matches it needs);
3. the matching versions of the page's stories: one search narrowed to those stories.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.models import Article
from newsroom.models import Story
from search.engine.narrow import exact_clause

# Matches read per step of the walk, doubling each step up to the largest.
FIRST_SLICE = 100
LARGEST_SLICE = 5000


@dataclass(frozen=True)
class AlsoIn:
    story_url: str
    others: int  # other matching versions of the story
    outlets: tuple[str, ...]  # their outlets, when known


@dataclass
class Collapsed:
    results: list  # the page's SearchResults
    total: int  # stories (and standalone documents) in the whole result set
    also: dict[int, AlsoIn] = field(default_factory=dict)  # article id → other versions


def collapse_by_story(sqs, *, start: int, size: int, plain=None) -> Collapsed:
    """``plain``: the same search as ``sqs`` counting no facet, walked for the page and its
    stories' versions; with it, ``sqs`` already counts ``story_id`` with no limit
    (``.facet("story_id", limit=-1)``: the page's one search counts it and every other facet).
    Without it, ``sqs`` is faceted here and walked."""
    counted = sqs if plain is not None else sqs.facet("story_id", limit=-1)
    plain = sqs if plain is None else plain
    per_story = {
        int(value): count
        for value, count in counted.facet_counts().get("fields", {}).get("story_id", [])
        if value not in (None, "", 0, "0")
    }
    loose = counted.count() - sum(per_story.values())  # matches in no story
    total = len(per_story) + max(0, loose)
    page = _walk(plain, start + size)[start : start + size]
    story_ids = [key[1] for key, _ in page if key[0] == "story"]
    members = _matching_members(plain, story_ids, sum(per_story.get(s, 0) for s in story_ids))
    leads = dict(Story.objects.filter(pk__in=story_ids).values_list("pk", "lead_id"))
    # Public versions only (the index may lag a hide by a moment).
    public = dict(
        Article.objects.published()
        .filter(pk__in=[int(h.pk) for hits in members.values() for h in hits])
        .values_list("pk", "source__name")
    )
    results, also = [], {}
    for key, first in page:
        if key[0] != "story":
            results.append(first)
            continue
        matched = members.get(key[1]) or [first]
        visible = [h for h in matched if int(h.pk) in public] or [first]
        lead = next((h for h in visible if int(h.pk) == leads.get(key[1])), visible[0])
        results.append(lead)
        others = [h for h in visible if h is not lead]
        if others:
            outlets = sorted({public[int(h.pk)] for h in others if public.get(int(h.pk))})
            also[int(lead.pk)] = AlsoIn(
                story_url=Story(pk=key[1]).get_absolute_url(),
                others=len(others),
                outlets=tuple(outlets),
            )
    return Collapsed(results, total, also)


def _key(hit) -> tuple:
    story_id = getattr(hit, "story_id", None) if hit.model_name == "article" else None
    return ("story", int(story_id)) if story_id else ("doc", hit.model_name, hit.pk)


def _walk(sqs, groups_wanted: int) -> list[tuple[tuple, object]]:
    """The first ``groups_wanted`` groups of the matches in rank order, each with its
    best-ranked match."""
    groups: dict[tuple, object] = {}
    offset, step = 0, FIRST_SLICE
    while len(groups) < groups_wanted:
        chunk = list(sqs.all()[offset : offset + step])  # .all(): a fresh, empty cache
        for hit in chunk:
            groups.setdefault(_key(hit), hit)
        offset += len(chunk)
        if len(chunk) < step:
            break
        step = min(step * 2, LARGEST_SLICE)
    return list(groups.items())


def _matching_members(sqs, story_ids: list[int], expected: int) -> dict[int, list]:
    """Every match of these stories, by story, in rank order."""
    if not story_ids:
        return {}
    narrowed = sqs.all().narrow(
        " OR ".join(exact_clause("story_id", str(pk)) for pk in story_ids)
    )
    members: dict[int, list] = {}
    for hit in narrowed[: max(expected, 1)]:
        members.setdefault(int(hit.story_id), []).append(hit)
    return members
