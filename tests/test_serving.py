"""Serving: `make run`'s development server never shows debug pages off loopback, and the
production server (gunicorn with whitenoise, `make serve`) serves pages and static files."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.helpers import ROOT

PORTS = {"loopback": 8135, "public": 8136, "gunicorn": 8137}
SECRET = "k2#Vq9!mZ7@pL4&tR8*wX1^bN6%hJ3(eD5)sF0-gA" * 2


def environment(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG",
                        "DJANGO_SETTINGS_MODULE"}}
    env.update(CLIPPINGS_DATA_DIR=str(tmp_path), **extra)
    return env


def get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (http://127.0.0.1)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_until_serving(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited: {process.communicate()}")
        try:
            get(url)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url}")


@pytest.fixture
def start(tmp_path):
    started = []

    def _start(args, env) -> subprocess.Popen:
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        started.append(process)
        return process

    yield _start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def runserver(start, tmp_path, addr: str, port: int) -> tuple[subprocess.Popen, str]:
    env = environment(tmp_path, DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="1")
    process = start([sys.executable, "manage.py", "runserver", f"{addr}:{port}", "--noreload",
                     "--skip-checks"], env)
    base = f"http://127.0.0.1:{port}"
    wait_until_serving(base + "/static/css/site.css", process)
    return process, base


def test_the_development_server_shows_debug_pages_on_loopback_only(start, tmp_path):
    _, loopback = runserver(start, tmp_path / "a", "127.0.0.1", PORTS["loopback"])
    status, _, page = get(loopback + "/no/such/page/")
    assert status == 404 and "Using the URLconf defined in" in page  # DEBUG on, as asked

    process, public = runserver(start, tmp_path / "b", "0.0.0.0", PORTS["public"])  # noqa: S104
    status, _, page = get(public + "/no/such/page/")
    assert status == 404
    assert "Using the URLconf" not in page and "Traceback" not in page
    status, _, css = get(public + "/static/css/site.css")  # static files still served
    assert status == 200 and css.strip()
    process.terminate()
    output = process.communicate(timeout=20)[0]
    assert "DEBUG is switched off" in output


def test_the_production_server_serves_pages_and_compressed_static_files(start, tmp_path):
    env = environment(tmp_path, DJANGO_SETTINGS_MODULE="config.settings.prod",
                      SECRET_KEY=SECRET, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
                      GUNICORN_BIND=f"127.0.0.1:{PORTS['gunicorn']}", WEB_CONCURRENCY="2",
                      GUNICORN_GRACEFUL_TIMEOUT="5")
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    process = start([gunicorn, "--config", "config/gunicorn.conf.py"], env)
    base = f"http://127.0.0.1:{PORTS['gunicorn']}"
    wait_until_serving(base + "/", process)
    status, _, home = get(base + "/")
    assert status == 200 and "<html" in home.lower()
    status, _, _ = get(base + "/no/such/page/")
    assert status == 404
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    hashed = next(name for name in __import__("json").loads(manifest)["paths"].values()
                  if name.startswith("css/site."))
    status, headers, css = get(f"{base}/static/{hashed}")
    assert status == 200 and css.strip()
    assert "max-age=315360000" in headers.get("Cache-Control", "")  # hashed: cached for ever
    request = urllib.request.Request(f"{base}/static/{hashed}",  # noqa: S310 (loopback)
                                     headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.headers.get("Content-Encoding") == "gzip"
    process.terminate()
    output = process.communicate(timeout=60)[0]
    assert "Booting worker" in output and "gthread" in output
