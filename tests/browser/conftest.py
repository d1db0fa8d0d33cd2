"""Browser tests: Playwright driving Debian's Chromium, headless, against pytest-django's
live server. Screenshots go to ``test-artifacts/`` (git-ignored; CI keeps them).

Without a Chromium these tests are skipped, unless CLIPPINGS_REQUIRE_BROWSER=1 (as in .ci/run),
where a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CLIPPINGS_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (CLIPPINGS_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread while the tests, which stay
    # synchronous, touch the database: allowed while the browser runs, removed afterwards.
    # (Subprocess-based tests strip it from their environment: see tests/test_settings.py.)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    name = request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def axe_violations(page, minimum_impact=("minor", "moderate", "serious", "critical")) -> list[dict]:
    """axe-core's violations on the current page, at every impact by default (minor included)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    return [v for v in violations if v.get("impact") in minimum_impact]


def save_artifact(name: str, content: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(content, encoding="utf-8")
    return path
