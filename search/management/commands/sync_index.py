"""Make the search index hold exactly what the public may see, as the database has it now.

    python manage.py sync_index [--dry-run] [--quick] [-v 2]

First drains the index outbox (changes committed but not yet indexed, e.g. after a crash, also
rows that failed too often). Then compares the index's document ids with the database (public
articles, visible comment blocks of public articles), indexes what is missing and removes what
should not be there. Then, unless ``--quick``, compares every document's stored content with a
fresh preparation from the database and re-indexes the articles whose documents are stale. Holds
the index-writer lock throughout, so no drain can interleave an older state.
"""

from django.core.management.base import CommandError
from haystack import connections

from config.commands import ClippingsCommand
from search.indexing.outbox import drain, index_writer_lock, pending_count
from search.indexing.sync import expected_identifiers, reindex_articles, stale_articles


class Command(ClippingsCommand):
    help = (
        "Bring the search index in line with the database: finish pending index writes, index "
        "public articles and comment blocks missing from it, remove documents that should not "
        "be there (hidden, merged, deleted) and re-index documents whose content is stale."
    )
    dry_run_help = "Report the differences without changing the index."

    def add_options(self, parser):
        parser.add_argument("--quick", action="store_true",
                            help="Compare document ids only, not their content (one pass over "
                                 "ids; what `make run` does).")

    def handle(self, *args, dry_run, quick, verbosity, **options):
        with index_writer_lock() as acquired:
            if not acquired:
                raise CommandError("Another process has held the index-writer lock for too "
                                   "long (a rebuild or a large ingest?); try again later.")
            self._sync(dry_run=dry_run, quick=quick, verbosity=verbosity)

    def _sync(self, *, dry_run, quick, verbosity):
        prefix = "Dry run, nothing changed: " if dry_run else ""
        pending = pending_count()
        if pending and verbosity >= 1:
            self.stdout.write(f"{prefix}{pending:,} pending index writes"
                              f"{'' if dry_run else ' done'}.")
        if pending and not dry_run:
            result = drain(include_failing=True)
            if result.failed_rows:
                self.stderr.write(self.style.ERROR(
                    f"{result.failed_rows:,} pending index writes failed again (see the log); "
                    "they stay queued."))
        backend = connections["default"].get_backend()
        indexed = backend.indexed_identifiers()
        expected, article_of = expected_identifiers()
        missing, extra = expected - indexed, indexed - expected
        if missing or extra:
            if verbosity >= 1:
                self.stdout.write(f"{prefix}{len(missing):,} missing, {len(extra):,} extra "
                                  "documents.")
            if verbosity >= 2:
                for ident in sorted(missing):
                    self.stdout.write(f"missing {ident}")
                for ident in sorted(extra):
                    self.stdout.write(f"extra {ident}")
            if not dry_run:
                backend.remove_identifiers(extra)
                reindex_articles({article_of[ident] for ident in missing})
        stale: set[int] = set()
        if not quick:
            public = len(set(article_of.values()))
            with self.progress_bar(total=public, unit="article", desc="comparing content") as bar:
                stale = stale_articles(progress=bar.update)
            if stale and verbosity >= 1:
                self.stdout.write(f"{prefix}{len(stale):,} articles with stale documents.")
            if verbosity >= 2:
                for pk in sorted(stale):
                    self.stdout.write(f"stale search.article.{pk}")
            if stale and not dry_run:
                reindex_articles(stale)
        if verbosity >= 1:
            if not (pending or missing or extra or stale):
                self.stdout.write(f"Search index in sync: {len(indexed):,} documents"
                                  f"{' (ids only)' if quick else ''}.")
            elif not dry_run:
                self.stdout.write("Search index updated.")
