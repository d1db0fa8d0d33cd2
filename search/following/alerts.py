"""The ``send_alerts`` run: each due saved search's new matches, one e-mail per user.

Kill-safe by construction (an outbox):

1. Mails left unsent by an earlier run (killed, or its mail server failed) are sent first.
2. For each user, the new matches of their due searches are found (reads only), then in ONE
   transaction: an ``AlertMail`` with its ``AlertItem`` rows (unique per search and article) is
   written, and those searches' cursors move on. Killed before the commit: nothing happened,
   and the next run finds the same articles. Killed after it: the mail waits in the outbox.
3. The mail is sent and marked sent. A failure is logged with the recipient and the mail stays
   in the outbox for the next run; the others go on.

The one window no mail system can close: killed after the server accepted a mail and before it
was marked sent, the next run sends it again (with the same ``X-Clippings-Alert`` header).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from django.db import IntegrityError, transaction
from django.utils import timezone

from search.models import AlertItem, AlertMail, SavedSearch

from .mails import build_message, sections
from .matching import Candidates, matches_among, search_params

logger = logging.getLogger("clippings.alerts")

# Articles whose transaction committed a little after a run read the archive still count: each
# run looks this far behind a search's cursor (the unique items keep them from coming twice).
LOOKBACK = dt.timedelta(hours=1)


@dataclass
class RunReport:
    """What a run found (in the order ``send_alerts`` reports it), then what became of the mails."""

    due_searches: int = 0
    users: int = 0
    articles: int = 0
    skipped_users: list[str] = field(default_factory=list)  # due searches, no e-mail address
    mails_written: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0
    empty: int = 0  # outbox mails whose articles were all hidden before sending


def send_pending(report: RunReport, *, retry: bool) -> None:
    """Send every mail still in the outbox."""
    pending = AlertMail.objects.filter(sent_at__isnull=True).select_related("user")
    for mail in pending.order_by("created_at", "pk"):
        if retry:
            report.retried += 1
        deliver(mail, report)


def deliver(mail: AlertMail, report: RunReport) -> bool:
    parts = sections(mail)
    if not parts:  # everything it listed was hidden since: nothing to say
        AlertMail.objects.filter(pk=mail.pk).update(sent_at=timezone.now(),
                                                    last_error="nothing left to send")
        report.empty += 1
        return True
    try:
        build_message(mail, parts).send(fail_silently=False)
    except Exception as exc:  # any failure of the mail backend: logged, retried next run
        AlertMail.objects.filter(pk=mail.pk).update(
            attempts=mail.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        logger.warning("Alert mail %s to %s failed (attempt %s): %s", mail.pk, mail.user.email,
                       mail.attempts + 1, exc)
        report.failed += 1
        return False
    AlertMail.objects.filter(pk=mail.pk).update(sent_at=timezone.now(),
                                                attempts=mail.attempts + 1, last_error="")
    report.sent += 1
    return True


def run_alerts(
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> RunReport:
    """One ``send_alerts`` run (see the module's docstring). ``dry_run`` finds and counts the
    new matches and writes and sends nothing. ``progress`` is called with the number of saved
    searches done after each user."""
    now = now or timezone.now()
    report = RunReport()
    if not dry_run:
        send_pending(report, retry=True)
    due = list(
        SavedSearch.objects.due(now).select_related("user").order_by("user_id", "pk")
    )
    report.due_searches = len(due)
    if not due:
        return report
    candidates = Candidates.since_moment(min(_window_start(s) for s in due))
    # Every due search over the candidates at once (in the order of ``due``).
    matched = matches_among(candidates, [search_params(s.query) for s in due])
    s0 = 0
    for _, group in groupby(due, key=lambda s: s.user_id):
        searches = list(group)
        user = searches[0].user
        report.users += 1
        if not user.email:
            report.skipped_users.append(user.get_username())
            logger.warning("User %s has due alerts but no e-mail address", user.get_username())
        else:
            found = {
                s.pk: {pk for pk in articles if candidates.added[pk] > _window_start(s)}
                for s, articles in zip(searches, matched[s0:s0 + len(searches)], strict=True)
            }
            mail = None if dry_run else _record(user, searches, found, now, report)
            if dry_run:
                report.articles += sum(len(ids) for ids in found.values())
            elif mail is not None:
                deliver(mail, report)
        s0 += len(searches)
        if progress:
            progress(len(searches))
    return report


def _window_start(saved: SavedSearch) -> dt.datetime:
    """Articles added after this are this search's candidates: a little behind its cursor, but
    never before it was saved (what the archive held then is not new)."""
    return max(saved.alert_cursor - LOOKBACK, saved.created_at)


def _record(user, searches, found: dict[int, set[int]], now, report: RunReport):
    """Write the user's mail and move their searches' cursors on, in one transaction.
    Returns the mail, or None when nothing was new."""
    try:
        with transaction.atomic():
            already = set(
                AlertItem.objects.filter(saved_search__in=searches).filter(
                    article_id__in={pk for ids in found.values() for pk in ids}
                ).values_list("saved_search_id", "article_id")
            )
            items = [
                (search_id, article_id)
                for search_id, ids in found.items()
                for article_id in sorted(ids)
                if (search_id, article_id) not in already
            ]
            mail = None
            if items:
                mail = AlertMail.objects.create(user=user, created_at=now)
                AlertItem.objects.bulk_create(
                    AlertItem(mail=mail, saved_search_id=s, article_id=a) for s, a in items
                )
                report.mails_written += 1
                report.articles += len(items)
            # Only the searches still due move on (a concurrent edit that switched one off wins).
            SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(
                alert_cursor=now, last_alerted_at=now
            )
            return mail
    except IntegrityError:
        # Another run wrote these items first: it sends them.
        logger.warning("Alerts of %s were written by a concurrent run", user.get_username())
        return None
