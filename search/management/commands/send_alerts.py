"""Send the e-mail alerts of saved searches that are due (daily or weekly).

    python manage.py send_alerts [--dry-run] [-v 0|1|2] [--no-progress]

Run it from cron (``make alerts`` runs it once), e.g. every hour:
``17 * * * * cd /srv/clippings && .venv/bin/python manage.py send_alerts -v 0``.
Each user gets at most one e-mail per run, listing the new articles of each of their due saved
searches; an article is never sent twice for one search; nothing is sent when nothing is new.
Killing it and running it again neither repeats nor loses an alert (``search/following/alerts.py``);
a mail that failed is retried by the next run. Two runs never overlap (a lock file).
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from config.commands import ClippingsCommand
from search.following.alerts import run_alerts
from search.models import SavedSearch


@contextmanager
def run_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CommandError(
                "Another send_alerts is running (it holds the lock file "
                f"{path}); this run stopped without sending anything."
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Command(ClippingsCommand):
    help = (
        "E-mail the new matches of due saved searches (daily/weekly alerts): one mail per user, "
        "never an article twice for one search, nothing when nothing is new; unsent mails of "
        "earlier runs are retried first."
    )
    dry_run_help = "Count due searches and new matches; write and send nothing."

    def handle(self, *args, dry_run, verbosity, **options):
        lock = Path(settings.DATA_DIR) / "send_alerts.lock"
        with run_lock(lock):
            total = SavedSearch.objects.alerting().count()
            with self.progress_bar(total=total, unit="search") as bar:
                report = run_alerts(dry_run=dry_run, progress=bar.update)
        prefix = "Dry run, nothing written or sent: " if dry_run else ""
        self.say(
            f"{prefix}{report.due_searches} due saved search(es) of {report.users} user(s); "
            f"{report.articles} new article(s); {report.mails_written} mail(s) written, "
            f"{report.sent} sent, {report.failed} failed (retried next run)"
            + (f", {report.retried} from earlier runs" if report.retried else "")
            + "."
        )
        if report.skipped_users:
            self.say("No e-mail address: " + ", ".join(report.skipped_users), verbosity=2)
        if report.failed and verbosity >= 1:
            self.stderr.write(f"{report.failed} mail(s) failed; see the log. They are retried "
                              "by the next run.")
