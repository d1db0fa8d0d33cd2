"""The outlets' learnt page templates in the admin: which lines are removed as furniture, per
outlet (or file-name prefix), and in how many articles each was found. Read-only: the lines are
learnt at ingest and by ``manage.py relearn_boilerplate``, never typed in."""

from django.contrib import admin

from archive.models import TemplateLine


@admin.register(TemplateLine)
class TemplateLineAdmin(admin.ModelAdmin):
    list_display = ["text", "group", "source", "article_count", "updated_at"]
    list_filter = ["source", "group"]
    search_fields = ["text", "group"]
    list_select_related = ["source"]
    ordering = ["group", "-article_count", "key"]
    readonly_fields = ["group", "source", "text", "key", "article_count", "created_at",
                       "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TemplateLineInline(admin.TabularInline):
    """On an outlet's page: the lines treated as its page template."""

    model = TemplateLine
    fields = ["text", "article_count", "updated_at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-article_count", "key"]
    verbose_name_plural = "page template: lines removed from this outlet's articles as furniture"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
