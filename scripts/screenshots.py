"""Screenshots of the pages journalists use, at 1280 px and 390 px, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--port 8150] [--out docs/screenshots]

Self-contained: builds a throw-away archive (SQLite and Whoosh in a temporary directory) from the
shipped corpus/, serves it with ``manage.py runserver`` on 127.0.0.1:PORT, drives Debian's
Chromium (``/usr/bin/chromium``, or $CHROMIUM) through Playwright, then stops the server and
removes the directory. Pages: search (a query, results and facets), an article opened from a
search, the outlet index and an entity page. Re-run it when those pages change, and commit the
PNGs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = {"1280": (1280, 900), "390": (390, 844)}


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer at {url} within {timeout:.0f} s.")


def pages(base: str, page) -> dict[str, str]:
    """name -> URL of each page to shoot (the entity is the most mentioned person)."""
    page.goto(base + "/entities/?kind=person")
    entity = page.locator(".entity-directory a").first.get_attribute("href")
    page.goto(base + "/search/?q=border")
    article = page.locator(".hits .card-title a").first.get_attribute("href")
    return {
        "search": base + "/search/?q=border",
        "article": base + article,
        "outlets": base + "/sources/",
        "entity": base + entity,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not chromium:
        raise SystemExit("Debian's chromium is needed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    options.out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="clippings-shots-"))
    env = {**os.environ, "CLIPPINGS_DATA_DIR": str(data),
           "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    env.pop("DATABASE_URL", None)
    server = None
    try:
        print("Building a throw-away archive from corpus/ …", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_sources", "-v", "0")
        manage(env, "ingest", "corpus/", "-v", "0")
        manage(env, "sync_index")
        base = f"http://127.0.0.1:{options.port}"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{options.port}"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(base + "/")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            targets = pages(base, context.new_page())
            context.close()
            for label, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for name, url in targets.items():
                    page.goto(url)
                    page.wait_for_load_state("networkidle")
                    path = options.out / f"{name}-{label}.png"
                    page.screenshot(path=str(path), full_page=True)
                    print(f"  {path.relative_to(ROOT)}", flush=True)
                context.close()
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
