"""Who reaches the admin and who may change what: anonymous users are sent to the login page,
Viewers look but every POST of theirs is refused, Editors curate; the groups exist without a
data migration and setting them up twice changes nothing."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from archive.curation.roles import ensure_roles
from archive.models import Article, Source
from tests.archive.admin.conftest import seed
from tests.archive.admin.test_actions import change_form_data

pytestmark = pytest.mark.django_db


def admin_pages(article, source):
    return [
        "/admin/",
        "/admin/archive/article/",
        f"/admin/archive/article/{article.pk}/change/",
        f"/admin/archive/article/{article.pk}/history/",
        "/admin/archive/source/",
        f"/admin/archive/source/{source.pk}/change/",
        f"/admin/archive/source/{source.pk}/signatures/",
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, seeded):
    for url in admin_pages(seed("003"), Source.objects.first()):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_staff_without_a_role_and_non_staff_cannot_curate(seeded):
    article = seed("003")
    nobody = User.objects.create_user("nobody", password="pw-nobody-1", is_staff=True)
    outsider = User.objects.create_user("outsider", password="pw-outsider-1")
    outsider.groups.add(Group.objects.get(name="Editor"))  # a role without staff status
    for user, expected in ((nobody, 403), (outsider, 302)):
        client = Client()
        client.force_login(user)
        response = client.get(f"/admin/archive/article/{article.pk}/change/")
        assert response.status_code == expected


def test_viewer_sees_every_page_without_change_controls(as_viewer, seeded):
    article, source = seed("003"), Source.objects.get(slug="reuters")
    for url in admin_pages(article, source):
        assert as_viewer.get(url).status_code == 200, url
    changelist = as_viewer.get("/admin/archive/article/").content.decode()
    assert 'name="action"' not in changelist  # no actions offered
    change = as_viewer.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert 'name="_save"' not in change


def test_every_viewer_post_is_refused(as_viewer, seeded):
    article, source = seed("003"), Source.objects.get(slug="reuters")
    version = article.history.earliest()
    posts = [
        (f"/admin/archive/article/{article.pk}/change/",
         change_form_data(article, headline="Changed by a viewer")),
        (f"/admin/archive/article/{article.pk}/history/{version.history_id}/",
         change_form_data(article, headline="Restored by a viewer")),
        (f"/admin/archive/source/{source.pk}/signatures/",
         {"domain": "reuters.com", "signatures": "nothing"}),
        (f"/admin/archive/source/{source.pk}/change/",
         {"name": "Renamed", "slug": "reuters", "domain": "", "signatures": ""}),
    ]
    source.name = "Reuters News"
    source.save()  # a second version of the outlet, so there is one to restore
    first = source.history.earliest()
    posts.append((f"/admin/archive/source/{source.pk}/history/{first.history_id}/",
                  {"name": "Reuters", "slug": "reuters", "domain": "", "signatures": ""}))
    for action in ("publish", "hide", "reparse", "set_outlet", "reindex", "merge"):
        posts.append(("/admin/archive/article/", {
            "action": action, "index": 0, "_selected_action": [article.pk],
            "apply": "1", "reason": "viewer", "kept": article.pk,
        }))
    for url, data in posts:
        assert as_viewer.post(url, data).status_code == 403, (url, data.get("action"))
    article.refresh_from_db()
    assert article.headline.startswith("US Attorney General")
    assert article.status == Article.Status.PUBLISHED
    assert Source.objects.get(pk=source.pk).name == "Reuters News"
    assert article.history.count() == 1


def test_editor_may_edit_but_never_delete(as_editor, seeded):
    article = seed("003")
    response = as_editor.post(f"/admin/archive/article/{article.pk}/change/",
                              change_form_data(article, byline="Sarah N. Lynch"))
    assert response.status_code == 302
    assert as_editor.get(f"/admin/archive/article/{article.pk}/delete/").status_code == 403
    changelist = as_editor.get("/admin/archive/article/").content.decode()
    assert 'value="delete_selected"' not in changelist
    assert 'value="merge"' in changelist


def test_roles_are_idempotent_and_exact():
    first = ensure_roles()
    Group.objects.get(name="Viewer").permissions.add(
        *first["Editor"].permissions.filter(codename="change_article")
    )  # drift: someone granted a Viewer too much
    second = ensure_roles()
    assert Group.objects.filter(name__in=["Editor", "Viewer"]).count() == 2
    assert first["Editor"].pk == second["Editor"].pk
    viewer = set(second["Viewer"].permissions.values_list("codename", flat=True))
    editor = set(second["Editor"].permissions.values_list("codename", flat=True))
    assert viewer == {"view_article", "view_commentblock", "view_source",
                      "view_historicalarticle", "view_historicalcommentblock",
                      "view_historicalsource", "view_story", "view_storymembership",
                      "view_entity", "view_entityalias", "view_templateline"}
    assert {"change_article", "change_source", "add_source", "change_commentblock",
            "change_story", "change_storymembership", "change_entity"} <= editor
    assert not any(code.startswith("delete_") for code in editor | viewer)
