from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from archive.curation.roles import grant_editing
        from archive.extensions import add_article_panel, add_record_fields
        from archive.ingestion.hooks import register_extraction
        from newsroom import hooks, signals  # noqa: F401 (signals: story members follow a save)

        # Entities, quotes and the same-story cluster of every ingested article.
        register_extraction(hooks.NEWSROOM_EXTRACTION)
        add_record_fields(hooks.article_record_fields)
        add_article_panel(hooks.ARTICLE_PANEL)
        # Editors split and move stories, merge, rename and alias entities.
        grant_editing("newsroom", ("story", "storymembership", "entity", "entityalias"))
