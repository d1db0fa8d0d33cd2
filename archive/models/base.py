from django.db import models


class TimeStampedModel(models.Model):
    """Indexed creation/update stamps; ``updated_at`` drives incremental index updates."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


def optional_link(to, *, related_name: str, help_text: str = "", **options) -> models.ForeignKey:
    """A link that may be empty and is emptied when its target is deleted (``SET_NULL``): an
    article's outlet, an alias's survivor, a story's lead."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name,
        help_text=help_text, **options,
    )
