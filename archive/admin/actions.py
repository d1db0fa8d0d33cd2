"""The article list's actions. Each calls one curation service; the ones that need a choice
(hide, re-parse, set outlet, merge) show an intermediate form first. The whole selection is
handled in one request, a chunk of rows at a time (see ``archive.curation.chunks``)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from archive import curation
from config.admin_actions import action_data, action_page, ask_first

from .forms import HideForm, MergeForm, ReparseForm, SetOutletForm

MAX_MERGE_CHOICES = 50


def _plural(count: int, noun: str = "article") -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _ask(modeladmin, request, queryset, form, *, then, action: str, title: str, intro: str):
    """``then(cleaned_data)`` once ``form`` is valid; until then the intermediate page: the form,
    a sample of the selection, and the hidden fields that make its POST run the same action on
    the same selection (filters stay in the URL)."""
    return ask_first(form, then=then, page=lambda: action_page(
        modeladmin, request, "admin/archive/article/action_form.html",
        form=form, title=title, action=action, intro=intro,
        selected=request.POST.getlist(ACTION_CHECKBOX_NAME),
        select_across=request.POST.get("select_across", "0"),
        count=queryset.count(),
        sample=queryset.select_related("source").defer("raw", "body")[:10],
        app_label=modeladmin.model._meta.app_label,
    ))


def _run(modeladmin, request, service, success, **kwargs) -> bool:
    """Call ``service``; ``success(count)`` is the message. A refusal is an error message."""
    try:
        changed = service(user=request.user, **kwargs)
    except curation.CurationError as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return False
    modeladmin.message_user(request, success(changed), messages.SUCCESS)
    return True


@admin.action(description="Publish selected articles", permissions=["change"])
def publish(modeladmin, request, queryset):
    _run(modeladmin, request, curation.publish, lambda n: f"Published {_plural(n)}.",
         articles=queryset)


@admin.action(description="Hide selected articles…", permissions=["change"])
def hide(modeladmin, request, queryset):
    def apply(data):
        _run(modeladmin, request, curation.hide, lambda n: f"Hid {_plural(n)}.",
             articles=queryset, reason=data["reason"])

    return _ask(modeladmin, request, queryset, HideForm(action_data(request)), then=apply,
                action="hide", title="Hide articles",
                intro="Hidden articles leave every public page, search and feed at once. "
                "Nothing is deleted; publish them again to undo.")


@admin.action(description="Re-parse selected articles from the raw text…",
              permissions=["change"])
def reparse(modeladmin, request, queryset):
    def apply(data):
        result = curation.reparse(
            articles=queryset,
            discard_manual_edits=data["discard_manual_edits"],
            user=request.user,
        )
        modeladmin.message_user(request, f"Re-parsed {_plural(result.reparsed)}.",
                                messages.SUCCESS)
        for article_id, reason in result.failed[:20]:
            modeladmin.message_user(
                request, f"Article #{article_id} was left as it was: {reason}.", messages.ERROR
            )

    return _ask(modeladmin, request, queryset, ReparseForm(action_data(request)), then=apply,
                action="reparse", title="Re-parse articles",
                intro="Each article is parsed again from its raw text with the current "
                "outlet signatures.")


@admin.action(description="Set the outlet of selected articles…", permissions=["change"])
def set_outlet(modeladmin, request, queryset):
    def apply(data):
        source = data["source"]
        _run(modeladmin, request, curation.set_outlet,
             lambda n: f"Set the outlet of {_plural(n)} to {source or 'unknown'}.",
             articles=queryset, source=source)

    return _ask(modeladmin, request, queryset, SetOutletForm(action_data(request)), then=apply,
                action="set_outlet", title="Set the outlet", intro="")


@admin.action(description="Re-index selected articles", permissions=["change"])
def reindex(modeladmin, request, queryset):
    queued = curation.reindex(articles=queryset)
    modeladmin.message_user(request, f"Queued {_plural(queued)} for re-indexing.",
                            messages.SUCCESS)


@admin.action(description="Merge selected articles into…", permissions=["change"])
def merge(modeladmin, request, queryset):
    candidates = list(
        queryset.published().select_related("source").defer("raw", "body")[:MAX_MERGE_CHOICES]
    )

    def apply(data):
        kept = data["article"]
        _run(modeladmin, request, curation.merge_into,
             lambda n: f"Merged {_plural(n)} into #{kept.pk} “{kept.title}”.",
             articles=queryset, kept=kept)

    return _ask(modeladmin, request, queryset,
                MergeForm(action_data(request), candidates=candidates), then=apply,
                action="merge", title="Merge duplicates",
                intro="The other selected articles become aliases of the one you keep: "
                "they leave the public pages and their permalinks redirect to it. Their "
                "raw text and comments stay attached; nothing is deleted.")


ALL = [publish, hide, reparse, set_outlet, reindex, merge]
