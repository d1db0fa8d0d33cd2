"""send_alerts at scale (issue 15): 1,000 saved searches over 100,000 articles.

    .venv/bin/python bench/alerts_bench.py [--count 100000] [--words 100] [--searches 1000]
                                           [--users 100] [--new 1000] [--runs 2]
                                           [--work /tmp/clippings-alerts-bench]

Set-up (reused when ``--work`` already holds it): ``count`` published articles created in the
database and indexed with ``rebuild_index`` (``bench/export_bench.py``'s generator: vocabulary
words, 20 outlets, dates 2008–2024). All of them are then dated "added two days ago" except the
newest ``new``, "added an hour ago". ``searches`` daily saved searches, spread over ``users``
journalists, were saved two days ago and last alerted a day and two hours ago, so every one is due:
a mix of one common word, two words, a phrase, a rare word, each with or without an outlet filter.

Each run resets the outbox and the searches' cursors, then times ``manage.py send_alerts`` (in
process, ``call_command``) with Django's locmem mail backend: finding every search's new matches
through the engine, writing the outbox and rendering and "sending" one mail per user. Prints the
wall time, the mails and articles, and the process's peak RSS. Target: under 60 s.
Everything lives under ``--work`` (its own SQLite database and index; never var/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import export_bench  # noqa: E402
from bench import vocabulary as V  # noqa: E402


def queries(rng: Random, count: int) -> list[str]:
    outlets = [f"Outlet {n}" for n in range(export_bench.OUTLETS)]
    made = []
    for n in range(count):
        kind = n % 4
        if kind == 0:
            q = f"q={rng.choice(V.NOUNS)}"
        elif kind == 1:
            q = f"q={rng.choice(V.ADJECTIVES)}+{rng.choice(V.NOUNS)}"
        elif kind == 2:
            q = f"q=%22{rng.choice(V.ADJECTIVES)}+{rng.choice(V.NOUNS)}%22"
        else:
            q = f"q={rng.choice(V.RARE_WORDS)}"
        if n % 3 == 0:
            q += "&outlet=" + rng.choice(outlets).replace(" ", "+")
        made.append(q)
    return made


def prepare(args) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from archive.models import Article
    from search.models import AlertItem, AlertMail, SavedSearch

    now = timezone.now()
    two_days, an_hour = now - dt.timedelta(days=2), now - dt.timedelta(hours=1)
    newest = list(Article.objects.order_by("-pk").values_list("pk", flat=True)[: args.new])
    Article.objects.exclude(pk__in=newest).update(created_at=two_days)
    Article.objects.filter(pk__in=newest).update(created_at=an_hour)
    AlertMail.objects.all().delete()  # and their items
    assert not AlertItem.objects.exists()
    User = get_user_model()
    if SavedSearch.objects.count() != args.searches:
        SavedSearch.objects.all().delete()
        User.objects.filter(username__startswith="bench-").delete()
        users = User.objects.bulk_create(
            User(username=f"bench-{n}", email=f"bench-{n}@example.org")
            for n in range(args.users)
        )
        rng = Random(15)
        SavedSearch.objects.bulk_create(
            SavedSearch(user=users[n % len(users)], name=f"search {n}", query=q,
                        frequency="daily", last_opened_at=two_days, alert_cursor=two_days)
            for n, q in enumerate(queries(rng, args.searches))
        )
    SavedSearch.objects.update(
        created_at=two_days, alert_cursor=now - dt.timedelta(days=1, hours=2),
        last_alerted_at=now - dt.timedelta(days=1, hours=2), frequency="daily",
    )


def measure(args) -> dict:
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command

    from search.models import AlertItem, AlertMail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    started = time.perf_counter()
    call_command("send_alerts", verbosity=1, no_progress=True)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 1),
        "mails_sent": len(mail.outbox),
        "mails_written": AlertMail.objects.count(),
        "articles": AlertItem.objects.count(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--searches", type=int, default=1000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/clippings-alerts-bench"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    export_bench.setup_django(args.work)
    export_bench.populate(args.count, args.words)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from haystack.query import SearchQuerySet

    # send_alerts never reads the full index (the new articles are matched in memory), but say
    # what it holds: a set-up cut short leaves it partial.
    print(f"the search index holds {SearchQuerySet().count():,} documents", flush=True)
    results = []
    for run in range(1, args.runs + 1):
        prepare(args)
        figures = measure(args)
        results.append(figures)
        print(f"run {run}: {args.searches:,} due saved searches of {args.users} users over "
              f"{args.count:,} articles ({args.new:,} new): {figures}", flush=True)
    best = min(r["seconds"] for r in results)
    print(f"target (< 60 s): {'met' if best < 60 else 'NOT met'}; runs: "
          + ", ".join(f"{r['seconds']} s" for r in results))
    return 0 if best < 60 else 1


if __name__ == "__main__":
    sys.exit(main())
