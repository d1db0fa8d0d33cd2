"""``{% article_intelligence article %}``: the article's story, entities and quotations."""

from django import template

from newsroom import queries
from newsroom.models import Mention, Quote

register = template.Library()


@register.inclusion_tag("newsroom/article_panel.html")
def article_intelligence(article):
    found = queries.public_story_of(article)
    story, members = found if found else (None, [])
    mentions = (
        Mention.objects.filter(article=article, entity__merged_into__isnull=True)
        .select_related("entity")
        .order_by("entity__kind", "-count", "entity__name")
    )
    by_kind: dict[str, list] = {}
    for mention in mentions:
        by_kind.setdefault(mention.entity.get_kind_display(), []).append(mention.entity)
    return {
        "story": story if len(members) > 1 else None,
        "others": [m for m in members if m.pk != article.pk],
        "entities": sorted(by_kind.items()),
        "quotes": Quote.objects.filter(article=article).select_related("speaker"),
    }


@register.filter
def also_for(also: dict, article_id):
    """``per_story.also|also_for:hit.article.pk``: the other versions of a collapsed story."""
    return also.get(article_id) if also else None
