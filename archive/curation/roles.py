"""The two curator roles, kept in step with the code after every ``migrate``.

- **Editor**: may view and change articles, comment blocks and outlets (and add outlets), run
  every curation action and restore an earlier version. Deleting is never granted: curation
  hides and merges instead.
- **Viewer**: may look at everything in the admin, history included, and change nothing.

Members also need ``is_staff`` to reach the admin at all. Apps above the archive add the models
their editors curate with ``grant_editing`` from their ``AppConfig.ready`` (the newsroom's
stories and entities), so this module names no model outside the archive.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

EDITOR, VIEWER = "Editor", "Viewer"

# (app label, model) -> actions, per role.
GRANTS: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {EDITOR: {}, VIEWER: {}}


def grant_editing(app_label: str, models, *, history=(), add=()) -> None:
    """Editors view and change ``models`` (and add those in ``add``); Viewers view them. Both
    view the ``history`` models (the admin's History pages). Idempotent."""
    for model in models:
        GRANTS[EDITOR][app_label, model] = ("view", "change", "add") if model in add else (
            "view", "change")
        GRANTS[VIEWER][app_label, model] = ("view",)
    for model in history:
        GRANTS[EDITOR][app_label, model] = GRANTS[VIEWER][app_label, model] = ("view",)


grant_editing(
    "archive", ("article", "commentblock", "source"), add=("source",),
    history=("historicalarticle", "historicalcommentblock", "historicalsource"),
)
# Learnt, never edited by hand: the outlets' page-template lines (relearn_boilerplate).
grant_editing("archive", (), history=("templateline",))


def ensure_roles(*, using: str = "default") -> dict[str, Group]:
    """Create the groups if missing and set exactly their permissions. Idempotent."""
    groups = {}
    for name, grants in GRANTS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        wanted = []
        for (app_label, model), actions in grants.items():
            content_type = ContentType.objects.db_manager(using).get_for_model(
                _model(app_label, model), for_concrete_model=False
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
