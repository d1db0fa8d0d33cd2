"""The base of the project's management commands, whatever their app (STYLE.md: ``--dry-run``,
verbosity-aware output, a progress bar only where a person watches). It lives in ``config``
because archive, newsroom and search commands all use it and no app may import a higher one.

A command sets ``dry_run_help`` (what ``--dry-run`` does; empty: no such option), and
``progress = False`` when it never draws a progress bar (no ``--no-progress`` then); it declares
its own arguments in ``add_options``. ``--help`` lists ``--dry-run``, the command's options, then
``--no-progress``.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm


class ClippingsCommand(BaseCommand):
    dry_run_help = ""
    progress = True

    def add_arguments(self, parser):
        self.add_dry_run_option(parser)
        self.add_options(parser)
        self.add_progress_option(parser)

    def add_options(self, parser) -> None:
        """The command's own arguments."""

    def add_dry_run_option(self, parser) -> None:
        if self.dry_run_help:
            parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def add_progress_option(self, parser) -> None:
        if self.progress:
            parser.add_argument("--no-progress", action="store_true",
                                help="Never show a progress bar.")

    def execute(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.show_progress = (self.verbosity >= 1 and not options.get("no_progress")
                              and sys.stderr.isatty())
        return super().execute(*args, **options)

    def progress_bar(self, iterable=None, **options) -> tqdm:
        """A tqdm bar on stderr, drawn only on a terminal, at verbosity 1 or more, and without
        ``--no-progress``."""
        return tqdm(iterable, disable=not self.show_progress, file=sys.stderr, **options)

    def say(self, message: str, *, verbosity: int = 1) -> None:
        """Write ``message`` to stdout when the command runs at ``verbosity`` or more."""
        if self.verbosity >= verbosity:
            self.stdout.write(message)
