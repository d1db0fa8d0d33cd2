"""sitemap.xml lists what the public may see, and nothing else; robots.txt points to it."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from archive.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_lists_published_articles_outlets_and_years_only(client, outlet):
    shown = make_article("Shown", source=outlet, published=dt.date(2018, 3, 5))
    hidden = make_article("Hidden", status=Article.Status.HIDDEN, published=dt.date(2011, 1, 1))
    merged = make_article("Merged", merged_into=shown)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)  # noqa: S314 (our own response)
    locations = {loc.text for loc in tree.iter(f"{NS}loc")}
    assert locations == {
        f"http://testserver{shown.get_absolute_url()}",
        f"http://testserver{outlet.get_absolute_url()}",
        "http://testserver/archive/2018/",
    }
    assert hidden.get_absolute_url() not in response.content.decode()
    assert merged.get_absolute_url() not in response.content.decode()


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
