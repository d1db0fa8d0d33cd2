"""What the newsroom adds to the archive, registered from ``NewsroomConfig.ready``: its extraction
at ingest (the archive's ingestion hooks), its fields of an article record and its article panel.

Workers run ``prepare_text`` (pure: entities, quotes, same-story signatures and band keys); the
writer stores a batch with ``analyse_new_articles`` or one article with ``analyse_article``; then
a person named by surname only joins the one full name the corpus gives it (``surnames``)."""

from __future__ import annotations

from archive.ingestion.hooks import Extraction

from . import queries
from .batch import analyse_new_articles
from .extraction.pipeline import prepare_text
from .services import analyse_article, cluster_settings, intelligence_enabled
from .surnames import join_surnames_of


def _store_batch(articles, prepared) -> None:
    analyse_new_articles(articles=articles, prepared=prepared)
    join_surnames_of([article.pk for article in articles])  # "Obama" joins "Barack Obama"


def _store_one(article) -> None:
    analyse_article(article=article)
    join_surnames_of([article.pk])


NEWSROOM_EXTRACTION = Extraction(
    name="newsroom",
    enabled=intelligence_enabled,
    settings=cluster_settings,
    prepare=prepare_text,
    store_batch=_store_batch,
    store_one=_store_one,
)


def article_record_fields(article, permalink) -> dict:
    """The newsroom's part of an article's export record: public members only (docs/api.md)."""
    return {
        "story": queries.story_record(article, permalink=permalink),
        "entities": queries.entity_records(article),
        "quotes": queries.quote_records(article),
    }


# Included at the foot of the article page: its story, people and organisations, quotations.
ARTICLE_PANEL = "newsroom/article_slot.html"
