"""The learnt page templates in the admin: per outlet, which lines are removed as furniture."""

import pytest

from archive.models import Source, TemplateLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def learnt(db):
    outlet = Source.objects.create(name="Cork Beo", slug="corkbeo", domain="corkbeo.ie")
    TemplateLine.objects.create(group="outlet:corkbeo", source=outlet, key="never miss <it>",
                                text="Never miss the latest news <b>by signing</b>",
                                article_count=12)
    TemplateLine.objects.create(group="prefix:harbour", key="x", text="Harbour footer line",
                                article_count=5)
    return outlet


def test_the_outlet_page_lists_its_template_lines_escaped(as_viewer, learnt):
    page = as_viewer.get(f"/admin/archive/source/{learnt.pk}/change/").content.decode()
    assert "Page template: lines removed from this outlet" in page
    assert "Never miss the latest news &lt;b&gt;by signing&lt;/b&gt;" in page
    assert "<b>by signing</b>" not in page
    assert "Harbour footer line" not in page  # another group's


def test_the_template_list_filters_by_outlet_and_is_read_only(as_editor, learnt):
    listing = as_editor.get("/admin/archive/templateline/", {"source__id__exact": learnt.pk})
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Never miss the latest news" in text and "Harbour footer line" not in text
    everything = as_editor.get("/admin/archive/templateline/").content.decode()
    assert "prefix:harbour" in everything
    line = TemplateLine.objects.get(group="prefix:harbour")
    assert as_editor.post(f"/admin/archive/templateline/{line.pk}/change/",
                          {"text": "edited"}).status_code == 403
    assert as_editor.get("/admin/archive/templateline/add/").status_code == 403
