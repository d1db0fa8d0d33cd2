"""Admin addresses from before the app split: every model then lived under ``/admin/search/``."""

from django.http import Http404, HttpResponsePermanentRedirect

# The models that were in the one ``search`` app, and the app each now belongs to.
MOVED = {
    "article": "archive", "commentblock": "archive", "source": "archive",
    "story": "newsroom", "storymembership": "newsroom", "entity": "newsroom",
    "entityalias": "newsroom",
}


def old_admin_url(request, rest: str):
    model = rest.split("/", 1)[0]
    if model not in MOVED:
        raise Http404("No such admin page.")
    target = f"/admin/{MOVED[model]}/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target)
