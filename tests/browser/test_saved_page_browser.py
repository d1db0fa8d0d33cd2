"""A saved HTML page in a real browser (Playwright driving Debian's Chromium): its original is
shown in a sandboxed frame where none of its scripts runs and nothing is fetched from elsewhere,
also when the frame's address is opened on its own."""

import pytest

from archive.models import Article
from tests.browser.conftest import axe_violations
from tests.helpers import run_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROSE = " ".join(f"Sentence {n} of the report says the harbour wall was repaired in time."
                 for n in range(15))
HOSTILE = f"""<!doctype html><html><head><meta charset="utf-8"><title>Harbour wall repaired</title>
<script>window.parent.document.title = "PWNED"; document.title = "RAN";</script>
</head><body><h1>Harbour wall repaired</h1><p>{PROSE}</p>
<p id="mark">untouched</p>
<script>document.getElementById("mark").textContent = "SCRIPT RAN";</script>
<img src="http://127.0.0.1:9/tracker.png" alt="">
<img src="x" onerror="document.getElementById('mark').textContent = 'HANDLER RAN'">
</body></html>"""


@pytest.fixture
def saved(tmp_path, db):
    (tmp_path / "hostile.html").write_text(HOSTILE, encoding="utf-8")
    run = run_command("ingest", str(tmp_path))
    assert run.ok, run.stderr
    return Article.objects.get()


def test_the_saved_page_runs_no_script_and_loads_nothing(page, live_server, saved):
    fetched, blocked = [], []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.on("requestfailed", lambda request: blocked.append((request.url, request.failure)))
    original = f"{live_server.url}{saved.get_absolute_url()}original/"
    page.goto(original)
    title = page.title()
    frame = page.frame_locator("iframe.saved-page")
    assert frame.locator("#mark").text_content() == "untouched"
    assert "Sentence 3 of the report" in frame.locator("body").text_content()
    page.wait_for_timeout(300)  # a script or handler would have run by now
    assert frame.locator("#mark").text_content() == "untouched"
    assert page.title() == title and "PWNED" not in title
    assert not [url for url in fetched if "tracker.png" in url or url.endswith("/x")]
    assert ("http://127.0.0.1:9/tracker.png", "csp") in blocked  # refused by the page's CSP
    # The escaped source is there as text.
    assert 'document.getElementById("mark")' in page.locator("pre.raw-text").text_content()
    assert axe_violations(page) == []

    # Opened on its own, the page is still sandboxed by its Content-Security-Policy.
    page.goto(f"{original}page/")
    page.wait_for_timeout(300)
    assert page.locator("#mark").text_content() == "untouched"
    assert page.title() == "Harbour wall repaired"
