"""Same-story clusters: a Story groups the versions of one story carried by several outlets."""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from archive.models import Article, TimeStampedModel, optional_link


class StoryQuerySet(models.QuerySet):
    def with_public_size(self):
        """Annotate ``public_size``: the members the public may see (see
        ``Article.objects.published()``)."""
        return self.annotate(
            public_size=Count(
                "memberships",
                filter=Q(
                    memberships__article__status=Article.Status.PUBLISHED,
                    memberships__article__merged_into__isnull=True,
                ),
            )
        )

    def public(self):
        """Stories with at least one member the public may see."""
        return self.with_public_size().filter(public_size__gt=0)


class Story(TimeStampedModel):
    """One story as carried by one or more outlets (syndicated copies, rewrites)."""

    title = models.CharField(
        max_length=500, help_text="Shown on the story page: the lead article's title by default."
    )
    title_locked = models.BooleanField(
        default=False, help_text="Set when an editor wrote the title: clustering keeps it."
    )
    lead = optional_link(
        Article,
        related_name="+",
        help_text="The version shown first: the earliest published member, else the longest.",
    )
    size = models.PositiveIntegerField(
        default=0, help_text="Number of member articles (including hidden ones)."
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        db_table = "search_story"  # kept from before the split into apps
        ordering = ["-size", "-id"]
        get_latest_by = "created_at"
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["size"], name="story_size_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(size__gte=0), name="story_size_gte_0"),
        ]

    def __str__(self) -> str:
        return self.title or f"Story {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("newsroom:story", kwargs={"pk": self.pk})

    def public_members(self):
        return (
            Article.objects.published()
            .filter(story_membership__story=self)
            .select_related("source")
            .defer("raw")
            .order_by(models.F("published").asc(nulls_last=True), "-word_count", "id")
        )


class StoryMembership(TimeStampedModel):
    """An article's place in a story. ``pinned`` memberships were decided by an editor (a move or
    a split): re-clustering never changes them."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="story_membership"
    )
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="memberships")
    pinned = models.BooleanField(
        default=False,
        help_text="Placed here by an editor: re-clustering keeps the article in this story.",
    )

    class Meta:
        db_table = "search_storymembership"  # kept from before the split into apps
        ordering = ["story", "article"]
        get_latest_by = "created_at"
        indexes = [models.Index(fields=["story", "article"], name="membership_story_idx")]

    def __str__(self) -> str:
        return f"{self.article} in {self.story}"


class ArticleFingerprint(models.Model):
    """An article's MinHash signatures (body and quotations), for verifying LSH candidates."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="fingerprint")
    body = models.BinaryField(blank=True, default=b"")
    quotes = models.BinaryField(blank=True, default=b"")

    class Meta:
        db_table = "search_articlefingerprint"  # kept from before the split into apps
        ordering = ["article"]

    def __str__(self) -> str:
        return f"Fingerprint of {self.article_id}"


class StoryBand(models.Model):
    """One LSH bucket key of an article: articles sharing a key are same-story candidates.
    The table is the LSH index, so no process holds the corpus in memory. About 75 rows an
    article are written at ingest, so it keeps two indexes only: the key (candidates) and the
    unique (article, key) pair, which also serves look-ups and deletes by article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="story_bands", db_index=False
    )
    key = models.BigIntegerField(
        help_text="Signed 64-bit hash of the signal, the band number and the band's MinHash "
        "values (newsroom.extraction.clusters.band_keys)."
    )

    class Meta:
        db_table = "search_storyband"  # kept from before the split into apps
        ordering = ["key"]
        indexes = [models.Index(fields=["key"], name="storyband_key_idx")]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="storyband_unique_key"),
        ]

    def __str__(self) -> str:
        return str(self.key)
