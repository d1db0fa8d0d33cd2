"""send_alerts through the management command, with Django's locmem mail backend: one mail per
user per run, never an article twice for a search, nothing when nothing is new, the signed
unsubscribe link, failures retried, and a run killed at each step and run again."""

from unittest import mock

import pytest
from django.core.mail.backends.locmem import EmailBackend

from archive.models import Article
from search.following import alerts
from search.following.services import save_search
from search.models import AlertItem, AlertMail, SavedSearch
from tests.factories import XSS
from tests.helpers import run_command
from tests.search.following.conftest import a_day_passes

DAILY = SavedSearch.Frequency.DAILY


def send():
    run = run_command("send_alerts", verbosity=1)
    assert run.ok, run.error
    return run


def links(message) -> list[str]:
    return [line.strip() for line in message.body.splitlines() if "/articles/" in line]


def test_one_mail_per_user_listing_every_due_search(outbox, alice, bob, make_article):
    save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    save_search(user=alice, name="Ferries", query="q=ferry", frequency=DAILY)
    save_search(user=bob, name="Bob's harbour", query="q=harbour", frequency="weekly")
    make_article("Harbour dredging approved", "The harbour will be dredged.", source="Reuters")
    make_article("Ferry strike", "Ferry crews walked out.", source="AP")
    make_article("Unrelated", "Nothing about boats.")
    send()
    assert sorted(m.to[0] for m in outbox) == ["alice@example.org", "bob@example.org"]
    to_alice = next(m for m in outbox if m.to == ["alice@example.org"])
    assert "Harbour dredging approved" in to_alice.body and "Ferry strike" in to_alice.body
    assert "Reuters" in to_alice.body and "Unrelated" not in to_alice.body
    html_part, mimetype = to_alice.alternatives[0]
    assert mimetype == "text/html" and "Harbour dredging approved" in html_part
    assert to_alice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    to_bob = next(m for m in outbox if m.to == ["bob@example.org"])
    assert "Ferry strike" not in to_bob.body


def test_nothing_is_sent_when_nothing_is_new(outbox, alice, make_article):
    make_article("Harbour before saving", "The harbour, already archived.")
    save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    make_article("Something else", "Not a match.")
    run = send()
    assert outbox == [] and AlertMail.objects.count() == 0
    assert "0 new article(s)" in run.stdout
    assert SavedSearch.objects.get().last_alerted_at is not None


def test_an_article_is_never_sent_twice_for_one_search(outbox, alice, make_article):
    save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    make_article("Harbour one", "The harbour.")
    send()
    assert len(outbox) == 1
    send()  # not due again the same day
    a_day_passes()
    send()  # due, the same article is inside the look-back window: not repeated
    assert len(outbox) == 1
    make_article("Harbour two", "The harbour again.")
    a_day_passes()
    send()
    assert len(outbox) == 2
    assert "Harbour two" in outbox[1].body and "Harbour one" not in outbox[1].body


def test_hidden_articles_never_appear(outbox, alice, make_article):
    save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    make_article("Harbour hidden", "The harbour.", status=Article.Status.HIDDEN)
    shown = make_article("Harbour shown", "The harbour.")
    send()
    assert len(outbox) == 1
    assert "Harbour shown" in outbox[0].body and "Harbour hidden" not in outbox[0].body
    assert list(AlertItem.objects.values_list("article_id", flat=True)) == [shown.pk]


def test_scraped_markup_is_escaped_in_the_html_mail(outbox, alice, make_article):
    save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    make_article(f"Harbour {XSS}", f"The harbour {XSS}")
    send()
    html_part = outbox[0].alternatives[0][0]
    assert "<script>" not in html_part and "&lt;script&gt;" in html_part


def test_a_failed_recipient_is_logged_and_retried_without_stopping_the_others(
    outbox, alice, bob, make_article, caplog
):
    save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    save_search(user=bob, name="Harbour", query="q=harbour", frequency=DAILY)
    make_article("Harbour news", "The harbour.")
    real_send = EmailBackend.send_messages

    def refuse_alice(self, messages):
        if any(m.to == ["alice@example.org"] for m in messages):
            raise OSError("mail server refused")
        return real_send(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", refuse_alice):
        run = send()
    assert [m.to for m in outbox] == [["bob@example.org"]]
    assert "alice@example.org" in caplog.text and "refused" in caplog.text
    assert "1 failed" in run.stdout
    pending = AlertMail.objects.get(sent_at=None)
    assert pending.attempts == 1 and "refused" in pending.last_error
    send()  # the next run (not a new day) retries it
    assert sorted(m.to[0] for m in outbox) == ["alice@example.org", "bob@example.org"]
    assert AlertMail.objects.filter(sent_at=None).count() == 0


class Killed(BaseException):
    """What SIGINT/SIGKILL does to the run: it stops where it is (not an Exception)."""


@pytest.mark.parametrize(
    "where, mailed_before_kill",
    [("while finding", 0), ("while writing", 1), ("after writing", 1), ("while sending", 1)],
)
def test_killed_at_any_step_and_run_again_neither_repeats_nor_loses(
    outbox, alice, bob, make_user, make_article, where, mailed_before_kill
):
    carol = make_user("carol")
    for user in (alice, bob, carol):
        save_search(user=user, name="Harbour", query="q=harbour", frequency=DAILY)
    first, second = make_article("Harbour A", "The harbour."), make_article("Harbour B", "Harbour.")
    calls = {"n": 0}

    def kill_on(call):
        def wrapped(real):
            def run(*args, **kwargs):
                calls["n"] += 1
                if calls["n"] == call:
                    raise Killed
                return real(*args, **kwargs)
            return run
        return wrapped

    target, call = {
        "while finding": ((alerts, "matches_among"), 1),
        "while writing": ((AlertItem.objects, "bulk_create"), 2),  # inside bob's transaction
        "after writing": ((alerts, "deliver"), 2),  # bob's mail written, not sent
        "while sending": ((EmailBackend, "send_messages"), 2),
    }[where]
    with mock.patch.object(*target, kill_on(call)(getattr(*target))), pytest.raises(Killed):
        run_command("send_alerts")
    assert len(outbox) == mailed_before_kill
    send()  # run again at once
    assert sorted(m.to[0] for m in outbox) == [
        "alice@example.org", "bob@example.org", "carol@example.org"
    ]
    for message in outbox:
        assert "Harbour A" in message.body and "Harbour B" in message.body
    a_day_passes()
    send()
    assert len(outbox) == 3
    assert AlertItem.objects.count() == 6
    assert {first.pk, second.pk} == set(AlertItem.objects.values_list("article_id", flat=True))


def test_the_engine_shortcut_finds_what_the_plain_haystack_search_finds(alice, make_article):
    """``percolate`` (our engine) and narrowing each search (any haystack engine) agree."""
    from search.following.matching import (
        Candidates,
        matches_among,
        matching_articles,
        search_params,
    )

    saved = save_search(user=alice, name="x", query="q=x")
    make_article("Harbour dredging", "The harbour.", source="Reuters", comments=["ferry talk"])
    make_article("Ferry strike", "Crews walked out of the harbours.", source="AP")
    make_article("Harbour hidden", "harbour", status=Article.Status.HIDDEN)
    make_article("Other", "Nothing to see.")
    candidates = Candidates.since_moment(saved.created_at)
    queries = ["q=harbour", "q=harbour&outlet=Reuters", "q=ferry&kind=comments",
               'q="walked out"', "q=harbour -ferry", "outlet=AP", "q=zebra", "q=harb*"]
    params = [search_params(q) for q in queries]
    fast = matches_among(candidates, params)
    plain = [matching_articles(p, candidates.documents) for p in params]
    assert fast == plain
    assert [len(found) for found in fast] == [2, 1, 1, 1, 1, 1, 0, 2]


def test_unsubscribe_link_switches_off_only_that_search_without_logging_in(
    client, outbox, alice, make_article
):
    harbour = save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    other = save_search(user=alice, name="Ferry", query="q=ferry", frequency=DAILY)
    make_article("Harbour news", "The harbour.")
    send()
    line = next(li for li in outbox[0].body.splitlines() if "Stop e-mails for this search" in li)
    url = line.split(": ", 1)[1].replace("http://127.0.0.1:8000", "")
    page = client.get(url)  # a link checker following it changes nothing
    assert page.status_code == 200 and "Harbour" in page.content.decode()
    assert SavedSearch.objects.get(pk=harbour.pk).frequency == DAILY
    done = client.post(url)
    assert done.status_code == 200 and "alerts are off for 1 saved search" in done.content.decode()
    assert SavedSearch.objects.get(pk=harbour.pk).frequency == SavedSearch.Frequency.OFF
    assert SavedSearch.objects.get(pk=other.pk).frequency == DAILY
    make_article("Harbour later", "The harbour.")
    a_day_passes()
    send()
    assert len(outbox) == 1


def test_a_bad_or_tampered_unsubscribe_token_changes_nothing(client, alice):
    from search.following.mails import unsubscribe_token

    saved = save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    token = unsubscribe_token(user_id=alice.pk, search_ids=[saved.pk])
    for bad in ("nonsense", token[:-2] + "xx", "a" * 300):
        page = client.post(f"/alerts/unsubscribe/{bad}/")
        assert page.status_code == 400
        assert "not valid or has expired" in page.content.decode()
    assert SavedSearch.objects.get().frequency == DAILY


def test_an_expired_unsubscribe_token_changes_nothing(client, alice):
    from search.following import mails

    saved = save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    token = mails.unsubscribe_token(user_id=alice.pk, search_ids=[saved.pk])
    with mock.patch.object(mails, "UNSUBSCRIBE_MAX_AGE", -1):
        page = client.post(f"/alerts/unsubscribe/{token}/")
    assert page.status_code == 400
    assert SavedSearch.objects.get().frequency == DAILY


def test_dry_run_writes_and_sends_nothing(outbox, alice, make_article):
    save_search(user=alice, name="Harbour", query="q=harbour", frequency=DAILY)
    make_article("Harbour news", "The harbour.")
    run = run_command("send_alerts", dry_run=True)
    assert run.ok and "Dry run" in run.stdout and "1 new article(s)" in run.stdout
    assert outbox == [] and AlertMail.objects.count() == 0
    assert SavedSearch.objects.get().last_alerted_at is None
    send()
    assert len(outbox) == 1


def test_a_second_run_at_the_same_time_is_refused(alice, settings, tmp_path):
    import fcntl

    settings.DATA_DIR = tmp_path
    with open(tmp_path / "send_alerts.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        run = run_command("send_alerts")
    assert not run.ok and "Another send_alerts is running" in str(run.error)
