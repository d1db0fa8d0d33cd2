"""Load on the production server: wrk -t2 -c16 -d60s against gunicorn on a built archive
(issue 13 target: 0 errors, p99 <= 1 s on 10,000 articles; bench/README.md "Production server").

    .venv/bin/python bench/wrk_bench.py --data DIR [--duration 60s] [--port 8138] [--mix mixed|home]

``DIR`` is a ``CLIPPINGS_DATA_DIR`` holding an ingested and indexed archive (SQLite) and its
collected static files: ``bash bench/build_wrk_archive.sh OUT`` builds one in ``OUT/data``, as::

    export DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1 \\
           SECURE_SSL_REDIRECT=0 CLIPPINGS_DATA_DIR=DIR
    .venv/bin/python bench/generate.py FILES --count 10000 --seed 5
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_sources
    .venv/bin/python manage.py collectstatic --noinput && .venv/bin/python manage.py ingest FILES

The script starts ``gunicorn --config config/gunicorn.conf.py`` (production settings, loopback
only), requests every page of the mix once to warm the caches, then runs Debian's ``wrk`` with a
Lua script that picks a random path per request from the mix:

- ``mixed`` (default): 20 % home page, 40 % searches (a word from the archive's vocabulary,
  a quarter of them with an outlet facet or on page 2), 25 % article pages, 10 % outlet pages,
  5 % date archives and the static CSS;
- ``home``: the home page only.

Prints wrk's report (with ``--latency``) and a summary line: requests, errors (socket errors and
non-2xx/3xx), p50, p99.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "k2#Vq9!mZ7@pL4&tR8*wX1^bN6%hJ3(eD5)sF0-gAk2#Vq9"  # noqa: S105 (a benchmark on loopback)
WORDS = ("court", "election", "minister", "flood", "market", "police", "report", "school",
         "health", "energy", "trade", "storm", "vote", "budget", "water", "power", "city",
         "bank", "fire", "union")

LUA = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
math.randomseed(%(seed)d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  io.write(string.format("SUMMARY requests=%%d non2xx3xx=%%d connect=%%d read=%%d write=%%d "
    .. "timeout=%%d p50_ms=%%.1f p90_ms=%%.1f p99_ms=%%.1f max_ms=%%.1f\\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def environment(data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.prod", SECRET_KEY=SECRET,
               ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
               CLIPPINGS_DATA_DIR=str(data), PYTHONPATH=str(ROOT),
               GUNICORN_ACCESS_LOG="/dev/null")
    return env


def build_paths(data: Path, mix: str) -> list[str]:
    if mix == "home":
        return ["/"]
    script = (
        "import json, django; django.setup()\n"
        "from archive.models import Article, Source\n"
        "arts = list(Article.objects.published().order_by('?')[:300])\n"
        "print(json.dumps({'articles': [a.get_absolute_url() for a in arts],\n"
        "  'years': sorted({a.published.year for a in arts if a.published}),\n"
        "  'sources': [s.get_absolute_url() for s in Source.objects.all()[:40]],\n"
        "  'outlets': list(Source.objects.values_list('name', flat=True)[:20])}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment(data),
                          capture_output=True, text=True, check=True)
    import json
    from urllib.parse import quote

    found = json.loads(done.stdout.strip().splitlines()[-1])
    rng = random.Random(13)
    paths = ["/"] * 20
    for _ in range(40):
        word = rng.choice(WORDS)
        path = f"/search/?q={word}"
        extra = rng.random()
        if extra < 0.125 and found["outlets"]:
            path += "&outlet=" + quote(rng.choice(found["outlets"]))
        elif extra < 0.25:
            path += "&page=2"
        paths.append(path)
    paths += [rng.choice(found["articles"]) for _ in range(25)]
    paths += [rng.choice(found["sources"]) for _ in range(10)] if found["sources"] else []
    years = found["years"] or [2018]
    paths += [f"/archive/{rng.choice(years)}/" for _ in range(3)]
    paths += ["/static/css/site.css"] * 2
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--duration", default="60s")
    parser.add_argument("--port", type=int, default=8138)
    parser.add_argument("--mix", choices=("mixed", "home"), default="mixed")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    paths = build_paths(args.data, args.mix)
    work = Path(tempfile.mkdtemp(prefix="clippings-wrk-"))
    (work / "paths.txt").write_text("\n".join(paths) + "\n")
    (work / "mix.lua").write_text(LUA % {"paths": work / "paths.txt", "seed": 13})
    env = environment(args.data) | {"GUNICORN_BIND": f"127.0.0.1:{args.port}"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen([str(gunicorn), "--config", "config/gunicorn.conf.py"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    base = f"http://127.0.0.1:{args.port}"
    try:
        _wait(base)
        statuses = {}
        for path in sorted(set(paths)):  # warm up, and see that every page answers
            try:
                with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310
                    statuses[path] = response.status
            except urllib.error.HTTPError as error:
                statuses[path] = error.code
        bad = {p: s for p, s in statuses.items() if s >= 400}
        print(f"warm-up: {len(statuses)} distinct paths, not 2xx/3xx: {bad or 'none'}")
        print("load before:", _uptime())
        wrk = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}",
                              "--latency", "-s", str(work / "mix.lua"), base + "/"],
                             capture_output=True, text=True)
        print(wrk.stdout, wrk.stderr)
        print("load after:", _uptime())
        match = re.search(r"SUMMARY .*", wrk.stdout)
        print(match.group(0) if match else "no summary")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _wait(base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/static/css/site.css", timeout=5)  # noqa: S310
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer")


if __name__ == "__main__":
    raise SystemExit(main())
