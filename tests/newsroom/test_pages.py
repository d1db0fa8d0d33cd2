"""Story, entity and quote pages and the article JSON, through HTTP; hidden articles never show."""

import pytest
from django.urls import reverse

from archive.models import Article
from newsroom.models import Entity, Story
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

IMMORAL = "Criminalizing migration is profoundly immoral"


def seed(prefix: str) -> Article:
    return Article.objects.get(file_name__startswith=prefix)


def hide(article: Article) -> None:
    article.status = Article.Status.HIDDEN
    article.save()


# --- story page --------------------------------------------------------------------------------


def test_story_page_lists_every_version_and_compares_two(client, seeded):
    story = seed("000").story_membership.story
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for prefix in ("000", "001"):
        assert seed(prefix).get_absolute_url() in html
    assert "2 versions" in html and 'class="compare"' in html
    assert "only here (cut on the right)" in html and "only here (added on the right)" in html
    # The other way round.
    response = client.get(
        story.get_absolute_url(), {"left": seed("000").pk, "right": seed("001").pk}
    )
    assert response.status_code == 200 and 'class="compare"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"left": "abc", "right": "1"}, "Select a valid choice"),
        ({"left": "999999", "right": "1"}, "Select a valid choice"),
        ("same", "Choose two different versions"),
    ],
)
def test_story_comparison_refuses_bad_choices_clearly(client, seeded, params, message):
    story = seed("000").story_membership.story
    if params == "same":
        params = {"left": seed("000").pk, "right": seed("000").pk}
    response = client.get(story.get_absolute_url(), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'class="compare"' not in html


def test_hidden_versions_leave_the_story_and_an_all_hidden_story_is_gone(client, seeded):
    story = seed("000").story_membership.story
    hide(seed("001"))
    html = client.get(story.get_absolute_url()).content.decode()
    assert seed("001").get_absolute_url() not in html and seed("000").get_absolute_url() in html
    hide(seed("000"))
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(reverse("newsroom:story", kwargs={"pk": 999999})).status_code == 404


# --- entity pages ------------------------------------------------------------------------------


def test_entity_page_shows_timeline_outlets_alongside_and_quotes(client, seeded):
    wang = Entity.objects.get(name="Cecillia Wang")
    response = client.get(wang.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "This will be assembly-line justice" in html
    assert "Mentioned alongside" in html and "American Civil Liberties Union" in html
    assert seed("003").get_absolute_url() in html
    aclu = Entity.objects.get(name="American Civil Liberties Union")
    html = client.get(aclu.get_absolute_url()).content.decode()
    assert "also written ACLU" in html
    assert "Mentioned in 5 published articles" in html
    assert "Mentions over time" in html and "March 2018" in html  # 002 is dated 2018-03-22


def test_entity_permalink_redirects_to_the_current_slug_and_merged_entities_redirect(
    client, seeded
):
    sessions = Entity.objects.get(name="Jeff Sessions")
    response = client.get(reverse("newsroom:entity-short", kwargs={"pk": sessions.pk}))
    assert response.status_code == 301 and response["Location"] == sessions.get_absolute_url()
    from newsroom.services import merge_entities

    wang = Entity.objects.get(name="Cecillia Wang")
    merge_entities(source=wang, target=Entity.objects.get(name="American Civil Liberties Union"))
    response = client.get(wang.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"].startswith("/entities/")
    assert str(wang.pk) not in response["Location"].split("/")[2]


def test_an_entity_only_hidden_articles_mention_has_no_page(client, seeded):
    wang = Entity.objects.get(name="Cecillia Wang")
    hide(seed("003"))
    assert client.get(wang.get_absolute_url()).status_code == 404
    aclu = Entity.objects.get(name="American Civil Liberties Union")
    html = client.get(aclu.get_absolute_url()).content.decode()
    assert "Cecillia Wang" not in html and seed("003").get_absolute_url() not in html


# --- quote search ------------------------------------------------------------------------------


def test_quote_search_finds_both_seed_articles_that_ran_the_quote(client, seeded):
    response = client.get(reverse("newsroom:quotes"), {"q": IMMORAL})
    assert response.status_code == 200
    html = response.content.decode()
    assert seed("000").get_absolute_url() in html and seed("001").get_absolute_url() in html
    assert "Said by the groups" in html
    assert "1 quotation containing" in html  # one quotation, two articles


def test_quote_search_ignores_case_and_punctuation_and_finds_speakers(client, seeded):
    html = client.get(reverse("newsroom:quotes"), {"q": "ASSEMBLY-LINE justice!"}).content.decode()
    wang = Entity.objects.get(name="Cecillia Wang")
    assert f'<a href="{wang.get_absolute_url()}">Cecillia Wang</a>' in html


def test_quote_search_never_shows_hidden_articles(client, seeded):
    hide(seed("000"))
    html = client.get(reverse("newsroom:quotes"), {"q": IMMORAL}).content.decode()
    assert seed("000").get_absolute_url() not in html and seed("001").get_absolute_url() in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "Search quotations"),
        ({"q": "   "}, "Search quotations"),
        ({"q": "x" * 501}, "Ensure this value has at most 500 characters"),
        ({"q": "zebra unicorn pineapple"}, "No quotation contains those words"),
    ],
)
def test_quote_search_handles_empty_long_and_unknown_queries(client, seeded, params, expected):
    response = client.get(reverse("newsroom:quotes"), params)
    assert response.status_code == 200 and expected in response.content.decode()


def test_scraped_quotes_and_queries_are_escaped(client, sources, tmp_path):
    page = tmp_path / "x.txt"
    page.write_text(
        "A headline\n\n“<script>alert(1)</script> is what they will never print again,” "
        "said Jane Doe of the Example Foundation.\n",
        encoding="utf-8",
    )
    assert run_command("ingest", str(page)).ok
    html = client.get(reverse("newsroom:quotes"), {"q": "<script>alert(1)"}).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


# --- article page and JSON ---------------------------------------------------------------------


def test_article_page_shows_story_entities_and_quotes(client, seeded):
    html = client.get(seed("000").get_absolute_url()).content.decode()
    story = seed("000").story_membership.story
    assert story.get_absolute_url() in html and "1 other version" in html
    assert "Loretta Lynch" in html and "Quotations" in html


def test_article_json_carries_story_entities_and_quotes(client, seeded):
    record = client.get(seed("000").get_absolute_url(), {"format": "json"}).json()
    story = seed("000").story_membership.story
    assert record["story"]["id"] == story.id and record["story"]["size"] == 2
    assert {p.split("/articles/")[1].split("/")[0] for p in record["story"]["members"]} == {
        str(seed("000").pk),
        str(seed("001").pk),
    }
    aclu = next(e for e in record["entities"] if e["name"] == "American Civil Liberties Union")
    assert aclu["kind"] == "organisation" and "ACLU" in aclu["aliases"]
    assert any(
        IMMORAL.lower() in q["text"].lower() for q in record["quotes"]
    )
    assert {"text", "speaker"} <= set(record["quotes"][0])
    hide(seed("001"))
    record = client.get(seed("000").get_absolute_url(), {"format": "json"}).json()
    assert record["story"]["size"] == 1 and len(record["story"]["members"]) == 1


def test_every_story_page_of_the_seed_corpus_renders(client, seeded):
    for story in Story.objects.all():
        assert client.get(story.get_absolute_url()).status_code == 200
