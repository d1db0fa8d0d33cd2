"""The article list's filters (outlet uses Django's own related-field filter)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Exists, OuterRef

from archive.curation.attention import PROBLEMS, needing_attention
from archive.models import Article, CommentBlock


class StateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("published", "Published (public)"),
            ("hidden", "Hidden"),
            ("merged", "Merged into another"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "published":
            return queryset.published()
        if value == "hidden":
            return queryset.filter(status=Article.Status.HIDDEN, merged_into__isnull=True)
        if value == "merged":
            return queryset.filter(merged_into__isnull=False)
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Article.objects.dates("published", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years] + [("none", "No date")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(published__isnull=True)
        if value and value.isdigit():
            return queryset.filter(published__year=int(value))
        return queryset


class HasCommentsFilter(admin.SimpleListFilter):
    title = "reader comments"
    parameter_name = "comments"

    def lookups(self, request, model_admin):
        return [("yes", "Has comments"), ("no", "No comments")]

    def queryset(self, request, queryset):
        has = Exists(
            CommentBlock.objects.filter(article=OuterRef("pk"), comment_count__gt=0)
        )
        if self.value() == "yes":
            return queryset.filter(has)
        if self.value() == "no":
            return queryset.filter(~has)
        return queryset


class AttentionFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("any", "Any problem")] + [(key, label) for key, (label, _q) in PROBLEMS.items()]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return needing_attention(queryset)
        if value in PROBLEMS:
            return needing_attention(queryset, value)
        return queryset
