"""Newsroom intelligence stored: stories (same-story clusters), entities, mentions and quotes."""

from .entities import Entity, EntityAlias, EntityQuerySet, Mention, Quote
from .stories import ArticleFingerprint, Story, StoryBand, StoryMembership, StoryQuerySet

__all__ = [
    "ArticleFingerprint",
    "Entity",
    "EntityAlias",
    "EntityQuerySet",
    "Mention",
    "Quote",
    "Story",
    "StoryBand",
    "StoryMembership",
    "StoryQuerySet",
]
