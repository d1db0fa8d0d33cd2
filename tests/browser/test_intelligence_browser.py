"""Story, entity and quote pages in a real browser, with axe-core (issue 6)."""

import pytest

from archive.models import Article
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_quote_search_to_story_comparison_and_entity_page(page, live_server, seeded):
    page.goto(live_server.url + "/quotes/")
    assert axe_violations(page) == []
    page.get_by_label("Quotation").fill("criminalizing migration is profoundly immoral")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quotes/?q=*")
    assert "1 quotation containing" in page.get_by_role("status").inner_text()
    assert page.locator(".quote-result li").count() == 2  # both seed reports
    assert axe_violations(page) == []

    first = Article.objects.get(file_name__startswith="000")
    page.goto(live_server.url + first.get_absolute_url())
    page.get_by_role("link", name="see the story and compare versions").click()
    page.wait_for_url("**/stories/**")
    assert page.locator("table.compare tbody tr").count() > 3
    assert axe_violations(page) == []
    page.get_by_label("Version", exact=True).select_option(str(first.pk))
    page.get_by_label("Compared with", exact=True).select_option(str(first.pk))
    page.get_by_role("button", name="Compare").click()
    assert "Choose two different versions" in page.get_by_role("alert").inner_text()

    page.goto(live_server.url + first.get_absolute_url())
    page.get_by_role("link", name="Loretta Lynch").first.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text() == "Loretta Lynch"
    assert axe_violations(page) == []
