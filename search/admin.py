from django.contrib import admin

from search.models import Article, CommentBlock, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "domain"]
    search_fields = ["name", "slug", "domain"]
    prepopulated_fields = {"slug": ["name"]}


class CommentBlockInline(admin.TabularInline):
    model = CommentBlock
    fields = ["heading", "position", "comment_count", "is_hidden"]
    readonly_fields = ["heading", "position", "comment_count"]
    extra = 0
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published", "status", "word_count"]
    list_filter = ["status", "source"]
    search_fields = ["headline", "title", "byline", "body"]
    date_hierarchy = "published"
    autocomplete_fields = ["source"]
    readonly_fields = ["raw_sha256", "file_name", "encoding", "word_count", "created_at",
                       "updated_at"]
    exclude = ["raw"]
    inlines = [CommentBlockInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").defer("raw")
