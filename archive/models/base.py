from django.db import models


class TimeStampedModel(models.Model):
    """Indexed creation/update stamps; ``updated_at`` drives incremental index updates."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True
