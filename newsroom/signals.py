"""Keep the search index's story fields true: when an article is saved (hidden, merged,
re-published…), the other members of its story show a different public story size, so they
are re-indexed too (after the commit, through ``archive.signals.announce_changes``)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from archive.models import Article
from archive.signals import announce_changes
from newsroom.models import StoryMembership


@receiver(post_save, sender=Article, dispatch_uid="clippings-story-members-reindex")
def reindex_story_members(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return  # a brand-new article is in no story yet: stories are assigned after its save
    story_id = (
        StoryMembership.objects.filter(article_id=instance.pk)
        .values_list("story_id", flat=True)
        .first()
    )
    if story_id is None:
        return
    others = StoryMembership.objects.filter(story_id=story_id).exclude(article_id=instance.pk)
    announce_changes(others.values_list("article_id", flat=True))
