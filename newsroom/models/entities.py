"""People, organisations and places mentioned in articles, and the quotations they gave."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from archive.models import Article, TimeStampedModel, optional_link


class EntityQuerySet(models.QuerySet):
    def canonical(self):
        """Entities not merged into another."""
        return self.filter(merged_into__isnull=True)


class Entity(TimeStampedModel):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        PLACE = "place", "Place"

    name = models.CharField(max_length=300, help_text="The name shown everywhere.")
    kind = models.CharField(max_length=16, choices=Kind.choices, db_index=True)
    slug = models.SlugField(max_length=200, help_text="Cosmetic part of the permalink.")
    merged_into = optional_link(
        "self",
        related_name="merged",
        help_text="Set when an editor merged this entity into another: its mentions moved there "
        "and re-extraction sends its names there.",
    )

    objects = EntityQuerySet.as_manager()

    class Meta:
        db_table = "search_entity"  # kept from before the split into apps
        ordering = ["name"]
        get_latest_by = "created_at"
        verbose_name_plural = "entities"
        indexes = [
            models.Index(fields=["kind", "name"], name="entity_kind_name_idx"),
            models.Index(fields=["name"], name="entity_name_idx"),  # extraction looks names up
        ]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="entity_unique_kind_name"),
            models.CheckConstraint(
                condition=Q(kind__in=["person", "organisation", "place"]),
                name="entity_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="entity_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = slugify(self.name)[:200].strip("-") or "entity"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("newsroom:entity", kwargs={"pk": self.pk, "slug": self.slug})


class EntityAlias(TimeStampedModel):
    """Another name of an entity ("ACLU", "Mr. Sessions"). Extraction looks names up here first,
    so that aliases editors add or keep win over what the extractor would decide."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(max_length=16, choices=Entity.Kind.choices)
    name = models.CharField(max_length=300, help_text="The other name, as written in articles.")
    by_editor = models.BooleanField(
        default=False, help_text="Added or confirmed by an editor (never removed by extraction)."
    )

    class Meta:
        db_table = "search_entityalias"  # kept from before the split into apps
        ordering = ["name"]
        get_latest_by = "created_at"
        verbose_name_plural = "entity aliases"
        indexes = [models.Index(fields=["name"], name="alias_name_idx")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="alias_unique_kind_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.entity}"


class Mention(models.Model):
    """An entity mentioned in an article (once per pair, with how often). Ingest writes about ten
    an article: the foreign keys have no index of their own, since the unique (article, entity)
    pair and the (entity, article) index serve look-ups by either."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    count = models.PositiveIntegerField(default=1)
    first_offset = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "search_mention"  # kept from before the split into apps
        ordering = ["article", "first_offset"]
        indexes = [models.Index(fields=["entity", "article"], name="mention_entity_idx")]
        constraints = [
            models.UniqueConstraint(fields=["article", "entity"], name="mention_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.entity} in {self.article_id}"


class Quote(models.Model):
    """A direct quotation in an article, with its speaker when the text attributes it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    key = models.TextField(help_text="Lower-case words of the text: the same quote across outlets.")
    speaker_name = models.CharField(max_length=300, blank=True)
    # No index of its own: the (speaker, article) index serves look-ups by speaker.
    speaker = optional_link(Entity, related_name="quotes", db_index=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "search_quote"  # kept from before the split into apps
        ordering = ["article", "position"]
        indexes = [models.Index(fields=["speaker", "article"], name="quote_speaker_idx")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def speaker_label(self) -> str:
        return self.speaker.name if self.speaker_id else self.speaker_name
