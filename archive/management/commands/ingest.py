"""Ingest raw article files into the archive.

    python manage.py ingest corpus/
    python manage.py ingest 'scrapes/2018-*/**/*.txt' one-more.txt --dry-run -v 2
    python manage.py ingest saved-pages/ pages.jsonl scrape.csv

Idempotent; each file (or manifest row) is all-or-nothing; one bad file never stops the run
(its failure is one line); an article is known by its file's path relative to the folder given
(``a/x.txt`` and ``b/x.txt`` are two articles; a manifest row by its url, else ``NAME.jsonl#N``);
hidden files are listed as skipped; exits non-zero when any file failed.
"""

import sys
from collections import Counter

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from tqdm import tqdm

from archive.ingestion.connection import bulk_write_settings
from archive.ingestion.files import PathNotFound, display, expand_paths, hidden_count
from archive.ingestion.parallel import PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES, workers_for
from archive.ingestion.run import IngestRun
from archive.ingestion.services import IngestResult, Outcome, load_signatures
from archive.ingestion.statistics import refresh_planner_statistics
from archive.signals import batched_changes, ingest_finished, ingest_starting
from config.commands import ClippingsCommand

# One database transaction per batch of files (archive.ingestion.run.BATCH_FILES). Each file still
# gets its own savepoint, so a bad file rolls back alone; a crash loses at most one uncommitted
# batch, which a re-run simply redoes.


class Command(ClippingsCommand):
    help = (
        "Ingest raw article files (.txt) and saved web pages (.html, .htm) from files, folders "
        "(recursive) and globs, and manifests (.jsonl, .csv: one article a row, with text or "
        "html; see corpus/README.md) when named. A NAME.json sidecar beside NAME.txt or "
        "NAME.html may give url, source, published, byline and headline. Re-running changes "
        "nothing; a changed file updates its article in place."
    )
    dry_run_help = "Parse and report what would change, without writing anything."

    def add_arguments(self, parser):
        # --no-progress before --workers, as --help has always listed them.
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files, folders or globs.")
        self.add_dry_run_option(parser)
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.CLIPPINGS_MAX_FILE_BYTES,
            help="Refuse files larger than this many bytes (default: %(default)s).",
        )
        self.add_progress_option(parser)
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help="Processes that parse files while this one writes them to the database: 1 "
            "parses here; the default (0) uses one per CPU core for large ingests "
            f"({PARALLEL_MIN_FILES:,} files or {PARALLEL_MIN_BYTES // 2**20} MB or more). The "
            "result is the same either way.",
        )

    def handle(self, *args, paths, dry_run, max_bytes, workers, verbosity, **options):
        if max_bytes <= 0:
            raise CommandError("--max-bytes must be a positive number of bytes.")
        if workers < 0:
            raise CommandError("--workers must be 0 (automatic) or a number of processes.")
        try:
            expansion = expand_paths(paths)
        except PathNotFound as error:
            raise CommandError(str(error)) from None
        files = expansion.files
        for path, reason in expansion.skipped:
            if verbosity >= 1:
                self._write(self.stderr, self.style.WARNING(f"skipped {display(path)}: {reason}"))
        if workers == 0:
            workers = workers_for(item.path for item in files)
        if not dry_run:
            self._finish_pending_index_writes(verbosity)
        counts: Counter[Outcome] = Counter()
        run = IngestRun(signatures=load_signatures(), max_bytes=max_bytes, dry_run=dry_run,
                        workers=workers)
        try:
            with run, bulk_write_settings(), \
                    self.progress_bar(total=len(files), unit="file") as bar:
                for batch in run.batches(files):
                    # The batch's articles are indexed together once it commits, not one by one.
                    with transaction.atomic(), batched_changes():
                        for result in run.ingest(batch):
                            counts[result.outcome] += 1
                            self._report(result, verbosity)
                            bar.update()
        finally:
            if not dry_run:
                ingest_finished.send(sender=self.__class__)
        if not dry_run and (counts[Outcome.CREATED] or counts[Outcome.UPDATED]):
            refresh_planner_statistics()
        self._summarise(len(files), counts, dry_run, verbosity, hidden_count(expansion))

    def _finish_pending_index_writes(self, verbosity: int) -> None:
        """Let the layers above finish what an earlier run left (search indexes what a run
        killed between a batch's commit and its index write committed); they may say so."""
        for _receiver, message in ingest_starting.send(sender=self.__class__):
            if message and verbosity >= 1:
                self.stdout.write(str(message))

    def _report(self, result: IngestResult, verbosity: int) -> None:
        if result.detail and verbosity >= 3:
            self._write(self.stderr, result.detail)
        if result.outcome is Outcome.FAILED:
            self._write(self.stderr,
                        self.style.ERROR(f"FAILED {display(result.path)}: {result.reason}"))
        elif result.outcome is Outcome.DUPLICATE and verbosity >= 1:
            self._write(self.stderr,
                        self.style.WARNING(f"skipped {display(result.path)}: {result.reason}"))
        elif verbosity >= 2:
            suffix = f" → #{result.article_id} {result.title}" if result.title else ""
            self._write(self.stdout, f"{result.outcome} {display(result.path)}{suffix}")

    @staticmethod
    def _write(stream, message: str) -> None:
        """Write a line without tearing the progress bar."""
        with tqdm.external_write_mode(file=sys.stderr):
            stream.write(message)

    def _summarise(self, total: int, counts: Counter, dry_run: bool, verbosity: int,
                   hidden: int = 0) -> None:
        parts = ", ".join(f"{counts[o]} {o}" for o in Outcome)
        if hidden:
            parts += f" ({hidden} hidden file{'s' if hidden != 1 else ''} skipped)"
        prefix = "Dry run, nothing written: " if dry_run else ""
        if verbosity >= 1 or counts[Outcome.FAILED]:
            self.stdout.write(f"{prefix}{total} file{'s' if total != 1 else ''}: {parts}.")
        if counts[Outcome.FAILED]:
            raise CommandError(
                f"{counts[Outcome.FAILED]} of {total} files failed (reasons above).", returncode=1
            )
