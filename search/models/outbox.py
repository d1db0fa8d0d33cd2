"""The search index's outbox: articles whose documents must be brought in line with the database.

A row is written in the same transaction as the change it announces (``search.indexing``), so a
committed change always has its row, and a rolled-back one never has. The index writer drains the
rows after the commit (``search.indexing.outbox.drain``) and deletes them once the index holds
the articles' current state. A crash between the commit and the index write leaves the rows in
place: the next drain (any later write, ``ingest``, ``make run``, ``process_index_queue``) finishes
the job, with no manual ``sync_index``.
"""

from django.db import models


class IndexOutboxQuerySet(models.QuerySet):
    def ready(self, max_attempts: int):
        """Rows still worth trying (those that failed ``max_attempts`` times wait for a repair)."""
        return self.filter(attempts__lt=max_attempts).order_by("pk")

    def failing(self, max_attempts: int):
        return self.filter(attempts__gte=max_attempts).order_by("pk")


class IndexOutbox(models.Model):
    """One pending re-index of an article (and its comment blocks). Rows are only appended and
    deleted, never updated in place by writers: a change made while a drain is running gets a
    row of its own, which that drain does not delete."""

    # Not a foreign key: a deleted article's row must outlive it, to remove its documents.
    article_id = models.BigIntegerField(help_text="The article whose documents to rebuild.")
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Drains that failed on this row (it is retried until the limit)."
    )
    last_error = models.TextField(blank=True, default="", help_text="Why the last drain failed.")

    objects = IndexOutboxQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        get_latest_by = "created_at"
        verbose_name = "pending index write"
        verbose_name_plural = "pending index writes"
        indexes = [models.Index(fields=["attempts", "id"], name="search_outbox_attempts_idx")]

    def __str__(self) -> str:
        return f"re-index article #{self.article_id}"
