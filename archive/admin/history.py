"""django-simple-history's admin, with restoring treated as the change it is."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class CuratedHistoryAdmin(SimpleHistoryAdmin):
    """History page for anyone who may view; restoring an earlier version (a POST on a version
    page) needs the change permission. simple-history checks only the view permission there."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
