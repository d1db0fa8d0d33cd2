"""The benchmark article generator: determinism, naming, shape and rates of what it writes.

Pure Python (no Django): run with ``pytest tests/bench -p no:django``.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import vocabulary as V  # noqa: E402
from bench.corpusgen.lexicon import BODY_MAX_WORDS, BODY_MIN_WORDS  # noqa: E402
from bench.generate import (  # noqa: E402
    Options,
    build,
    generate,
    plan,
)

N = 500
SEED = 11
NAME = re.compile(r"^(\d{7})_([0-9a-f]{16})\.txt$")
DATE_PREFIX = re.compile(r"^ date (\d{4})-(\d{2})-(\d{2}) \S")
BOILERPLATE = {
    "advertising": re.compile(r"^(Advertisement|ADVERTISEMENT|Sponsored content)$", re.M),
    "navigation": re.compile(r"^(Share|Skip to footer|Share this article|Read more)$", re.M),
    "photo": re.compile(r"^(AP Photo|AP File Photo|.+ \(Photo: .+\))$", re.M),
    "copyright": re.compile(r"^(© )?Copyright (\(c\) )?(19|20)\d\d .+|^© \d{4} .+\.$", re.M),
    "licensing": re.compile(r"^This content is published through a licensing agreement", re.M),
    "contact": re.compile(r"^[a-z]+\.[a-z]+@[a-z.]+\.[a-z]+$", re.M),
    "credit": re.compile(r"^(Reporting by .+|Associated Press writer .+ contributed .+)$", re.M),
    "separator": re.compile(r"^(--|—-|\*\*\*)$", re.M),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("articles")
    summary = generate(out, N, seed=SEED, workers=1, progress=False)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.txt"))}
    return out, summary, texts


def _fraction(texts: dict[str, str], predicate) -> float:
    return sum(1 for t in texts.values() if predicate(t)) / len(texts)


def _comment_section(text: str) -> list[str] | None:
    lines = text.rstrip("\n").split("\n")
    if "Join the discussion" not in lines:
        return None
    return lines[lines.index("Join the discussion") + 1 :]


# --------------------------------------------------------------------------- files


def test_file_count_and_naming(corpus):
    out, summary, texts = corpus
    assert summary.files == N == len(texts)
    numbers = []
    for name, text in texts.items():
        m = NAME.match(name)
        assert m, name
        numbers.append(int(m.group(1)))
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
        assert m.group(2) == digest
    assert sorted(numbers) == list(range(N))
    others = {p.suffix for p in out.iterdir()} - {".txt", ".json"}
    assert not others


def test_deterministic_for_a_seed_and_any_worker_count(tmp_path):
    def snapshot(path):
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}

    a = tmp_path / "a"
    generate(a, 80, seed=3, syndication_rate=0.3, workers=1, progress=False)
    generate(tmp_path / "b", 80, seed=3, syndication_rate=0.3, workers=2, progress=False,
             batch_size=7)
    generate(tmp_path / "c", 80, seed=4, syndication_rate=0.3, workers=1, progress=False)
    assert snapshot(a) == snapshot(tmp_path / "b")
    assert set(snapshot(a)) != set(snapshot(tmp_path / "c"))


def test_summary_matches_files(corpus):
    out, summary, texts = corpus
    assert summary.sidecars == len(list(out.glob("*.json")))
    assert summary.date_prefixed == sum(1 for t in texts.values() if DATE_PREFIX.match(t))
    assert summary.with_comments == sum(1 for t in texts.values() if _comment_section(t))
    assert summary.bytes == sum(len(t.encode("utf-8")) for t in texts.values())
    assert summary.stories + summary.syndicated_files - summary.syndicated_groups == N


# --------------------------------------------------------------------------- content


def test_body_word_counts_within_bounds_and_spread():
    opts = Options(SEED, 0.2, 0.05, 0.15, 0.03)
    counts = [build(task, opts).body_words for task in plan(N, SEED, 0.05)]
    assert min(counts) >= BODY_MIN_WORDS
    assert max(counts) <= BODY_MAX_WORDS
    assert 500 <= statistics.mean(counts) <= 700
    assert statistics.median(counts) < statistics.mean(counts)  # right-skewed, log-normal-ish
    assert statistics.pstdev(counts) > 150
    assert sum(c > 1000 for c in counts) >= 5
    assert sum(c < 300 for c in counts) >= 5


def test_whole_files_word_counts(corpus):
    _, summary, texts = corpus
    for text in texts.values():
        words = len(text.split())
        assert words >= BODY_MIN_WORDS
    assert 450 <= summary.body_words / N <= 750


def test_each_boilerplate_kind_appears_at_a_plausible_rate(corpus):
    _, _, texts = corpus
    for kind, pattern in BOILERPLATE.items():
        rate = _fraction(texts, lambda t, p=pattern: p.search(t) is not None)
        assert 0.01 <= rate <= 0.8, (kind, rate)


def test_date_markers(corpus):
    _, summary, texts = corpus
    dated = [t for t in texts.values() if DATE_PREFIX.match(t)]
    assert 0.14 <= len(dated) / N <= 0.26
    for text in dated:
        year, month, day = map(int, DATE_PREFIX.match(text).groups())
        assert 2008 <= year <= 2024 and 1 <= month <= 12 and 1 <= day <= 31
    # no headline: date-prefixed ones plus ~5% more
    assert 0.18 <= summary.headless / N <= 0.33


def test_headline_is_usually_the_first_line(corpus):
    _, _, texts = corpus
    firsts = [t.split("\n", 1)[0] for t in texts.values() if not DATE_PREFIX.match(t)]
    short = [f for f in firsts if len(f.split()) <= 16 and not f.endswith(".")]
    assert len(short) / N >= 0.6


def test_comment_sections(corpus, tmp_path):
    _, _, texts = corpus
    sections = [c for c in map(_comment_section, texts.values()) if c is not None]
    assert 0.10 <= len(sections) / N <= 0.20
    assert all(1 <= len(c) <= 60 for c in sections)
    assert all(line.strip() for c in sections for line in c)
    assert max(len(c) for c in sections) > 20

    none = generate(tmp_path / "none", 40, seed=1, comment_rate=0.0, progress=False)
    every = generate(tmp_path / "all", 40, seed=1, comment_rate=1.0, progress=False)
    assert none.with_comments == 0 and every.with_comments == 40


def _groups(texts: dict[str, str]) -> list[set[str]]:
    """Files that share a long paragraph, joined transitively."""
    parent = {name: name for name in texts}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: dict[str, str] = {}
    for name, text in texts.items():
        for para in re.split(r"\n+", text):
            para = para.strip()
            if len(para.split()) < 25:
                continue
            if para in seen:
                parent[find(name)] = find(seen[para])
            else:
                seen[para] = name
    groups: dict[str, set[str]] = {}
    for name in texts:
        groups.setdefault(find(name), set()).add(name)
    return [g for g in groups.values() if len(g) > 1]


def test_syndicated_groups_at_default_rate(corpus):
    _, summary, texts = corpus
    groups = _groups(texts)
    assert groups
    assert len(groups) == summary.syndicated_groups
    assert all(2 <= len(g) <= 5 for g in groups)
    in_groups = sum(len(g) for g in groups)
    assert 0.01 <= in_groups / N <= 0.12


def test_syndicated_copies_are_rewritten(tmp_path):
    summary = generate(tmp_path, 300, seed=5, syndication_rate=0.4, progress=False)
    texts = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    groups = _groups(texts)
    in_groups = sum(len(g) for g in groups)
    assert 0.25 <= in_groups / 300 <= 0.55
    assert summary.syndicated_files == in_groups
    for group in groups:
        members = [texts[n] for n in sorted(group)]
        assert len(set(members)) == len(members)
        bodies = [set(re.split(r"\n+", m)) for m in members]
        assert all(a != b for i, a in enumerate(bodies) for b in bodies[i + 1 :])
        numbers = sorted(int(n[:7]) for n in group)
        assert numbers[-1] - numbers[0] <= 5 * 45  # copies stay near each other


def test_no_syndication_means_no_shared_paragraphs(tmp_path):
    generate(tmp_path, 150, seed=2, syndication_rate=0.0, progress=False)
    texts = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    assert _groups(texts) == []


def test_sidecars(corpus, tmp_path):
    out, summary, _ = corpus
    sidecars = sorted(out.glob("*.json"))
    assert 0 < len(sidecars) <= 0.08 * N
    for path in sidecars:
        assert (out / (path.stem + ".txt")).exists()
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and data
        assert set(data) <= {"url", "source", "published", "byline", "headline"}
        assert all(isinstance(v, str) and v for v in data.values())
        if "published" in data:
            assert re.fullmatch(r"20(0[89]|1\d|2[0-4])-\d\d-\d\d", data["published"])
        if "url" in data:
            assert data["url"].startswith("https://www.")
        if "source" in data:
            assert data["source"] in {o[0] for o in V.OUTLETS}
    every = generate(tmp_path, 30, seed=9, sidecar_rate=1.0, progress=False)
    assert every.sidecars == 30 == len(list(tmp_path.glob("*.json")))


# --------------------------------------------------------------------------- realism


def _tokens(texts):
    for text in texts.values():
        yield from re.findall(r"[a-z]+", text.lower())


def test_vocabulary_is_large_and_zipf_like(corpus):
    _, _, texts = corpus
    freq = Counter(_tokens(texts))
    assert len(freq) >= 3000
    ranked = [c for _, c in freq.most_common()]
    assert ranked[0] / ranked[9] > 2.5
    assert ranked[9] / ranked[99] > 3
    assert sum(1 for c in ranked if c <= 3) > 300  # a long tail


def test_rare_words_have_few_hits(corpus):
    _, _, texts = corpus
    doc_freq = Counter(w for t in texts.values() for w in set(re.findall(r"[a-z]+", t.lower())))
    rare = {w: doc_freq[w] for w in V.RARE_WORDS}
    assert any(rare.values())
    assert max(rare.values()) <= 0.05 * N
    assert sum(1 for c in rare.values() if c == 0) > len(rare) / 2


def test_recurring_entities_and_real_page_typography(corpus):
    _, _, texts = corpus
    surnames = Counter(w for t in texts.values() for w in set(re.findall(r"[A-Z][a-z]+", t)))
    assert sum(1 for s in V.SURNAMES if surnames[s] >= 10) >= 20
    assert _fraction(texts, lambda t: "“" in t and "”" in t) > 0.5
    assert _fraction(texts, lambda t: " — " in t) > 0.3
    assert _fraction(texts, lambda t: "’" in t) > 0.3
    attributed = re.compile(r"[,.]” (said|added|wrote|noted) [A-Z][a-z]+")
    assert _fraction(texts, lambda t: attributed.search(t) is not None) > 0.3
    outlets = Counter(m for t in texts.values() for m in re.findall(r"@([a-z.]+)$", t, re.M))
    assert len(outlets) >= 10


def test_rates_are_validated(tmp_path):
    with pytest.raises(ValueError):
        generate(tmp_path, 1, comment_rate=1.5)
    with pytest.raises(ValueError):
        generate(tmp_path, 1, date_rate=0.9, no_headline_rate=0.2)


# --------------------------------------------------------------------------- CLI


def test_cli_help():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--help"],
                          capture_output=True, text=True, check=True)
    for option in ("OUT_DIR", "--count", "--seed", "--syndication-rate", "--comment-rate"):
        assert option in done.stdout


def test_cli_writes_files_and_prints_a_summary(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(tmp_path / "out"),
         "--count", "25", "--seed", "2", "--comment-rate", "0.5"],
        capture_output=True, text=True, check=True,
    )
    report = json.loads(done.stdout)
    assert report["files"] == 25
    assert report["options"]["comment_rate"] == 0.5
    assert len(list((tmp_path / "out").glob("*.txt"))) == 25
    assert "generating" not in done.stderr  # no progress bar when stdout is not a terminal


def test_cli_rejects_bad_rates(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(tmp_path), "--count", "1",
         "--comment-rate", "2"],
        capture_output=True, text=True,
    )
    assert done.returncode == 2 and "between 0 and 1" in done.stderr


def test_progress_bar_can_be_forced(tmp_path, capsys):
    generate(tmp_path, 5, progress=True)
    assert "generating" in capsys.readouterr().err
