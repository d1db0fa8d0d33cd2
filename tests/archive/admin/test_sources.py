"""Outlets in the admin: article counts, testing signatures over the corpus, and applying them
(re-attributing articles whose outlet was not set by hand)."""

import re

import pytest

from archive.models import Article, Source
from tests.archive.admin.conftest import seed
from tests.archive.admin.surfaces import assert_public

pytestmark = pytest.mark.django_db(transaction=True)


def signatures_url(source) -> str:
    return f"/admin/archive/source/{source.pk}/signatures/"


def figures(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-figure="(\w+)">(\d+)<', html)}


def test_outlet_list_counts_articles(as_viewer, seeded):
    Article.objects.filter(pk=seed("003").pk).update(status="hidden", status_reason="x")
    html = as_viewer.get("/admin/archive/source/?q=reuters").content.decode()
    row = next(r for r in html.split("<tr") if "Reuters" in r and "field-all_articles" in r)
    assert '<td class="field-public_articles">0</td>' in row
    assert re.search(r'field-all_articles"><a href="[^"]+source__id__exact=\d+">1</a>', row)
    change = as_viewer.get(f"/admin/archive/source/{Source.objects.get(slug='reuters').pk}/"
                           "change/").content.decode()
    assert "Test these signatures" in change


def test_preview_counts_what_the_signatures_would_claim_and_writes_nothing(as_editor, seeded):
    huffpost = Source.objects.get(slug="huffpost")
    page = as_editor.get(signatures_url(huffpost))
    assert page.status_code == 200 and "Huffington Post" in page.content.decode()  # prefilled
    response = as_editor.get(signatures_url(huffpost), {
        "preview": "1", "domain": "huffpost.com",
        "signatures": "HuffPost\nSkip to footer",
    })
    html = response.content.decode()
    assert figures(html) == {"examined": 5, "claimed": 1, "currently": 0, "gained": 1,
                             "lost": 0, "locked": 0}
    duplicate = seed("001")
    assert f"#{duplicate.pk} {duplicate.title}" in html
    assert "<code>Skip to footer</code>" in html  # the line that decided
    assert 'id="apply-signatures"' in html
    assert Source.objects.get(pk=huffpost.pk).signatures == huffpost.signatures
    assert Article.objects.get(pk=duplicate.pk).source is None


def test_viewer_may_preview_but_not_apply(as_viewer, seeded):
    huffpost = Source.objects.get(slug="huffpost")
    html = as_viewer.get(signatures_url(huffpost), {
        "preview": "1", "domain": "", "signatures": "Skip to footer"}).content.decode()
    assert figures(html)["claimed"] == 1
    assert 'id="apply-signatures"' not in html


def test_apply_reattributes_articles_without_a_manual_outlet(as_editor, editor, seeded):
    huffpost = Source.objects.get(slug="huffpost")
    duplicate = seed("001")
    response = as_editor.post(signatures_url(huffpost), {
        "domain": "huffpost.com", "signatures": "HuffPost\nSkip to footer", "apply": "1"},
        follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/archive/source/{huffpost.pk}/change/"
    assert "1 article moved to it, 0 articles left it" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.source == huffpost
    assert duplicate.history.latest().history_user == editor
    assert Source.objects.get(pk=huffpost.pk).signatures == "HuffPost\nSkip to footer"
    assert Source.objects.get(pk=huffpost.pk).history.latest().history_user == editor
    assert_public(duplicate)  # on HuffPost's page and feed now


def test_apply_leaves_manual_outlets_alone(as_editor, seeded):
    reuters = Source.objects.get(slug="reuters")
    manual, detected = seed("003"), seed("001")
    Article.objects.filter(pk=manual.pk).update(locked_fields=["source"])
    as_editor.post(signatures_url(reuters), {
        "domain": "", "signatures": "Skip to footer", "apply": "1"})
    manual.refresh_from_db()
    detected.refresh_from_db()
    assert manual.source == reuters  # set by hand: kept although no signature matches now
    assert detected.source == reuters


def test_removing_signatures_releases_articles(as_editor, seeded):
    reuters = Source.objects.get(slug="reuters")
    html = as_editor.get(signatures_url(reuters), {
        "preview": "1", "domain": "", "signatures": ""}).content.decode()
    assert figures(html)["lost"] == 1 and figures(html)["claimed"] == 0
    as_editor.post(signatures_url(reuters), {"domain": "", "signatures": "", "apply": "1"})
    assert Article.objects.get(pk=seed("003").pk).source is None


def test_a_bad_regular_expression_is_a_form_error(as_editor, seeded):
    reuters = Source.objects.get(slug="reuters")
    for method in ("get", "post"):
        data = {"preview": "1", "domain": "", "signatures": "re:(unclosed"}
        if method == "post":
            data = {"domain": "", "signatures": "re:(unclosed", "apply": "1"}
        response = getattr(as_editor, method)(signatures_url(reuters), data)
        assert response.status_code == 200
        assert "Line 1 is not a valid regular expression" in response.content.decode()
    assert Source.objects.get(pk=reuters.pk).signatures.startswith("Thomson Reuters")


def test_unknown_outlet_is_404(as_editor, seeded):
    assert as_editor.get("/admin/archive/source/99999/signatures/").status_code == 404


def test_apply_leaves_sidecar_outlets_and_unrelated_articles_alone(as_editor, seeded):
    huffpost = Source.objects.get(slug="huffpost")
    from_sidecar, drifted = seed("001"), seed("004")
    Article.objects.filter(pk=from_sidecar.pk).update(sidecar={"source": "Breitbart"})
    # An attribution that differs from detection for reasons unrelated to HuffPost's signatures.
    Article.objects.filter(pk=drifted.pk).update(source=None)
    html = as_editor.get(signatures_url(huffpost), {
        "preview": "1", "domain": "", "signatures": "Skip to footer"}).content.decode()
    assert figures(html) | {"examined": 0} == {"examined": 0, "claimed": 1, "currently": 0,
                                                "gained": 0, "lost": 0, "locked": 1}
    as_editor.post(signatures_url(huffpost), {
        "domain": "", "signatures": "Skip to footer", "apply": "1"})
    assert Article.objects.get(pk=from_sidecar.pk).source is None
    assert Article.objects.get(pk=drifted.pk).source is None
