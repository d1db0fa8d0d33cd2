"""The text field each kind of document is searched by: what the text templates used to render
(title, byline and body a line each; each comment a line), now built without the template
engine. Checked against the same templates rendered by Django."""

import pytest
from django.template import engines
from haystack import connections

from archive.models import Article, CommentBlock
from tests.factories import make_article

ARTICLE_TEMPLATE = ("{% autoescape off %}{{ object.title }}\n{{ object.byline }}\n"
                    "{{ object.body }}{% endautoescape %}\n")
COMMENTS_TEMPLATE = ("{% autoescape off %}{% for comment in object.comments %}{{ comment }}\n"
                     "{% endfor %}{% endautoescape %}\n")


@pytest.mark.django_db
def test_the_text_field_is_what_the_templates_rendered():
    article = make_article(title="Tom & Jerry <b>return</b>", byline="By A. Writer",
                           body="First paragraph.\n\nSecond, with \"quotes\" & <tags>.",
                           comments=["First! <3", "Second & last"])
    unified = connections["default"].get_unified_index()
    django_engine = engines["django"]
    for model, template in ((Article, ARTICLE_TEMPLATE), (CommentBlock, COMMENTS_TEMPLATE)):
        obj = model.objects.get() if model is CommentBlock else article
        prepared = unified.get_index(model).full_prepare(obj)
        expected = django_engine.from_string(template).render({"object": obj})
        assert prepared["text"] == expected
        assert "&amp;" not in prepared["text"] and "&" in prepared["text"]
