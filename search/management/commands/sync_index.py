"""Make the search index hold exactly what the public may see.

    python manage.py sync_index [--dry-run] [-v 2]

Compares the index's document ids with the database (public articles, visible comment blocks of
public articles), indexes what is missing and removes what should not be there. Fast when they
already agree (one pass over ids), so ``make run`` calls it every time. Content edits are kept
current by the signals; ``update_index --age H`` re-indexes recently updated rows.
"""

from django.core.management.base import BaseCommand
from haystack import connections

from search.indexing.sync import expected_identifiers, reindex_articles


class Command(BaseCommand):
    help = (
        "Index public articles and comment blocks missing from the search index and remove "
        "documents that should not be there (hidden, merged, deleted)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Report the differences without changing the index.")

    def handle(self, *args, dry_run, verbosity, **options):
        backend = connections["default"].get_backend()
        indexed = backend.indexed_identifiers()
        expected, article_of = expected_identifiers()
        missing, extra = expected - indexed, indexed - expected
        if not missing and not extra:
            if verbosity >= 1:
                self.stdout.write(f"Search index in sync: {len(indexed):,} documents.")
            return
        if verbosity >= 1:
            prefix = "Dry run, nothing changed: " if dry_run else ""
            self.stdout.write(f"{prefix}{len(missing):,} missing, {len(extra):,} extra documents.")
        if verbosity >= 2:
            for ident in sorted(missing):
                self.stdout.write(f"missing {ident}")
            for ident in sorted(extra):
                self.stdout.write(f"extra {ident}")
        if dry_run:
            return
        backend.remove_identifiers(extra)
        reindex_articles({article_of[ident] for ident in missing})
        if verbosity >= 1:
            self.stdout.write("Search index updated.")
