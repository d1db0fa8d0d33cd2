"""The admin for journalists' accounts and saved searches: editors invite journalists (an account
without a password and an e-mail to choose one) and can see saved searches and the alert outbox.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path

from search.following.invitations import invite, send_invitation
from search.models import AlertMail, SavedSearch

User = get_user_model()


class InviteForm(forms.Form):
    email = forms.EmailField(
        help_text="The journalist's e-mail address: the invitation goes there."
    )
    username = forms.CharField(required=False, max_length=150,
                               help_text="Optional; the e-mail address when left empty.")


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class JournalistUserAdmin(UserAdmin):
    """Django's user admin, plus "Invite a journalist" and an action to send invitations again."""

    actions = ["send_invitations"]
    change_list_template = "admin/auth/user/change_list_invite.html"

    def get_urls(self):
        extra = [path("invite/", self.admin_site.admin_view(self.invite_view),
                      name="auth_user_invite")]
        return extra + super().get_urls()

    def invite_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = InviteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                user = invite(email=form.cleaned_data["email"],
                              username=form.cleaned_data["username"], invited_by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, f"Invited {user.email}.", messages.SUCCESS)
                return redirect("admin:auth_user_change", user.pk)
        context = {**self.admin_site.each_context(request), "form": form,
                   "title": "Invite a journalist", "opts": self.model._meta}
        return render(request, "admin/auth/user/invite.html", context)

    @admin.action(description="Send an invitation e-mail (a link to choose a password)")
    def send_invitations(self, request, queryset):
        sent = 0
        for user in queryset:
            try:
                send_invitation(user, invited_by=request.user)
                sent += 1
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.WARNING)
        self.message_user(request, f"Sent {sent} invitation(s).", messages.SUCCESS)


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "last_alerted_at", "created_at"]
    list_filter = ["frequency"]
    search_fields = ["name", "user__username", "user__email"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(AlertMail)
class AlertMailAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__email"]
    date_hierarchy = "created_at"
    readonly_fields = ["user", "created_at", "sent_at", "attempts", "last_error"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request):
        return False
