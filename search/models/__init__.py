"""The archive's data model, one module per concern."""

from .article import Article, ArticleQuerySet
from .comments import CommentBlock
from .entities import Entity, EntityAlias, EntityQuerySet, Mention, Quote
from .source import Source
from .stories import ArticleFingerprint, Story, StoryBand, StoryMembership, StoryQuerySet

__all__ = [
    "Article",
    "ArticleFingerprint",
    "ArticleQuerySet",
    "CommentBlock",
    "Entity",
    "EntityAlias",
    "EntityQuerySet",
    "Mention",
    "Quote",
    "Source",
    "Story",
    "StoryBand",
    "StoryMembership",
    "StoryQuerySet",
]
