"""Forms of the article and outlet admin: the edit form and the actions' intermediate pages."""

from __future__ import annotations

from django import forms

from archive.curation.status import REASON_MAX_LENGTH
from archive.models import Article, Source


class ArticleAdminForm(forms.ModelForm):
    url = forms.URLField(
        required=False,
        max_length=Article._meta.get_field("url").max_length,
        assume_scheme="https",
        label="Address",
        help_text="The original address of the page, if known.",
    )

    class Meta:
        model = Article
        fields = ["headline", "source", "published", "byline", "url", "status", "status_reason"]
        help_texts = {
            "headline": "The headline. Changing it also sets the title and keeps both when the "
            "article is re-parsed; leave it empty to show a title derived from the body.",
            "status": "Published articles appear on every public page; hidden ones on none.",
            "status_reason": "Why the article is hidden (required to hide; editors only).",
            "source": "The outlet. Setting it by hand keeps it when the article is re-parsed "
            "or outlet signatures change.",
        }

    def clean(self):
        data = super().clean()
        if data.get("status") == Article.Status.HIDDEN and not (
            data.get("status_reason") or ""
        ).strip():
            self.add_error("status_reason", "Say why the article is hidden.")
        return data


class HideForm(forms.Form):
    reason = forms.CharField(
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={"required": "Say why the articles are hidden."},
        help_text="Why these articles are hidden, e.g. “duplicate of a syndicated copy” or "
        "“legal request”. Shown to editors only.",
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError("Say why the articles are hidden.")
        return reason


class ReparseForm(forms.Form):
    discard_manual_edits = forms.BooleanField(
        required=False,
        label="Discard manual edits",
        help_text="Unticked, fields an editor set by hand (headline, outlet, date, byline, "
        "address) keep their values. Ticked, everything is taken from the raw text again.",
    )


class SetOutletForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        required=False,
        empty_label="Unknown outlet (none)",
        label="Outlet",
        help_text="The outlet these articles belong to. It is kept when they are re-parsed "
        "or outlet signatures change.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Source.objects.order_by("name")


class MergeForm(forms.Form):
    kept = forms.TypedChoiceField(
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        label="Keep this article",
        help_text="The article that stays public; the others become its aliases, and their "
        "permalinks redirect to it. Nothing is deleted.",
    )
    kept_id = forms.IntegerField(
        required=False,
        min_value=1,
        label="…or keep the article with this ID",
        help_text="The ID of a published article that is not in the selection.",
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kept"].choices = [
            (article.pk, f"#{article.pk} {article.title} ({article.source or 'unknown outlet'}"
             f", {article.published or 'no date'})")
            for article in candidates
        ]

    def clean(self):
        data = super().clean()
        chosen = [value for value in (data.get("kept"), data.get("kept_id")) if value]
        if len(chosen) != 1:
            raise forms.ValidationError("Choose one article to keep: a listed one or an ID.")
        kept = Article.objects.filter(pk=chosen[0]).first()
        if kept is None:
            raise forms.ValidationError(f"There is no article #{chosen[0]}.")
        if not kept.is_public:
            raise forms.ValidationError(
                f"Article #{kept.pk} is hidden or merged itself: keep a published article."
            )
        data["article"] = kept
        return data


class SignaturesForm(forms.Form):
    domain = forms.CharField(
        max_length=200,
        required=False,
        help_text=Source._meta.get_field("domain").help_text,
    )
    signatures = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80, "class": "vLargeTextField"}),
        help_text=Source._meta.get_field("signatures").help_text,
    )
