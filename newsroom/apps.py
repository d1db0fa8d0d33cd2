from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from archive.curation.roles import grant_editing
        from newsroom import signals  # noqa: F401 (story members follow a save)

        # Editors split and move stories, merge, rename and alias entities.
        grant_editing("newsroom", ("story", "storymembership", "entity", "entityalias"))
