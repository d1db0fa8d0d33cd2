"""Admin actions that ask first: the action's form on an intermediate page, applied when that
page is submitted (its button is named ``apply``). The archive's article actions and the
newsroom's story and entity actions share it; it lives in ``config`` because no app may import
a higher one and the admin modules are not among an app's public modules.
"""

from __future__ import annotations

from collections.abc import Callable

from django.template.response import TemplateResponse

APPLY = "apply"


def action_data(request):
    """What an action's form is bound to: the intermediate page's POST once it was submitted,
    else nothing (the page is shown for the first time)."""
    return request.POST if APPLY in request.POST else None


def ask_first(form, *, then: Callable[[dict], object], page: Callable[[], TemplateResponse]):
    """Once ``form`` is valid, ``then(form.cleaned_data)`` and None (the admin goes back to the
    change list, showing the messages); until then the intermediate ``page()``."""
    if form.is_valid():
        then(form.cleaned_data)
        return None
    return page()


def action_page(modeladmin, request, template: str, *, form, title: str, action: str, **context):
    """The intermediate page: the admin's context, the form, and what its POST needs to run
    ``action`` again (``apply`` is the submit button's name)."""
    return TemplateResponse(request, template, {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "action": action,
        "apply": APPLY,
        "opts": modeladmin.model._meta,
        "media": modeladmin.media + form.media,
        **context,
    })
