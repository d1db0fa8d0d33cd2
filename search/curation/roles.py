"""The two curator roles, kept in step with the code after every ``migrate``.

- **Editor**: may view and change articles, comment blocks and outlets (and add outlets), run
  every curation action and restore an earlier version. Deleting is never granted: curation
  hides and merges instead.
- **Viewer**: may look at everything in the admin, history included, and change nothing.

Members also need ``is_staff`` to reach the admin at all.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

EDITOR, VIEWER = "Editor", "Viewer"
MODELS = (
    "article", "commentblock", "source",
    # Newsroom intelligence: editors split and move stories, merge, rename and alias entities.
    "story", "storymembership", "entity", "entityalias",
)
HISTORY_MODELS = ("historicalarticle", "historicalcommentblock", "historicalsource")
GRANTS = {
    EDITOR: {
        **dict.fromkeys(MODELS, ("view", "change")),
        "source": ("view", "change", "add"),
        **dict.fromkeys(HISTORY_MODELS, ("view",)),
    },
    VIEWER: dict.fromkeys(MODELS + HISTORY_MODELS, ("view",)),
}


def ensure_roles(*, using: str = "default") -> dict[str, Group]:
    """Create the groups if missing and set exactly their permissions. Idempotent."""
    groups = {}
    for name, grants in GRANTS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        wanted = []
        for model, actions in grants.items():
            content_type = ContentType.objects.db_manager(using).get_for_model(
                _model("search", model), for_concrete_model=False
            )
            for action in actions:
                permission, _ = Permission.objects.using(using).get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {content_type.name}"},
                )
                wanted.append(permission)
        group.permissions.set(wanted)
        groups[name] = group
    return groups


def _model(app_label: str, name: str):
    from django.apps import apps

    return apps.get_model(app_label, name)
