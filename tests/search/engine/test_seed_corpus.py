"""The issue's checks on the seed corpus, through the haystack API the search page uses."""

from haystack.query import SearchQuerySet

from archive.models import Article, CommentBlock


def test_sessions_finds_the_reuters_article_first(indexed):
    results = SearchQuerySet().auto_query("Sessions")
    mentioning = Article.objects.filter(body__icontains="sessions").count() + (
        CommentBlock.objects.filter(comments__icontains="sessions").count()
    )
    assert results.count() == mentioning >= 2
    first = results[0]
    assert first.outlet_exact == "Reuters"
    assert first.kind == "article"
    assert "Sessions" in Article.objects.get(pk=first.pk).title


def test_exact_phrase_finds_the_two_articles_that_quote_it(indexed):
    results = SearchQuerySet().models(Article).raw_search('"profoundly immoral"')
    quoting = set(
        Article.objects.filter(body__icontains="profoundly immoral").values_list("pk", flat=True)
    )
    assert len(quoting) == 2
    assert {int(r.pk) for r in results} == quoting


def test_outlet_field_query_narrows_to_one(indexed):
    results = SearchQuerySet().raw_search("outlet:reuters")
    assert [r.outlet_exact for r in results] == ["Reuters"]


def test_reader_comments_search_finds_the_comment_block_and_no_article(indexed):
    results = list(SearchQuerySet().narrow('kind:"comments"').raw_search("treason"))
    assert len(results) == 1
    block = CommentBlock.objects.get(pk=results[0].pk)
    assert results[0].kind == "comments"
    assert results[0].outlet_exact == "The Washington Times"
    assert block.article.source.name == "The Washington Times"
    assert any("treason" in c.lower() for c in block.comments)
    articles_only = SearchQuerySet().models(Article).raw_search("treason")
    assert articles_only.count() == 0


def test_every_public_article_and_visible_comment_block_is_indexed(indexed):
    results = SearchQuerySet().all()
    expected = Article.objects.published().count() + CommentBlock.objects.filter(
        is_hidden=False
    ).count()
    assert results.count() == expected == 6
