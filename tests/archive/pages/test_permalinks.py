"""Permalinks that never break: slugs, hidden and merged articles."""

import pytest

from archive.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_changed_headline_keeps_the_id_and_the_old_slug_redirects(client):
    article = make_article("Old headline")
    old_url = article.get_absolute_url()
    article.title = article.headline = "New headline"
    article.save()
    assert article.get_absolute_url() == f"/articles/{article.pk}/new-headline/"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_redirect_keeps_the_search_terms_and_format(client):
    article = make_article("Pier to close")
    response = client.get(f"/articles/{article.pk}/stale/", {"q": "pier", "format": "json"})
    assert response.status_code == 301
    assert response["Location"] == f"{article.get_absolute_url()}?q=pier&format=json"


def test_hidden_article_is_404_everywhere_it_could_be_reached(client):
    article = make_article("Secret", status=Article.Status.HIDDEN)
    for url in (
        article.get_absolute_url(),
        f"/articles/{article.pk}/",
        article.get_absolute_url() + "?format=json",
        f"/articles/{article.pk}/{article.slug}/original/",
        f"/articles/{article.pk}/{article.slug}/original/?download=1",
    ):
        assert client.get(url).status_code == 404, url


def test_unknown_id_is_404(client):
    assert client.get("/articles/999999/anything/").status_code == 404


def test_merged_article_redirects_to_the_one_it_was_merged_into(client):
    survivor = make_article("The surviving copy")
    duplicate = make_article("A duplicate copy", merged_into=survivor)
    response = client.get(duplicate.get_absolute_url(), {"q": "copy"})
    assert response.status_code == 301
    assert response["Location"] == f"{survivor.get_absolute_url()}?q=copy"
    original = client.get(f"/articles/{duplicate.pk}/{duplicate.slug}/original/")
    assert original.status_code == 301
    assert original["Location"] == f"/articles/{survivor.pk}/{survivor.slug}/original/"


def test_merge_chains_are_followed_to_the_end(client):
    final = make_article("Final")
    middle = make_article("Middle", merged_into=final)
    first = make_article("First", merged_into=middle)
    response = client.get(first.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == final.get_absolute_url()


def test_merged_into_a_hidden_article_is_404(client):
    hidden = make_article("Hidden target", status=Article.Status.HIDDEN)
    merged = make_article("Merged", merged_into=hidden)
    assert client.get(merged.get_absolute_url()).status_code == 404


def test_a_merge_cycle_is_404_not_a_loop(client):
    a = make_article("A")
    b = make_article("B", merged_into=a)
    Article.objects.filter(pk=a.pk).update(merged_into=b)
    assert client.get(a.get_absolute_url()).status_code == 404
    assert client.get(b.get_absolute_url()).status_code == 404
