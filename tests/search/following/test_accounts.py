"""Journalists' accounts: a login page in the site's style, log-out, password reset by e-mail,
no open sign-up, invitations by an editor (no default password)."""

import re

from django.contrib.auth import get_user_model

from search.following.invitations import invite


def test_login_page_in_the_sites_style_and_login_logout(client, alice):
    page = client.get("/accounts/login/")
    html = page.content.decode()
    assert page.status_code == 200 and 'class="site-header"' in html and "Forgotten" in html
    response = client.post("/accounts/login/", {"username": "alice",
                                                "password": "a long test password 42"})
    assert response.status_code == 302 and response.url == "/searches/"
    assert "My searches" in client.get("/").content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/searches/").status_code == 302


def test_there_is_no_sign_up(client, db):
    for path in ("/accounts/signup/", "/accounts/register/"):
        assert client.get(path).status_code == 404
    assert "sign up" not in client.get("/accounts/login/").content.decode().lower()


def signs_in(client, username: str, password: str) -> bool:
    """Through the login page, as a person would (the sign-in throttle needs the request)."""
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_password_reset_by_email(client, alice, outbox):
    client.post("/accounts/password_reset/", {"email": "alice@example.org"})
    assert len(outbox) == 1 and outbox[0].to == ["alice@example.org"]
    link = re.search(r"http://testserver(/accounts/reset/\S+)", outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Choose a password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {
        "new_password1": "another long password 77", "new_password2": "another long password 77"
    })
    assert done.status_code == 302
    assert signs_in(client, "alice", "another long password 77")


def test_an_invitation_makes_an_account_without_a_password(client, outbox, db):
    user = invite(email="dana@example.org")
    assert not user.has_usable_password()
    assert len(outbox) == 1 and "dana@example.org" in outbox[0].body
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/reset/\S+)", outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {
        "new_password1": "dana's own password 12", "new_password2": "dana's own password 12"
    })
    assert signs_in(client, "dana@example.org", "dana's own password 12")


def test_an_editor_invites_from_the_admin(client, outbox, db):
    admin = get_user_model().objects.create_superuser("editor", "ed@example.org", "pw pw pw 123")
    client.force_login(admin)
    page = client.get("/admin/auth/user/")
    assert "Invite a journalist" in page.content.decode()
    response = client.post("/admin/auth/user/invite/", {"email": "eve@example.org"})
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="eve@example.org").exists()
    assert outbox[-1].to == ["eve@example.org"]
    again = client.post("/admin/auth/user/invite/", {"email": "eve@example.org"})
    assert again.status_code == 200 and "already exists" in again.content.decode()
