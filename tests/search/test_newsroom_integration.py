"""The search page's "one result per story" toggle and the entity and story-size facets, through
HTTP on the seed corpus (indexed in the tests' temporary index)."""

import re

import pytest
from django.urls import reverse

from archive.models import Article

pytestmark = pytest.mark.django_db

RESULT = re.compile(r'<h3 class="card-title"><a href="([^"?#]+)')


@pytest.fixture
def indexed(sources, django_capture_on_commit_callbacks):
    from tests.helpers import CORPUS, run_command

    with django_capture_on_commit_callbacks(execute=True):
        run = run_command("ingest", str(CORPUS))
    assert run.ok, run.stderr


def seed(prefix: str) -> Article:
    return Article.objects.get(file_name__startswith=prefix)


def search(client, **params):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    html = response.content.decode()
    return html, RESULT.findall(html)


def test_one_result_per_story_collapses_the_letter_reports_into_their_lead(client, indexed):
    html, results = search(client, q="prosecutions")
    assert {seed("000").get_absolute_url(), seed("001").get_absolute_url()} <= set(results)
    assert "Show one result per story" in html
    html, collapsed = search(client, q="prosecutions", per_story="on")
    story = seed("000").story_membership.story
    assert story.lead.get_absolute_url() in collapsed
    assert len(collapsed) == len(results) - 1
    assert "Also in 1 other outlet" in html and story.get_absolute_url() in html
    assert "Show every version" in html
    assert f"{len(collapsed)} results" in html


def test_the_toggle_counts_over_the_whole_result_set_not_the_page(client, indexed):
    # No query: every article, newest first; five seed articles, two of them one story.
    html, results = search(client, per_story="on", kind="article")
    assert "4 results" in html and len(results) == 4
    html, _ = search(client, per_story="on")  # reader comments are results of their own
    assert "5 results" in html


def test_story_size_facet_counts_and_filters(client, indexed):
    html, _ = search(client)
    assert "Versions of the story" in html and "2 versions" in html
    html, results = search(client, story_size="2")
    assert set(results) == {seed("000").get_absolute_url(), seed("001").get_absolute_url()}
    html, results = search(client, story_size="1")
    assert seed("000").get_absolute_url() not in results and len(results) == 3


def test_entity_facets_list_and_filter(client, indexed):
    html, _ = search(client)
    for label in ("People", "Organisations", "Places"):
        assert label in html
    assert "Jeff Sessions" in html and "American Civil Liberties Union" in html
    html, results = search(client, person="Jeff Sessions")
    assert results == [seed("003").get_absolute_url()]
    html, results = search(client, organisation="American Civil Liberties Union",
                           not_place="Texas")
    assert seed("003").get_absolute_url() not in results and len(results) == 4


def test_bad_story_size_is_a_clear_message(client, indexed):
    # Issue 13: an invalid facet value is a 400 page that says what was wrong.
    response = client.get(reverse("search:search"), {"story_size": "many", "kind": "article"})
    assert response.status_code == 400
    assert "expected a number of versions from 1 to 9, or 10+" in response.content.decode()


def test_a_hidden_version_changes_the_others_story_size(client, indexed,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = seed("001")
        article.status = Article.Status.HIDDEN
        article.save()
    html, results = search(client, story_size="2")
    assert results == []
    html, results = search(client, story_size="1")
    assert seed("000").get_absolute_url() in results
    assert seed("001").get_absolute_url() not in results
    html, results = search(client, q="prosecutions", per_story="on")
    assert "Also in" not in html


def test_the_story_facet_counts_every_story_of_the_matches(indexed):
    from collections import Counter

    from haystack.query import SearchQuerySet

    from newsroom.models import StoryMembership

    every = SearchQuerySet().facet("story_id", limit=-1)  # reader comments are in no story
    counts = dict(every.facet_counts()["fields"]["story_id"])
    public = Article.objects.published().values_list("pk", flat=True)
    expected = Counter(
        StoryMembership.objects.filter(article__in=public).values_list("story_id", flat=True)
    )
    assert counts == expected and len(counts) == 4
    top = SearchQuerySet().models(Article).facet("story_id", limit=1)
    assert top.facet_counts()["fields"]["story_id"] == [
        (seed("000").story_membership.story_id, 2)
    ]


def test_one_result_per_story_pages_through_the_whole_result_set(client, indexed, monkeypatch):
    """Two results a page, matches read one or two at a time: every page is found by walking
    the ranked matches, and the total counts every story of every match."""
    from search.querying import collapse
    from search.views import search as search_view

    monkeypatch.setattr(collapse, "FIRST_SLICE", 1)
    monkeypatch.setattr(collapse, "LARGEST_SLICE", 2)
    monkeypatch.setattr(search_view, "PAGE_SIZE", 2)
    html, first = search(client, per_story="on", kind="article")
    assert "4 results" in html and len(first) == 2
    html, second = search(client, per_story="on", kind="article", page="2")
    assert len(second) == 2 and not set(first) & set(second)
    story = seed("000").story_membership.story
    shown = set(first) | set(second)
    assert story.lead.get_absolute_url() in shown
    other = seed("001") if story.lead == seed("000") else seed("000")
    assert other.get_absolute_url() not in shown
    assert len(shown) == 4
    response = client.get(reverse("search:search"), {"per_story": "on", "kind": "article",
                                                     "page": "3"})
    assert response.status_code == 404


# The result list's loop as the search template wrote it before ``{% result_cards %}``.
TEMPLATE_LOOP = """{% load sharing %}{% for hit in hits %}<li><article class="card result{% if hit.is_comments %} result-comments{% endif %}">
  {% if hit.is_comments %}
  <p class="kind-label"><span class="badge badge-comments">Reader comments</span> written by readers, not by {% if hit.source %}{{ hit.source.name }}{% else %}the outlet{% endif %}</p>
  <h3 class="card-title"><a href="{% from_search hit.url %}">Reader comments on “{{ hit.title }}”</a></h3>
  {% else %}
  <h3 class="card-title"><a href="{% from_search hit.url %}">{{ hit.title }}</a></h3>
  {% endif %}
  <p class="meta">
    {% if hit.source %}<a href="{{ hit.source.get_absolute_url }}">{{ hit.source.name }}</a>{% else %}<span>Unknown outlet</span>{% endif %}
    · {% if hit.published %}<time datetime="{{ hit.published|date:'Y-m-d' }}">{{ hit.published|date:"j F Y" }}</time>{% else %}<span>Date unknown</span>{% endif %}
    {% if hit.byline %}· By {{ hit.byline }}{% endif %}
    · {{ hit.comment_count }} reader comment{{ hit.comment_count|pluralize }}
  </p>
  <p class="snippet">{{ hit.snippet }}</p>
  {% if per_story %}{% include "newsroom/also_in.html" %}{% endif %}
</article>
</li>
          {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("params", [
    {"q": "prosecutions", "per_story": "on"}, {"q": "prosecutions"}, {"kind": "comments"},
    {"q": "letter OR court", "sort": "oldest"},
])
def test_result_cards_write_the_template_loops_markup(client, indexed, params):
    from django.template import Context, engines

    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    context = response.context
    hits = context["hits"]
    assert hits
    if params.get("kind") == "comments":
        assert all(hit.is_comments for hit in hits)
    engine = engines["django"].engine
    values = {"request": response.wsgi_request, "hits": hits, "per_story": context["per_story"]}
    loop = engine.from_string(TEMPLATE_LOOP).render(Context(values))
    cards = engine.from_string("{% load result_cards %}{% result_cards hits per_story %}")
    assert cards.render(Context(values)) == loop
    assert loop in response.content.decode()
