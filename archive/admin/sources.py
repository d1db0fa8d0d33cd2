"""Outlets in the admin, with a preview of what their signatures would claim in the corpus."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from archive import curation
from archive.models import Article, Source

from .forms import SignaturesForm
from .history import CuratedHistoryAdmin
from .templates import TemplateLineInline


def _articles(count: int) -> str:
    return f"{count:,} article{'' if count == 1 else 's'}"


@admin.register(Source)
class SourceAdmin(CuratedHistoryAdmin):
    list_display = ["name", "domain", "public_articles", "all_articles", "signature_count"]
    search_fields = ["name", "slug", "domain"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "domain", "signatures", "test_link"]
    readonly_fields = ["test_link"]
    inlines = [TemplateLineInline]

    def get_queryset(self, request):
        public = Q(articles__status=Article.Status.PUBLISHED, articles__merged_into__isnull=True)
        return super().get_queryset(request).annotate(
            num_articles=Count("articles", distinct=True),
            num_public=Count("articles", filter=public, distinct=True),
        ).order_by("name")

    def has_delete_permission(self, request, obj=None):
        return False  # articles would lose their outlet; rename or merge signatures instead

    @admin.display(description="public articles", ordering="num_public")
    def public_articles(self, source):
        return source.num_public

    @admin.display(description="all articles", ordering="num_articles")
    def all_articles(self, source):
        url = reverse("admin:archive_article_changelist") + f"?source__id__exact={source.pk}"
        return format_html('<a href="{}">{}</a>', url, source.num_articles)

    @admin.display(description="signatures")
    def signature_count(self, source):
        return sum(
            1 for line in source.signatures.splitlines()
            if line.strip() and not line.strip().startswith("#")
        )

    @admin.display(description="signatures over the corpus")
    def test_link(self, source):
        if not source.pk:
            return "Save the outlet first."
        url = reverse("admin:archive_source_signatures", args=[source.pk])
        return format_html('<a class="button" href="{}">Test these signatures</a> how many '
                           "articles they would claim, before changing them.", url)

    def get_urls(self):
        own = [
            path("<int:object_id>/signatures/", self.admin_site.admin_view(self.signatures_view),
                 name="archive_source_signatures"),
        ]
        return own + super().get_urls()

    def signatures_view(self, request, object_id):
        """GET: the outlet's signatures in an editable form; with ``preview``, what the
        submitted texts would claim (nothing written). POST: save them and re-attribute the
        articles whose outlet was not set by hand."""
        source = get_object_or_404(Source, pk=object_id)
        if not self.has_view_or_change_permission(request, source):
            raise PermissionDenied
        if request.method == "POST" and not self.has_change_permission(request, source):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = SignaturesForm(request.POST)
        elif "preview" in request.GET:
            form = SignaturesForm(request.GET)
        else:
            form = SignaturesForm(initial={"domain": source.domain,
                                           "signatures": source.signatures})
        if form.is_bound and form.is_valid():
            texts = {"domain": form.cleaned_data["domain"].strip(),
                     "signatures": form.cleaned_data["signatures"]}
            try:
                if request.method != "POST":
                    report = curation.signature_report(source=source, **texts)
                else:
                    report = curation.apply_signatures(source=source, user=request.user, **texts)
                    self.message_user(
                        request,
                        f"Saved the signatures of {source.name}: {_articles(report.gained)} "
                        f"moved to it, {_articles(report.lost)} left it; "
                        f"{_articles(report.locked)} with an outlet set by hand left alone.",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:archive_source_change", args=[source.pk])
                    )
            except curation.CurationError as error:
                form.add_error("signatures", str(error))
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Test the signatures of {source.name}",
            "source": source,
            "original": source,
            "form": form,
            "report": report,
            "opts": opts,
            "app_label": opts.app_label,
            "has_change_permission": self.has_change_permission(request, source),
        }
        return TemplateResponse(request, "admin/archive/source/signatures.html", context)
