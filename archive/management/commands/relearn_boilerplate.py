"""Learn the outlets' page templates again from every stored article.

    python manage.py relearn_boilerplate --dry-run -v 2
    python manage.py relearn_boilerplate --min-articles 8

A line found in at least N articles of one outlet (or, when the outlet is unknown, of one
source folder or file-name prefix) is that outlet's page template: removed from bodies as
furniture, kind "template" (archive/parsing/templates.py). Ingest learns them batch by batch
from the articles of its own run; this counts over the whole archive, replaces the learnt lines
with the result and re-parses the articles whose body gains or loses a template line (manual
edits kept, the index and newsroom intelligence following). Idempotent: a second run changes
nothing.
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import Count

from archive.ingestion.templates import relearn
from archive.models import Article, TemplateLine
from config.commands import ClippingsCommand


class Command(ClippingsCommand):
    help = (
        "Count the lines that repeat across the articles of each outlet (or, outlet unknown, "
        "source folder or file-name prefix), "
        "store those in at least N articles as the outlet's page template, and re-parse the "
        "articles whose body changes. --dry-run reports without writing."
    )
    dry_run_help = "Count and report what would change; write nothing."

    def add_options(self, parser):
        parser.add_argument(
            "--min-articles", type=int, default=None,
            help="A line in at least this many articles of a group is a template line "
            "(default: the CLIPPINGS_TEMPLATE_MIN_ARTICLES setting, "
            f"{settings.CLIPPINGS_TEMPLATE_MIN_ARTICLES}).")

    def handle(self, *args, dry_run, min_articles, **options):
        if min_articles is not None:
            if min_articles < 2:
                raise CommandError("--min-articles must be at least 2.")
            settings.CLIPPINGS_TEMPLATE_MIN_ARTICLES = min_articles
        total = Article.objects.filter(merged_into__isnull=True).count()
        with self.progress_bar(total=total, unit="article") as bar:
            result = relearn(dry_run=dry_run, progress=bar.update)
        verb = "would" if dry_run else "now"
        self.say(f"{'Dry run, nothing written: ' if dry_run else ''}{result.articles} articles "
                 f"read; {result.lines} template lines in {result.groups} groups {verb} stand "
                 f"({result.added} new, {result.dropped} no longer); {len(result.to_reparse)} "
                 f"articles {'would be' if dry_run else 'were'} re-parsed.")
        if self.verbosity >= 2 and not dry_run:
            rows = (TemplateLine.objects.values("group")
                    .annotate(lines=Count("id")).order_by("group"))
            for row in rows:
                self.stdout.write(f"  {row['group']}: {row['lines']} lines")
        for pk, reason in result.failed:
            self.stderr.write(self.style.ERROR(f"article #{pk} no longer parses: {reason}"))
