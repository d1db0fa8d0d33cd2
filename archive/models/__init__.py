"""The archive's data model, one module per concern."""

from .article import Article, ArticleQuerySet
from .base import TimeStampedModel, optional_link
from .comments import CommentBlock
from .source import Source
from .templates import TemplateLine, TemplateLineQuerySet

__all__ = [
    "Article", "ArticleQuerySet", "CommentBlock", "Source", "TemplateLine", "TemplateLineQuerySet",
    "TimeStampedModel", "optional_link",
]
