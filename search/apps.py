from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from archive.extensions import add_page_context
        from search.article_pages import highlighted_search, related_coverage

        # The article page highlights the search the reader came from; related coverage.
        add_page_context(highlighted_search)
        add_page_context(related_coverage)
