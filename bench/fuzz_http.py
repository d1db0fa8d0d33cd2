"""Send fuzzed HTTP requests to a running Clippings server and count the 5xx answers.

    .venv/bin/python bench/fuzz_http.py http://127.0.0.1:8130 --requests 10000 [--seed 13]
                                        [--threads 4] [--article /articles/1/slug/]

Every request is a GET of one of the site's pages (search and its formats, feeds, archives,
outlets, articles, stories, entities, quotes, sitemap) with random parameters: known names and
random ones, values from a list of known troublemakers (``page=²``, ``from=0001-01-01``,
``year=0000``, control characters, U+FFFE, 600-character words, query syntax), random text and
random bytes (not UTF-8 either), all percent-encoded. Each answer below 500 is also checked
against its Content-Type (``tests/validity.py``: balanced HTML, JSON, CSV, JSON Lines, XML).
Prints the counts by status, the 5xx and invalid answers (at most 20 each), and exits 1 when
there was any. Seeded: the same seed sends the same requests.
"""

from __future__ import annotations

import argparse
import http.client
import random
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, quote_from_bytes, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.validity import check_body  # noqa: E402 (the repository root is on the path above)

PAGES = ["/search/", "/search/feed/", "/", "/archive/", "/archive/2018/", "/archive/2018/03/",
         "/sources/reuters/", "/sources/reuters/feed/", "/sources/breitbart/", "/stories/1/",
         "/entities/1/", "/quotes/", "/search/help/", "/sitemap.xml", "/robots.txt",
         "/articles/1/", "/articles/2/x/", "/articles/3/x/original/"]
PARAMS = ["q", "page", "sort", "from", "to", "format", "per_story", "kind", "outlet", "year",
          "month", "comments", "byline", "person", "organisation", "place", "story_size",
          "not_outlet", "not_year", "not_kind", "download", "left", "right", "p"]
TROUBLE = [
    "", " ", "0", "1", "-1", "2", "999999", "1e3", "²", "٣", "2018", "0000", "²²²²", "١٢٣٤",
    "2018-03", "2018-13", "2018-03-05", "0001-01-01", "0999-12-31", "9999-12-31", "2018-02-30",
    "2018-W01-1", "20180101", "relevance", "newest", "random", "json", "csv", "jsonl", "html",
    "xml", "on", "yes", "article", "comments", "10+", "Reuters", '"', "(", "a*", "x~", "a~2",
    '"a b"~5', "a OR b", "NOT", "-a", "headline:", "*:*", "[a TO b]", "<script>", "%", "&",
    "\x00", "\x01", "\ufffe", "\u200b", "a" * 600, "a " * 200, "x~ " * 40, '"' + "w " * 80 + '"',
]
FORMATS = ["json", "csv", "jsonl", "html"]


def _encoded(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def random_value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return _encoded(rng.choice(TROUBLE))
    if roll < 0.75:
        return _encoded("".join(chr(rng.choice([rng.randrange(0x20, 0x7f),
                                                rng.randrange(0, 0x3000),
                                                rng.randrange(0, 0x110000)]))
                                for _ in range(rng.randrange(12))))
    return quote_from_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(12))),
                            safe="")


def random_url(rng: random.Random, pages: list[str]) -> str:
    roll = rng.random()
    if roll < 0.1:  # a random segment where the URL patterns expect a year, slug or id
        template = rng.choice(["/archive/{}/", "/archive/2018/{}/", "/sources/{}/",
                               "/articles/{}/x/", "/entities/1/{}/", "/stories/{}/"])
        path = template.format(random_value(rng) or "x")
    else:
        path = rng.choice(pages)
    pairs = []
    for _ in range(rng.randrange(6)):
        name = rng.choice(PARAMS) if rng.random() < 0.9 else random_value(rng)
        pairs.append(f"{name}={random_value(rng)}")
    if path == "/search/" and rng.random() < 0.4:
        pairs.append(f"format={rng.choice(FORMATS)}")
    return f"{path}?{'&'.join(pairs)}" if pairs else path


def fetch(base: str, url: str) -> tuple[int, str, str]:
    """(status, url, problem): the problem is "" for a sound answer."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=120)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        body = response.read()
    except Exception as error:  # noqa: BLE001 - a dropped connection is a finding too
        return 599, url, f"no answer: {error!r}"
    finally:
        connection.close()
    problem = ""
    if response.status < 500 and response.status not in (301, 302):
        try:
            check_body(response.getheader("Content-Type", ""), body)
        except Exception as error:  # noqa: BLE001
            problem = f"invalid {response.getheader('Content-Type')}: {error!r}"[:300]
    return response.status, url, problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the server, e.g. http://127.0.0.1:8130")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--article", action="append", default=[],
                        help="an article's permalink path to add to the pages fuzzed")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    pages = PAGES + args.article + [a + "original/" for a in args.article]
    urls = [random_url(rng, pages) for _ in range(args.requests)]
    statuses: Counter[int] = Counter()
    errors, invalid = [], []
    started = time.monotonic()
    with ThreadPoolExecutor(args.threads) as pool:
        for n, (status, url, problem) in enumerate(
                pool.map(lambda u: fetch(args.base, u), urls), 1):
            statuses[status] += 1
            if status >= 500:
                errors.append((status, url))
            if problem:
                invalid.append((url, problem))
            if n % 1000 == 0:
                print(f"{n:,} requests, {len(errors)} 5xx, {len(invalid)} invalid "
                      f"({time.monotonic() - started:.0f} s)", flush=True)
    print(f"{args.requests:,} requests in {time.monotonic() - started:.0f} s (seed {args.seed}):"
          f" {', '.join(f'{s}: {c:,}' for s, c in sorted(statuses.items()))}")
    print(f"5xx: {len(errors)}; invalid bodies: {len(invalid)}")
    for status, url in errors[:20]:
        print(f"  {status} {url[:300]}")
    for url, problem in invalid[:20]:
        print(f"  {problem} <- {url[:200]}")
    return 1 if errors or invalid else 0


if __name__ == "__main__":
    sys.exit(main())
