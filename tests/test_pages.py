"""The home page, article pages and outlet pages, through HTTP."""

import pytest

from archive.models import Article, CommentBlock

pytestmark = pytest.mark.django_db


def test_home_lists_the_newest_articles(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for a in Article.objects.all():
        assert a.get_absolute_url() in html
    assert "The Washington Times" in html and "22 March 2018" in html
    assert "51 reader comments" in html or "reader comments" in html
    # newest first: the only dated article comes first
    dated = Article.objects.get(file_name__startswith="002_")
    assert html.index(dated.get_absolute_url()) < html.index(
        Article.objects.get(file_name__startswith="000_").get_absolute_url())


def test_home_comment_count_matches_the_database(client, seeded):
    block = CommentBlock.objects.get()
    html = client.get("/").content.decode()
    assert f"{block.comment_count} reader comments" in html


def test_article_page_shows_body_and_comments_apart(client, seeded):
    a = Article.objects.get(file_name__startswith="002_")
    response = client.get(a.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reader comments — not written by the outlet" in html
    body_part, comments_part = html.split("Reader comments — not written by the outlet", 1)
    assert "Sounds treasonous to me." in comments_part
    assert "Sounds treasonous to me." not in body_part
    assert "Century Foundation" in body_part
    assert "derived from its first sentence" in html


def test_wrong_or_missing_slug_redirects_permanently(client, seeded):
    a = Article.objects.get(file_name__startswith="003_")
    for url in (f"/articles/{a.pk}/old-slug/", f"/articles/{a.pk}/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == a.get_absolute_url()


def test_hidden_article_is_404_and_absent_from_lists(client, seeded):
    a = Article.objects.get(file_name__startswith="003_")
    a.status = Article.Status.HIDDEN
    a.save()
    assert client.get(a.get_absolute_url()).status_code == 404
    assert a.get_absolute_url() not in client.get("/").content.decode()
    assert a.get_absolute_url() not in client.get("/sources/reuters/").content.decode()


def test_scraped_text_is_escaped(client, seeded):
    a = Article.objects.get(file_name__startswith="002_")
    a.headline = a.title = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    a.headline_derived = False
    a.save()
    block = a.comment_blocks.get()
    block.comments = ["<script>alert(3)</script>"]
    block.save()
    for url in ("/", a.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_source_page_lists_its_articles(client, seeded):
    response = client.get("/sources/reuters/")
    assert response.status_code == 200
    assert "US Attorney General Jeff Sessions renews calls" in response.content.decode()
    assert client.get("/sources/no-such-outlet/").status_code == 404


@pytest.mark.parametrize("page", ["0", "99", "abc", "-1"])
def test_bad_page_number_is_404(client, seeded, page):
    assert client.get("/", {"page": page}).status_code == 404
