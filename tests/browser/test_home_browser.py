"""The home and article pages in a real browser, with axe-core."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_to_article_and_back_by_keyboard(page, live_server, seeded):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Newest articles"
    assert axe_violations(page) == []
    link = page.get_by_role("link", name="US Attorney General Jeff Sessions renews calls")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/**")
    assert "Sessions" in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    page.go_back()
    assert page.locator("h1").inner_text() == "Newest articles"
