"""The archive's data model, one module per concern."""

from .article import Article, ArticleQuerySet, published_through
from .base import TimeStampedModel, optional_link
from .comments import CommentBlock, CommentBlockQuerySet, with_comment_counts
from .source import Source
from .templates import TemplateLine, TemplateLineQuerySet

__all__ = [
    "Article", "ArticleQuerySet", "CommentBlock", "CommentBlockQuerySet", "Source", "TemplateLine",
    "TemplateLineQuerySet", "TimeStampedModel", "optional_link", "published_through",
    "with_comment_counts",
]
