"""Drain the search index's outbox: index what was committed but not yet indexed.

    python manage.py process_index_queue            # one pass, then exit
    python manage.py process_index_queue --loop     # a worker: a pass every --interval seconds
    python manage.py process_index_queue --dry-run  # how many writes are pending, and why

Every write drains the outbox itself once it commits; this is for after a crash, a worker beside
the web server, or rows that failed too often (``--retry-failed``).
"""

import time

from django.core.management.base import CommandError

from config.commands import ClippingsCommand
from search.indexing.outbox import MAX_ATTEMPTS, drain
from search.models import IndexOutbox


class Command(ClippingsCommand):
    help = (
        "Index the articles whose changes are committed but not yet in the search index (the "
        "index outbox), once or in a loop."
    )
    dry_run_help = "Report the pending writes without indexing anything."
    progress = False

    def add_options(self, parser):
        parser.add_argument("--loop", action="store_true",
                            help="Keep running: a pass every --interval seconds (a worker).")
        parser.add_argument("--interval", type=float, default=5.0,
                            help="Seconds between passes with --loop (default: %(default)s).")
        parser.add_argument("--retry-failed", action="store_true",
                            help=f"Also retry writes that failed {MAX_ATTEMPTS} times.")

    def handle(self, *args, dry_run, loop, interval, retry_failed, verbosity, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        if dry_run:
            self._describe(verbosity)
            return
        while True:
            result = drain(include_failing=retry_failed)
            if result.locked:
                self.stderr.write("Another writer held the index lock; nothing done this pass.")
            elif verbosity >= 1 and (result.rows or not loop):
                self.stdout.write(f"Indexed {result.articles:,} articles "
                                  f"({result.rows:,} pending writes done).")
            if result.failed_rows:
                self.stderr.write(self.style.ERROR(
                    f"{result.failed_rows:,} pending writes failed; they stay queued."))
            if not loop:
                if result.failed_rows or result.locked:
                    raise CommandError("Some pending index writes are not done.", returncode=1)
                return
            time.sleep(interval)

    def _describe(self, verbosity: int) -> None:
        rows = IndexOutbox.objects.all()
        failing = rows.failing(MAX_ATTEMPTS)
        self.stdout.write(f"{rows.count():,} pending index writes "
                          f"({rows.values('article_id').distinct().count():,} articles), "
                          f"{failing.count():,} failed {MAX_ATTEMPTS} times.")
        if verbosity >= 2:
            for row in rows.exclude(last_error=""):
                self.stdout.write(f"article #{row.article_id}: {row.attempts} failures, "
                                  f"last: {row.last_error}")
