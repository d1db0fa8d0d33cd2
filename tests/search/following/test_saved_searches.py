"""Saved searches through HTTP: save the page's whole URL state, "My searches" with new-match
counts, rename, alerts, delete, open; strictly private per user; limits and bad input."""

from django.urls import reverse

from archive.models import Article
from search.following.services import save_search
from search.models import SavedSearch
from search.models.following import MAX_SAVED_SEARCHES
from tests.factories import XSS

STATE = "q=harbour&outlet=Reuters&from=2018-01-01&sort=newest&per_story=on"


def test_saving_needs_an_account_and_reading_does_not(client, db):
    page = client.get("/search/", {"q": "harbour"})
    assert page.status_code == 200 and "Log in</a> to save this search" in page.content.decode()
    assert client.post("/searches/save/", {"name": "x", "query": "q=x"}).status_code == 302
    assert SavedSearch.objects.count() == 0
    assert client.get("/searches/").url.startswith(reverse("login"))


def test_save_this_search_keeps_the_whole_url_state(client, alice, make_article):
    make_article("Harbour", "The harbour.", source="Reuters")
    client.force_login(alice)
    page = client.get("/search/?" + STATE + "&page=1")
    html = page.content.decode()
    assert 'action="/searches/save/"' in html
    response = client.post("/searches/save/", {"name": "Harbour news", "query": STATE + "&page=2"})
    saved = SavedSearch.objects.get()
    assert response.url == saved.get_absolute_url()
    assert saved.query == STATE and saved.user == alice
    opened = client.get(reverse("search:open-saved-search", args=[saved.pk]))
    assert opened.url == "/search/?" + STATE


def test_my_searches_counts_new_matches_since_last_opened(client, alice, make_article):
    make_article("Harbour old", "The harbour.")
    saved = save_search(user=alice, name="Harbour", query="q=harbour")
    make_article("Harbour new", "The harbour again.")
    make_article("Harbour newer", "The harbour once more.")
    make_article("Harbour hidden", "The harbour.", status=Article.Status.HIDDEN)
    make_article("Other", "Nothing.")
    client.force_login(alice)
    listing = client.get("/searches/")
    assert listing.context["rows"] == [(saved, 2, False)]
    client.get(reverse("search:open-saved-search", args=[saved.pk]))
    assert client.get("/searches/").context["rows"][0][1] == 0


def test_rename_set_alerts_and_delete(client, alice):
    saved = save_search(user=alice, name="Harbour", query="q=harbour")
    client.force_login(alice)
    url = saved.get_absolute_url()
    page = client.get(url).content.decode()
    assert f'href="/search/feed/?{saved.query}"' in page  # the Atom feed of the same search
    response = client.post(url, {"name": "Port", "frequency": "weekly"})
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Port", "weekly")
    client.post(reverse("search:delete-saved-search", args=[saved.pk]))
    assert SavedSearch.objects.count() == 0


def test_a_saved_search_is_never_visible_to_another_user(client, alice, bob):
    saved = save_search(user=alice, name="Alice's secret source", query="q=harbour")
    client.force_login(bob)
    listing = client.get("/searches/")
    assert listing.status_code == 200 and "secret" not in listing.content.decode()
    for name in ("saved-search", "open-saved-search"):
        assert client.get(reverse(f"search:{name}", args=[saved.pk])).status_code == 404
    assert client.post(saved.get_absolute_url(), {"name": "Mine", "frequency": "daily"}
                       ).status_code == 404
    assert client.post(reverse("search:delete-saved-search", args=[saved.pk])).status_code == 404
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Alice's secret source", "off")
    # Bob may use the same name for his own.
    client.post("/searches/save/", {"name": "Alice's secret source", "query": "q=x"})
    assert SavedSearch.objects.filter(user=bob).count() == 1


def test_names_are_checked_and_escaped(client, alice):
    client.force_login(alice)
    too_long = client.post("/searches/save/", {"name": "n" * 201, "query": "q=x"})
    assert too_long.status_code == 400 and "at most 200 characters" in too_long.content.decode()
    assert client.post("/searches/save/", {"name": "   ", "query": "q=x"}).status_code == 400
    assert client.post("/searches/save/", {"name": "n" * 200, "query": "q=x"}).status_code == 302
    twice = client.post("/searches/save/", {"name": "n" * 200, "query": "q=y"})
    assert twice.status_code == 400 and "already have" in twice.content.decode()
    client.post("/searches/save/", {"name": XSS, "query": "q=" + XSS})
    listing = client.get("/searches/").content.decode()
    assert "<script>alert(1)" not in listing and "&lt;script&gt;" in listing


def test_at_most_200_saved_searches(client, alice):
    SavedSearch.objects.bulk_create(
        SavedSearch(user=alice, name=f"s{n}", query="q=x", last_opened_at="2026-01-01T00:00Z",
                    alert_cursor="2026-01-01T00:00Z")
        for n in range(MAX_SAVED_SEARCHES)
    )
    client.force_login(alice)
    refused = client.post("/searches/save/", {"name": "one more", "query": "q=x"})
    assert refused.status_code == 400 and "delete one first" in refused.content.decode()
    assert SavedSearch.objects.count() == MAX_SAVED_SEARCHES


def test_bad_input_is_never_a_500(client, alice):
    client.force_login(alice)
    assert client.get("/searches/999999/").status_code == 404
    assert client.post("/searches/save/", {"name": "a\x00b", "query": "q=x"}).status_code == 400
    assert client.post("/searches/save/", {"name": "long", "query": "q=" + "x" * 5000}
                       ).status_code == 400
    saved = save_search(user=alice, name="Harbour", query="q=harbour")
    bad = client.post(saved.get_absolute_url(), {"name": "ok", "frequency": "hourly"})
    assert bad.status_code == 400
    assert client.get("/searches/save/").status_code == 405


def test_new_counts_say_when_they_are_capped(client, alice, make_article):
    from unittest import mock

    from search.following import matching

    saved = save_search(user=alice, name="Harbour", query="q=harbour")
    for n in range(3):
        make_article(f"Harbour {n}", "The harbour.")
    client.force_login(alice)
    with mock.patch.object(matching, "COUNT_LIMIT", 1):
        rows = client.get("/searches/").context["rows"]
    assert rows == [(saved, 2, True)]  # the two newest were read; more may be new
    assert client.get("/searches/").context["rows"] == [(saved, 3, False)]
