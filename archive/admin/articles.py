"""Articles and their comment blocks in the admin."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from archive import curation
from archive.models import Article, CommentBlock

from . import actions
from .filters import AttentionFilter, HasCommentsFilter, StateFilter, YearFilter
from .forms import ArticleAdminForm
from .history import CuratedHistoryAdmin
from .raw import raw_lines

LIST_DEFERRED = ("raw", "body", "boilerplate", "parse_notes", "sidecar")


class CommentBlockInline(admin.StackedInline):
    """Stacked, not tabular: each field has its own label (a table of checkboxes had none)."""

    model = CommentBlock
    fields = ["heading", "position", "comment_count", "comments_text", "is_hidden"]
    readonly_fields = ["heading", "position", "comment_count", "comments_text"]
    extra = 0
    can_delete = False
    verbose_name = "reader-comment block"

    def has_add_permission(self, request, obj=None):
        return False  # blocks come from the raw text only

    @admin.display(description="comments (as scraped)")
    def comments_text(self, block):
        return format_html(
            '<ol class="clippings-comments">{}</ol>',
            format_html_join("", "<li>{}</li>", ((comment,) for comment in block.comments)),
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        hidden = formset.form.base_fields.get("is_hidden")
        if hidden is not None:
            hidden.label = "Hide these comments from the public"
        return formset


@admin.register(Article)
class ArticleAdmin(CuratedHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "title_display", "source", "published", "state", "comments", "words", "attention",
    ]
    list_display_links = ["title_display"]
    list_filter = [StateFilter, AttentionFilter, "source", YearFilter, HasCommentsFilter]
    list_select_related = ["source"]
    search_fields = ["headline", "title", "byline", "body"]
    date_hierarchy = "published"
    autocomplete_fields = ["source"]
    actions = actions.ALL
    list_per_page = 50
    save_on_top = True  # the change page is long: Save at the top and the bottom
    inlines = [CommentBlockInline]
    readonly_fields = [
        "title", "headline_derived", "alias_of", "public_link", "locked_fields", "notes",
        "body", "word_count", "file_name", "encoding", "raw_sha256", "created_at", "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["headline", "title", "headline_derived", "source", "published",
                           "byline", "url"]}),
        ("Visibility", {"fields": ["status", "status_reason", "alias_of", "public_link"]}),
        ("What the parser made of the raw text", {
            "fields": ["locked_fields", "notes", "body", "word_count"],
        }),
        ("File", {"fields": ["file_name", "encoding", "raw_sha256", "created_at", "updated_at"],
                  "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        comments = (
            CommentBlock.objects.filter(article=OuterRef("pk"))
            .values("article")
            .annotate(total=Sum("comment_count"))
            .values("total")
        )
        queryset = super().get_queryset(request).select_related("source", "merged_into")
        return queryset.annotate(total_comments=Coalesce(Subquery(comments), 0))

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.queryset = changelist.queryset.defer(*LIST_DEFERRED)
        return changelist

    def has_delete_permission(self, request, obj=None):
        return False  # curation hides and merges; nothing is deleted

    # --- list columns ------------------------------------------------------------------------
    @admin.display(description="headline", ordering="title")
    def title_display(self, article):
        if article.headline_derived:
            return format_html('{} <span class="clippings-derived">(derived title)</span>',
                               article.title)
        return article.title

    @admin.display(description="status", ordering="status")
    def state(self, article):
        if article.merged_into_id:
            return f"merged into #{article.merged_into_id}"
        return article.get_status_display()

    @admin.display(description="words", ordering="word_count")
    def words(self, article):
        return article.word_count

    @admin.display(description="comments", ordering="total_comments")
    def comments(self, article):
        return article.total_comments

    @admin.display(description="attention")
    def attention(self, article):
        if article.merged_into_id:
            return ""
        flags = []
        if not article.headline:
            flags.append("no headline")
        if article.published is None:
            flags.append("no date")
        if article.source_id is None:
            flags.append("unknown outlet")
        return ", ".join(flags)

    # --- edit page ---------------------------------------------------------------------------
    @admin.display(description="merged into")
    def alias_of(self, article):
        if not article.merged_into_id:
            return "—"
        url = reverse("admin:archive_article_change", args=[article.merged_into_id])
        return format_html('<a href="{}">#{} {}</a>', url, article.merged_into_id,
                           article.merged_into)

    @admin.display(description="public page")
    def public_link(self, article):
        if not article.pk:
            return "—"
        url = article.get_absolute_url()
        note = "" if article.is_public else " (not public: visitors get a 404 or a redirect)"
        return format_html('<a href="{}">{}</a>{}', url, url, note)

    @admin.display(description="parse notes")
    def notes(self, article):
        """What the parser noted, one item a line (not a Python list)."""
        notes = article.parse_notes or []
        if isinstance(notes, str):
            notes = [notes]
        if not notes:
            return "None: the parser had nothing to report."
        return format_html(
            '<ul class="clippings-notes">{}</ul>',
            format_html_join("", "<li>{}</li>", ((str(note),) for note in notes)),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Articles come from ingested files: "Save and add another" would offer an empty one.
        extra_context = {**(extra_context or {}), "show_save_and_add_another": False}
        article = self.get_object(request, object_id)
        if article is not None:
            lines, problem = raw_lines(article)
            extra_context.update(raw_lines=lines, raw_problem=problem)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        version = getattr(obj, "_history", None)  # set when restoring an earlier version
        reason = f"restored the version of {version.history_date:%Y-%m-%d %H:%M:%S} UTC" \
            if version is not None else ""
        curation.save_article_edit(article=obj, user=request.user, reason=reason)

    def changelist_view(self, request, extra_context=None):
        # Running an action is a change: a Viewer's POST is refused outright, not ignored.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)
