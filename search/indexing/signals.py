"""haystack's signal processor for Clippings: what the archive announces is re-indexed on commit."""

from __future__ import annotations

from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive.models import Article, CommentBlock, Source
from archive.signals import announce_changes, articles_changed, ingest_finished, ingest_starting
from search.engine.background_merges import finish_merges

from . import drain, queue_reindex
from .outbox import run_in_background


class OnCommitSignalProcessor(BaseSignalProcessor):
    """Article, comment-block and outlet changes re-index the affected articles after the
    transaction commits (never inside it: a rollback must leave no ghost document).

    Saves and deletes are announced through the archive (so that its ``batched_changes()``
    gathers them); every announcement, those of curation and the newsroom included, arrives here
    as ``articles_changed``. With haystack's base processor configured instead, nothing indexes."""

    def setup(self):
        for model in (Article, CommentBlock, Source):
            signals.post_save.connect(self.handle_save, sender=model)
            signals.post_delete.connect(self.handle_delete, sender=model)
        # An outlet's articles lose it (SET_NULL, no signals): collect them before the delete.
        signals.pre_delete.connect(self.handle_delete, sender=Source)
        articles_changed.connect(self.handle_changes, dispatch_uid="clippings-index-changes")
        ingest_starting.connect(self.handle_ingest_starting, dispatch_uid="clippings-index-drain")
        ingest_finished.connect(self.handle_ingest_finished, dispatch_uid="clippings-index-settle")

    def teardown(self):
        for model in (Article, CommentBlock, Source):
            signals.post_save.disconnect(self.handle_save, sender=model)
            signals.post_delete.disconnect(self.handle_delete, sender=model)
        signals.pre_delete.disconnect(self.handle_delete, sender=Source)
        articles_changed.disconnect(dispatch_uid="clippings-index-changes")
        ingest_starting.disconnect(dispatch_uid="clippings-index-drain")
        ingest_finished.disconnect(dispatch_uid="clippings-index-settle")

    def handle_save(self, sender, instance, **kwargs):
        announce_changes(_article_ids(sender, instance))

    def handle_delete(self, sender, instance, **kwargs):
        announce_changes(_article_ids(sender, instance))

    def handle_changes(self, sender, article_ids, **kwargs):
        queue_reindex(article_ids)

    def handle_ingest_starting(self, sender, **kwargs) -> str | None:
        """Index what an earlier run committed and never indexed (killed between the two)."""
        result = drain()
        # This process is an ingest: its batches' segments are built while it writes the next
        # batch (outbox.py), until ``handle_ingest_finished``.
        run_in_background()
        if result.rows:
            return f"Indexed {result.articles:,} articles left pending by an earlier run."
        return None

    def handle_ingest_finished(self, sender, **kwargs) -> None:
        """Commit the run's last background write and any merge in flight, and go back to
        writing in the foreground: the command returns with the index complete."""
        run_in_background(False)
        finish_merges()


def _article_ids(sender, instance) -> list[int]:
    if sender is Article:
        # Articles merged into this one show its state too (their documents are removed).
        return [instance.pk]
    if sender is CommentBlock:
        return [instance.article_id]
    if sender is Source and instance.pk is not None:
        return list(Article.objects.filter(source_id=instance.pk).values_list("pk", flat=True))
    return []
