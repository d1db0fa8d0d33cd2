"""Admin hardening (issue 13): sign-in throttled by account and by address (django-axes), every
POST of a Viewer refused with 403 (the story and entity lists answered 200), and two-factor
sign-in that an account holder turns on and off (django-otp, TOTP)."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.models import Entity, Story, StoryMembership

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(username, password, *, ip="203.0.113.7", otp_token=None):
    client = Client(REMOTE_ADDR=ip)
    data = {"username": username, "password": password}
    if otp_token is not None:
        data["otp_token"] = otp_token
    return client, client.post(LOGIN, data)


def test_wrong_passwords_lock_the_account_from_any_address(editor, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        _, response = sign_in("eddie", "wrong", ip=f"198.51.100.{n}")
        assert response.status_code == 200  # the form again, with its error
    _, response = sign_in("eddie", "wrong", ip="198.51.100.99")
    assert response.status_code == 429
    # Locked: even the right password, from a fresh address, is refused before it is checked.
    client, response = sign_in("eddie", "editor-pass-1", ip="192.0.2.50")
    assert response.status_code == 429
    assert "Too many wrong sign-ins" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # not signed in


def test_wrong_passwords_lock_the_address_for_every_account(editor, viewer, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(f"guess{n}", "wrong", ip="203.0.113.66")
    _, response = sign_in("eddie", "editor-pass-1", ip="203.0.113.66")
    assert response.status_code == 429
    client, response = sign_in("eddie", "editor-pass-1", ip="203.0.113.67")
    assert response.status_code == 302 and client.get("/admin/").status_code == 200


def test_a_successful_sign_in_clears_the_accounts_count(editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in("eddie", "wrong", ip=f"198.51.100.{n}")
    assert sign_in("eddie", "editor-pass-1")[1].status_code == 302
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in("eddie", "wrong", ip=f"198.51.100.{n}")[1].status_code == 200
    assert sign_in("eddie", "editor-pass-1")[1].status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_throttled_not_the_proxys(editor, settings):
    settings.CLIPPINGS_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="127.0.0.1").post(
            LOGIN, {"username": f"guess{n}", "password": "x"},
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")  # the client forged the first one
    blocked = Client(REMOTE_ADDR="127.0.0.1").post(
        LOGIN, {"username": "eddie", "password": "editor-pass-1"},
        HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = Client(REMOTE_ADDR="127.0.0.1").post(
        LOGIN, {"username": "eddie", "password": "editor-pass-1"},
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.10")
    assert (blocked.status_code, other.status_code) == (429, 302)


def test_a_viewer_post_on_the_story_and_entity_lists_is_refused(seeded, as_viewer):
    membership = StoryMembership.objects.select_related("story").first()
    story = membership.story
    entities = list(Entity.objects.filter(merged_into__isnull=True)[:2])
    assert len(entities) == 2
    posts = [
        (reverse("admin:newsroom_story_changelist"),
         {"action": "delete_selected", "_selected_action": [story.pk]}),
        (reverse("admin:newsroom_story_changelist"), {"index": 0}),
        (reverse("admin:newsroom_storymembership_changelist"),
         {"action": "split_off", "_selected_action": [membership.pk]}),
        (reverse("admin:newsroom_storymembership_changelist"),
         {"action": "move_to_story", "_selected_action": [membership.pk], "apply": "1",
          "story": story.pk}),
        (reverse("admin:newsroom_entity_changelist"),
         {"action": "merge_entities", "_selected_action": [e.pk for e in entities],
          "apply": "1", "target": entities[0].pk}),
        (reverse("admin:newsroom_entity_changelist"), {"index": 0}),
        (reverse("admin:newsroom_entity_change", args=[entities[0].pk]),
         {"name": "Renamed by a viewer", "kind": entities[0].kind}),
        (reverse("admin:newsroom_story_change", args=[story.pk]), {"title": "Viewer title"}),
    ]
    for url, data in posts:
        assert as_viewer.post(url, data).status_code == 403, (url, data.get("action"))
    assert Entity.objects.filter(pk__in=[e.pk for e in entities],
                                 merged_into__isnull=True).count() == 2
    assert Entity.objects.get(pk=entities[0].pk).name == entities[0].name
    assert Story.objects.get(pk=story.pk).title == story.title


def test_a_viewer_may_still_sign_out_and_change_their_password(viewer, as_viewer):
    changed = as_viewer.post(reverse("admin:password_change"), {
        "old_password": "viewer-pass-1", "new_password1": "a-New-viewer-pass-2",
        "new_password2": "a-New-viewer-pass-2"})
    assert changed.status_code == 302
    assert as_viewer.post(reverse("admin:logout")).status_code in (200, 302)  # signed out
    assert "_auth_user_id" not in as_viewer.session


def current_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wait_out_the_throttle(device: TOTPDevice) -> None:
    """As if a minute had passed since the last code (wrong ones are throttled, and a code once
    used is never accepted again)."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=1),
        last_t=F("last_t") - 3)


def turn_on_two_factor(client: Client, user: User) -> TOTPDevice:
    page = client.get(reverse("admin:two_factor"))
    assert "is <strong>off</strong>" in page.content.decode()
    assert client.post(reverse("admin:two_factor"), {"action": "start"}).status_code == 302
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    shown = client.get(reverse("admin:two_factor")).content.decode()
    assert "otpauth://totp/" in shown and 'id="totp-key"' in shown
    wrong = client.post(reverse("admin:two_factor"), {"action": "confirm", "otp_token": "000000"
                        if current_code(device) != "000000" else "111111"})
    assert "wrong or expired" in wrong.content.decode()
    # django-otp throttles the device after a wrong code: even the right one waits a moment.
    throttled = client.post(reverse("admin:two_factor"),
                            {"action": "confirm", "otp_token": current_code(device)})
    assert "wrong or expired" in throttled.content.decode()
    wait_out_the_throttle(device)
    done = client.post(reverse("admin:two_factor"),
                       {"action": "confirm", "otp_token": current_code(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_editor_turns_on_two_factor_sign_in_and_then_needs_a_code(editor):
    client, response = sign_in("eddie", "editor-pass-1")
    assert response.status_code == 302
    device = turn_on_two_factor(client, editor)
    assert client.get("/admin/").status_code == 200  # the session that turned it on stays in
    assert "Two-factor sign-in" in client.get("/admin/").content.decode()

    _, without = sign_in("eddie", "editor-pass-1", ip="192.0.2.1")
    assert without.status_code == 200 and "enter the current code" in without.content.decode()
    _, wrong = sign_in("eddie", "editor-pass-1", ip="192.0.2.1", otp_token="12345x")
    assert wrong.status_code == 200 and "wrong or expired" in wrong.content.decode()
    wait_out_the_throttle(device)
    client2, right = sign_in("eddie", "editor-pass-1", ip="192.0.2.1",
                             otp_token=current_code(device, steps_ahead=1))
    assert right.status_code == 302 and client2.get("/admin/").status_code == 200

    # A session not signed in with the second factor is no longer let in.
    stale = Client()
    stale.force_login(editor)
    assert stale.get("/admin/").status_code == 302

    # Turning it off takes a current code.
    device.refresh_from_db()
    refused = client2.post(reverse("admin:two_factor"), {"action": "disable", "otp_token": "1"})
    assert "wrong or expired" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=editor).exists()
    wait_out_the_throttle(device)
    device.refresh_from_db()
    off = client2.post(reverse("admin:two_factor"),
                       {"action": "disable", "otp_token": current_code(device)})
    assert off.status_code == 302 and not TOTPDevice.objects.filter(user=editor).exists()
    assert sign_in("eddie", "editor-pass-1", ip="192.0.2.2")[1].status_code == 302


def test_accounts_without_two_factor_sign_in_with_a_password_only(viewer):
    client, response = sign_in("vera", "viewer-pass-1")
    assert response.status_code == 302 and client.get("/admin/").status_code == 200


def test_a_viewer_can_turn_on_two_factor_for_their_own_account(viewer, as_viewer):
    assert turn_on_two_factor(as_viewer, viewer).user == viewer
    assert Group.objects.get(name="Viewer") in viewer.groups.all()
