"""Forms of the intelligence pages (GET only)."""

from django import forms


class QuoteSearchForm(forms.Form):
    q = forms.CharField(
        label="Quotation",
        max_length=500,
        required=False,
        strip=True,
        help_text="A few words of the quotation; case and punctuation do not matter.",
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class CompareForm(forms.Form):
    """Which two versions of a story to show side by side."""

    left = forms.TypedChoiceField(
        coerce=int, label="Version", help_text="The version shown on the left."
    )
    right = forms.TypedChoiceField(
        coerce=int, label="Compared with", help_text="The version shown on the right."
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (m.pk, f"{m.source.name if m.source_id else 'Unknown outlet'} — "
                   f"{m.published.isoformat() if m.published else 'date unknown'}")
            for m in members
        ]
        self.fields["left"].choices = choices
        self.fields["right"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("left") is not None and data.get("left") == data.get("right"):
            raise forms.ValidationError("Choose two different versions to compare.")
        return data
