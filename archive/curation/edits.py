"""An editor's change to one article in the admin (also a restored earlier version)."""

from __future__ import annotations

from django.db import transaction

from archive.models import Article
from archive.parsing.headline import derive_title

from .errors import CurationError

# A field an editor sets by hand => the fields re-parsing must then keep. The headline decides
# the title, so they are kept together (a kept headline with a re-derived title would disagree).
LOCKS = {
    "headline": ("headline", "title", "headline_derived"),
    "source": ("source",),
    "published": ("published",),
    "byline": ("byline",),
    "url": ("url",),
}


def save_article_edit(*, article: Article, user=None, reason: str = "") -> list[str]:
    """Save an article changed in memory by an editor: keep the title consistent with the
    headline, lock every parsed field whose value changed, record who did it. Returns the
    fields newly locked."""
    if article.status == Article.Status.HIDDEN and not article.status_reason.strip():
        raise CurationError("Say why the article is hidden: the reason is required.")
    if article.status == Article.Status.PUBLISHED:
        article.status_reason = ""
    before = (
        Article.objects.filter(pk=article.pk).values(*LOCKS).first() if article.pk else None
    )
    headline = " ".join(article.headline.split())
    article.headline = headline
    if headline:
        article.title, article.headline_derived = headline, False
    elif before and before["headline"]:
        # Headline removed: fall back to a title derived from the body, as the parser does.
        article.title = derive_title(article.paragraphs[0]) if article.paragraphs else "Untitled"
        article.headline_derived = True
    newly: list[str] = []
    changed: list[str] = []
    if before is not None:
        current = {
            "headline": article.headline, "source": article.source_id,
            "published": article.published, "byline": article.byline, "url": article.url,
        }
        locked = list(article.locked_fields or ())
        for name, locks in LOCKS.items():
            if current[name] != before[name]:
                changed.append(name)
                for lock in locks:
                    if lock not in locked:
                        locked.append(lock)
                        newly.append(lock)
        article.locked_fields = locked
    article._history_user = user
    if reason or changed:
        article._change_reason = reason or f"edited: {', '.join(changed)}"
    with transaction.atomic():
        article.save()
    return newly
