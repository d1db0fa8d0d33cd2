"""Write the archive as JSON Lines, one article a line, for backups and for checking.

    python manage.py export_articles > articles.jsonl
    python manage.py export_articles --output backup.jsonl --include-hidden
"""

import json
import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.models import Article
from archive.serializers import article_record, export_queryset

CHUNK = 500


class Command(BaseCommand):
    help = (
        "Export articles as JSON Lines (id, permalink, headline, headline_derived, published, "
        "source, byline, body, boilerplate, comments, raw_sha256, file, …) to stdout or a file. "
        "Published articles only unless --include-hidden."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="Write to this file (atomically) instead of standard output."
        )
        parser.add_argument(
            "--include-hidden", action="store_true", help="Include hidden articles (backups)."
        )

    def handle(self, *args, output, include_hidden, verbosity, **options):
        articles = Article.objects.all() if include_hidden else Article.objects.published()
        queryset = export_queryset(articles)
        total = queryset.count()
        if output is None:
            count = self._write(queryset, self.stdout._out, total, show_bar=False)
        else:
            count = self._write_atomically(Path(output), queryset, total, verbosity)
        if output is not None and verbosity >= 1:
            self.stdout.write(f"Exported {count} article{'s' if count != 1 else ''} to {output}.")

    def _write_atomically(self, target: Path, queryset, total: int, verbosity: int) -> int:
        directory = target.resolve().parent
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder.")
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                show = verbosity >= 1 and sys.stderr.isatty()
                count = self._write(queryset, stream, total, show_bar=show)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return count

    def _write(self, queryset, stream, total: int, *, show_bar: bool) -> int:
        count = 0
        with tqdm(total=total, unit="article", disable=not show_bar, file=sys.stderr) as bar:
            for article in queryset.iterator(chunk_size=CHUNK):
                stream.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
                count += 1
                bar.update()
        return count
