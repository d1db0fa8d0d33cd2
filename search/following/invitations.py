"""Accounts by invitation: an editor invites a journalist by e-mail. The account is made without a
usable password (there is no default password and no open sign-up) and the e-mail carries a
link, valid for ``PASSWORD_RESET_TIMEOUT``, to choose one (Django's password-reset link)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.CLIPPINGS_SITE_URL + path


def send_invitation(user, *, invited_by=None) -> None:
    """E-mail ``user`` a link to choose their password."""
    if not user.email:
        raise ValidationError(f"{user.get_username()} has no e-mail address to invite.")
    context = {"user": user, "url": set_password_url(user), "invited_by": invited_by,
               "days": settings.PASSWORD_RESET_TIMEOUT // 86400}
    send_mail(
        subject="You are invited to Clippings",
        message=render_to_string("search/following/invitation_mail.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def invite(*, email: str, username: str = "", invited_by=None):
    """Make an account for ``email`` (username: the address unless given) and send the
    invitation. Raises ``ValidationError`` for a bad address or a taken name/address."""
    email = (email or "").strip()
    validate_email(email)
    User = get_user_model()
    username = (username or email).strip()
    with transaction.atomic():
        if User.objects.filter(username=username).exists() or User.objects.filter(
            email__iexact=email
        ).exists():
            raise ValidationError(f"An account for {email} already exists.")
        user = User(username=username, email=email)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    send_invitation(user, invited_by=invited_by)
    return user
