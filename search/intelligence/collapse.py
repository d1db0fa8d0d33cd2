""""One result per story" for the search page (issue 6): collapse the matches of a search so that
each story appears once — as its lead when the lead matched, else as its best-ranked match —
with how many other versions matched. Computed over the whole result set (up to
``COLLAPSE_CAP`` matches, in rank order), not over one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from search.models import Article, Story

COLLAPSE_CAP = 5000


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
    truncated: bool = False  # the result set had more than COLLAPSE_CAP matches


def collapse_by_story(sqs, *, start: int, size: int, cap: int = COLLAPSE_CAP) -> Collapsed:
    hits = list(sqs[:cap])  # one search, in rank order
    groups: dict[tuple, list] = {}
    for hit in hits:
        story_id = getattr(hit, "story_id", None) if hit.model_name == "article" else None
        key = ("story", int(story_id)) if story_id else ("doc", hit.model_name, hit.pk)
        groups.setdefault(key, []).append(hit)
    story_ids = [key[1] for key in groups if key[0] == "story"]
    leads = dict(Story.objects.filter(pk__in=story_ids).values_list("pk", "lead_id"))
    ordered = list(groups.items())
    page = ordered[start : start + size]
    member_ids = [int(h.pk) for key, members in page if key[0] == "story" for h in members]
    # Public versions only (the index may lag a hide by a moment).
    public = dict(
        Article.objects.published()
        .filter(pk__in=member_ids)
        .values_list("pk", "source__name")
    )
    results, also = [], {}
    for key, members in page:
        if key[0] != "story":
            results.append(members[0])
            continue
        visible = [h for h in members if int(h.pk) in public] or members[:1]
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
    total = len(groups) if len(hits) < cap else len(groups) + max(0, sqs.count() - cap)
    return Collapsed(results, total, also, truncated=len(hits) >= cap)
