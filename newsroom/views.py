"""Story, entity and quote pages (issue 6). Thin: reads live in search/intelligence/queries.py."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from archive.pagination import paginate
from newsroom import queries
from newsroom.extraction.compare import compare, summary
from newsroom.forms import CompareForm, QuoteSearchForm
from newsroom.models import Entity, Story


def story_detail(request, pk: int):
    story = get_object_or_404(Story, pk=pk)
    members = list(story.public_members())
    if not members:
        raise Http404("No such story.")
    lead = next((m for m in members if m.pk == story.lead_id), members[0])
    comparison, rows, counts = None, [], {}
    if len(members) > 1:
        others = [m for m in members if m.pk != lead.pk]
        initial = {"left": lead.pk, "right": others[0].pk}
        data = request.GET if {"left", "right"} <= set(request.GET) else initial
        comparison = CompareForm(data, members=members)
        if comparison.is_valid():
            by_id = {m.pk: m for m in members}
            left = by_id[comparison.cleaned_data["left"]]
            right = by_id[comparison.cleaned_data["right"]]
            rows = compare(left.body, right.body)
            counts = summary(rows)
            comparison.left_article, comparison.right_article = left, right
    context = {
        "story": story,
        "members": members,
        "lead": lead,
        "outlets": sorted({m.source.name for m in members if m.source_id}),
        "comparison": comparison,
        "rows": rows,
        "counts": counts,
    }
    return render(request, "newsroom/story_detail.html", context)


def entity_detail(request, pk: int, slug: str = ""):
    entity = get_object_or_404(Entity, pk=pk)
    if entity.merged_into_id:
        survivor = entity.merged_into
        while survivor.merged_into_id:
            survivor = survivor.merged_into
        return redirect(survivor, permanent=True)
    profile = queries.entity_profile(entity)
    if not profile["article_count"]:
        raise Http404("No public article mentions this entity.")
    if slug != entity.slug:
        return redirect(entity, permanent=True)
    context = {
        "entity": entity,
        "aliases": sorted(entity.aliases.values_list("name", flat=True)),
        "page": paginate(request, queries.entity_articles(entity)),
        **profile,
    }
    return render(request, "newsroom/entity_detail.html", context)


def story_index(request):
    """Every story carried in more than one version (``/stories/``)."""
    page = paginate(request, queries.story_directory())
    return render(request, "newsroom/story_index.html", {"page": page})


def entity_index(request):
    """People, organisations and places, most mentioned first (``/entities/?kind=person``)."""
    kind = request.GET.get("kind", "")
    kinds = dict(Entity.Kind.choices)
    if kind and kind not in kinds:
        raise Http404("No such kind of entity.")
    page = paginate(request, queries.entity_directory(kind or None), per_page=60)
    context = {
        "page": page,
        "kind": kind,
        "kinds": Entity.Kind.choices,
        "query_string": f"kind={kind}" if kind else "",
    }
    return render(request, "newsroom/entity_index.html", context)


def quote_search(request):
    form = QuoteSearchForm(request.GET or None)
    results, query = [], ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        results = queries.search_quotes(query) if query else []
    return render(
        request,
        "newsroom/quote_search.html",
        {"form": form, "query": query, "results": results},
    )
