"""Saved searches ("My searches") and the signed unsubscribe link of alert e-mails.

Thin: each view reads through ``SavedSearch.objects.owned_by(request.user)`` (another user's
search is a 404, never a 403 that would say it exists) and writes through
``search.following.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from search.following import services
from search.following.mails import read_unsubscribe_token
from search.following.matching import new_match_counts
from search.models import SavedSearch
from search.models.following import MAX_NAME_CHARS, MAX_SAVED_SEARCHES


def _owned(request, pk: int) -> SavedSearch:
    return get_object_or_404(SavedSearch.objects.owned_by(request.user), pk=pk)


@login_required
def saved_searches(request):
    searches = list(SavedSearch.objects.owned_by(request.user).order_by("name"))
    counts = new_match_counts(searches)
    rows = [(s, *counts.get(s.pk, (0, False))) for s in searches]
    return render(request, "search/following/saved_searches.html", {
        "rows": rows,
        "limit": MAX_SAVED_SEARCHES,
    })


@login_required
@require_POST
def save_search(request):
    name = request.POST.get("name", "")
    query = request.POST.get("query", "")
    try:
        saved = services.save_search(
            user=request.user, name=name, query=query,
            frequency=request.POST.get("frequency") or SavedSearch.Frequency.OFF,
        )
    except ValidationError as error:
        return render(request, "search/following/save_failed.html", {
            "errors": error.messages,
            "name": " ".join(name.split())[:MAX_NAME_CHARS],
            "query": services.canonical_query(query),
            "max_name": MAX_NAME_CHARS,
        }, status=400)
    messages.success(request, f"Saved “{saved.name}”.")
    return redirect(saved)


@login_required
@require_http_methods(["GET", "POST"])
def saved_search_detail(request, pk: int):
    saved = _owned(request, pk)
    errors = []
    if request.method == "POST":
        try:
            services.update_search(
                saved_search=saved,
                name=request.POST.get("name", ""),
                frequency=request.POST.get("frequency", ""),
            )
        except ValidationError as error:
            errors = error.messages
            saved.refresh_from_db()
        else:
            messages.success(request, "Saved your changes.")
            return redirect(saved)
    return render(request, "search/following/saved_search.html", {
        "saved": saved,
        "errors": errors,
        "frequencies": SavedSearch.Frequency.choices,
        "max_name": MAX_NAME_CHARS,
    }, status=400 if errors else 200)


@login_required
def open_saved_search(request, pk: int):
    saved = _owned(request, pk)
    services.mark_opened(saved_search=saved)
    return redirect(saved.search_url())


@login_required
@require_POST
def delete_saved_search(request, pk: int):
    saved = _owned(request, pk)
    name = saved.name
    services.delete_search(saved_search=saved)
    messages.success(request, f"Deleted “{name}”.")
    return redirect("search:saved-searches")


@csrf_exempt  # the signed token is the authority; mail programs POST here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET: a page with one button (so that link checkers cannot unsubscribe anyone); POST (the
    button, or a mail program's one-click unsubscribe): alerts off. A bad or expired token shows
    a plain page and changes nothing."""
    read = read_unsubscribe_token(token)
    if read is None:
        return render(request, "search/following/unsubscribe.html", {"invalid": True},
                      status=400)
    user_id, search_ids = read
    searches = SavedSearch.objects.filter(user_id=user_id, pk__in=search_ids).order_by("name")
    done = None
    if request.method == "POST":
        done = services.unsubscribe(user_id=user_id, search_ids=search_ids)
    return render(request, "search/following/unsubscribe.html", {
        "searches": searches, "done": done, "posted": request.method == "POST",
    })
