"""Two-factor sign-in for the admin (django-otp, TOTP), turned on by each account holder.

- Signing in: an account with a confirmed authenticator must give its current code with its
  password (``TwoFactorAuthenticationForm``); one without signs in with the password alone.
- ``/admin/two-factor/``: any staff member turns it on (a new secret, shown as a key and an
  ``otpauth://`` link for the authenticator app, confirmed by a first code) or off (with a current
  code). Superusers also see every account's devices under "TOTP devices".
- A session that was not signed in with the second factor of an account that has one is no
  longer let in (``ClippingsAdminSite.has_permission``): turning it on signs out the other
  sessions at their next request.
Wrong codes are throttled per device by django-otp (growing delays); wrong passwords by
django-axes (settings ``AXES_*``).
"""

from __future__ import annotations

from base64 import b32encode

from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def _code_field(label: str, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=12, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    otp_token = _code_field("Two-factor code (if you turned it on)", required=False)

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_required": "This account signs in with two factors: enter the current code from "
                        "your authenticator app.",
        "otp_invalid": "That two-factor code is wrong or expired (wait a moment after several "
                       "wrong codes).",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user_has_device(user, confirmed=True):
            return
        token = self.cleaned_data.get("otp_token") or ""
        if not token:
            raise ValidationError(self.error_messages["otp_required"], code="otp_required")
        device = match_token(user, token)
        if device is None:
            raise ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        user.otp_device = device  # django-otp marks the session verified at login


def session_satisfies_two_factor(request) -> bool:
    """False for a session of an account with two-factor sign-in that was not signed in with it."""
    user = request.user
    if not user.is_authenticated or not user_has_device(user, confirmed=True):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())


class ConfirmForm(forms.Form):
    otp_token = _code_field("Code from your authenticator app", required=True)


def two_factor_view(site, request):
    """Turn two-factor sign-in on (a new secret, confirmed by a first code) or off."""
    user = request.user
    confirmed = list(devices_for_user(user, confirmed=True))
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    form = ConfirmForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "start" and not confirmed:
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
            return redirect("admin:two_factor")
        if action == "confirm" and pending is not None and form.is_valid():
            if pending.verify_token(form.cleaned_data["otp_token"]):
                pending.confirmed = True
                pending.save(update_fields=["confirmed"])
                otp_login(request, pending)  # this session stays signed in
                messages.success(request, "Two-factor sign-in is on: every sign-in now asks "
                                          "for a code.")
                return redirect("admin:two_factor")
            form.add_error("otp_token", "That code is wrong or expired: try the current one.")
        if action == "disable" and confirmed and form.is_valid():
            if match_token(user, form.cleaned_data["otp_token"]) is not None:
                TOTPDevice.objects.filter(user=user).delete()
                messages.success(request, "Two-factor sign-in is off.")
                return redirect("admin:two_factor")
            form.add_error("otp_token", "That code is wrong or expired: try the current one.")
    context = {
        **site.each_context(request),
        "title": "Two-factor sign-in",
        "enabled": bool(confirmed),
        "pending": pending if not confirmed else None,
        "totp_key": b32encode(pending.bin_key).decode() if pending and not confirmed else "",
        "form": form,
    }
    return TemplateResponse(request, "admin/two_factor.html", context)
