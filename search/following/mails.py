"""An alert e-mail: its text and HTML from templates (every scraped word escaped in the HTML),
and the signed links that unsubscribe without logging in."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from archive.models import Article
from search.following.matching import search_params
from search.highlighting import plain_snippet
from search.models import AlertMail, SavedSearch

UNSUBSCRIBE_SALT = "clippings.alerts.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 90 * 24 * 3600  # a link in a mail works for 90 days
ARTICLES_PER_SEARCH = 25  # listed in one mail; the rest are behind the search's link


def unsubscribe_token(*, user_id: int, search_ids: list[int]) -> str:
    return signing.dumps({"u": user_id, "s": sorted(search_ids)}, salt=UNSUBSCRIBE_SALT,
                         compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, list[int]] | None:
    """(user id, saved-search ids), or None for a token that is forged, damaged or expired."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
        user_id, search_ids = int(data["u"]), [int(pk) for pk in data["s"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return user_id, search_ids


def absolute(path: str) -> str:
    return settings.CLIPPINGS_SITE_URL + path


def unsubscribe_url(*, user_id: int, search_ids: list[int]) -> str:
    token = unsubscribe_token(user_id=user_id, search_ids=search_ids)
    return absolute(reverse("search:alerts-unsubscribe", args=[token]))


@dataclass(frozen=True)
class MailArticle:
    headline: str
    outlet: str
    date: str
    snippet: str
    url: str


@dataclass(frozen=True)
class MailSection:
    name: str
    search_url: str
    unsubscribe_url: str
    articles: list[MailArticle]
    more: int


def sections(mail: AlertMail) -> list[MailSection]:
    """What the mail lists, by saved search: only articles still public when it is sent."""
    by_search: dict[int, list[int]] = {}
    for search_id, article_id in mail.items.values_list("saved_search_id", "article_id"):
        by_search.setdefault(search_id, []).append(article_id)
    searches = SavedSearch.objects.filter(pk__in=by_search).order_by("name")
    articles = {
        a.pk: a
        for a in Article.objects.published()
        .filter(pk__in=[pk for ids in by_search.values() for pk in ids])
        .select_related("source")
        .defer("raw", "boilerplate", "parse_notes", "sidecar")
    }
    out = []
    for saved in searches:
        query = search_params(saved.query).get("q") or ""
        found = sorted(
            (articles[pk] for pk in by_search[saved.pk] if pk in articles),
            key=lambda a: (a.published is not None, a.published, a.pk),
            reverse=True,
        )
        if not found:
            continue
        listed = [
            MailArticle(
                headline=a.title or "(no headline)",
                outlet=a.source.name if a.source else "Unknown outlet",
                date=f"{a.published:%d %B %Y}" if a.published else "date unknown",
                snippet=plain_snippet(a.body, query),
                url=absolute(a.get_absolute_url()),
            )
            for a in found[:ARTICLES_PER_SEARCH]
        ]
        out.append(MailSection(
            name=saved.name,
            search_url=absolute(saved.search_url()),
            unsubscribe_url=unsubscribe_url(user_id=mail.user_id, search_ids=[saved.pk]),
            articles=listed,
            more=len(found) - len(listed),
        ))
    return out


def build_message(mail: AlertMail, parts: list[MailSection]) -> EmailMultiAlternatives:
    user = mail.user
    search_ids = list(mail.items.values_list("saved_search_id", flat=True).distinct())
    unsubscribe_all = unsubscribe_url(user_id=user.pk, search_ids=search_ids)
    count = sum(len(p.articles) + p.more for p in parts)
    context = {
        "user": user,
        "sections": parts,
        "count": count,
        "unsubscribe_all": unsubscribe_all,
        "my_searches": absolute(reverse("search:saved-searches")),
    }
    subject = (
        f"Clippings: {count} new article{'s' if count != 1 else ''} for “{parts[0].name}”"
        if len(parts) == 1
        else f"Clippings: {count} new articles for {len(parts)} saved searches"
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("search/following/alert_mail.txt", context),
        to=[user.email],
        headers={
            # RFC 8058: mail programs offer a one-click "unsubscribe" that POSTs to this link.
            "List-Unsubscribe": f"<{unsubscribe_all}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "X-Clippings-Alert": str(mail.pk),
        },
    )
    message.attach_alternative(
        render_to_string("search/following/alert_mail.html", context), "text/html"
    )
    return message
