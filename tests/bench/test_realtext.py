"""The realistic text of the benchmark generator (``--text realistic``): a real language's Zipf
curve, a large cast, article lengths, reader comments, and the same files for any worker count.

Pure Python (no Django): run with ``pytest tests/bench -p no:django``.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpusgen.realtext import (  # noqa: E402
    WORDS_MAX,
    WORDS_MIN,
    make_real_story,
    real_lexicon,
)
from bench.generate import Options, Task, build, generate  # noqa: E402

N = 300
SEED = 5
WORD = re.compile(r"[a-z]+")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    summary = generate(out, N, seed=SEED, workers=1, progress=False, text="realistic")
    return out, summary, {p.name: p.read_text("utf-8") for p in sorted(out.glob("*.txt"))}


def test_word_frequencies_follow_english(corpus):
    _, _, texts = corpus
    counts = Counter(w for t in texts.values() for w in WORD.findall(t.lower()))
    total = sum(counts.values())
    # English's most frequent words lead, at about their real shares ("the" ~5 %).
    top = [w for w, _ in counts.most_common(5)]
    assert top[0] == "the" and {"to", "and", "of", "a"} & set(top[1:])
    assert 0.03 < counts["the"] / total < 0.08
    # A long tail: tens of thousands of distinct words, a large share of them seen once.
    assert len(counts) > 20_000
    once = sum(1 for c in counts.values() if c == 1)
    assert once / len(counts) > 0.3
    # Zipf: log(frequency) against log(rank) has a slope near -1 over ranks 10..1,000.
    freqs = [c for _, c in counts.most_common(1000)]
    slope = (math.log(freqs[999]) - math.log(freqs[9])) / (math.log(1000) - math.log(10))
    assert -1.4 < slope < -0.7


def test_thousands_of_distinct_people_and_organisations():
    lex = real_lexicon()
    people = {p.full for p in lex.people.items}
    orgs = set(lex.orgs.items)
    assert len(people) >= 10_000 and len(orgs) >= 3_000
    named = {p.full for sid in range(400) for p in make_real_story(1, sid).people}
    assert len(named) > 600  # 400 stories name far more than a few hundred people


def test_article_lengths_and_comments(corpus):
    _, summary, _ = corpus
    lengths = []
    for sid in range(200):
        story = make_real_story(SEED, sid)
        lengths.append(sum(len(p.split()) for p in story.paragraphs))
    assert min(lengths) >= WORDS_MIN and max(lengths) <= WORDS_MAX + 60
    assert max(lengths) > 1200 and min(lengths) < 400
    assert summary.with_comments > 0 and summary.options["text"] == "realistic"
    task = next(Task(i, i, 0, 0) for i in range(1000) if build(
        Task(i, i, 0, 0), Options(SEED, 0.0, 0.0, 1.0, 0.0, "realistic")).comments)
    rendered = build(task, Options(SEED, 0.0, 0.0, 1.0, 0.0, "realistic"))
    assert "Join the discussion" in rendered.text
    assert all(line in rendered.text for line in rendered.comments)


def test_same_files_for_any_worker_count(tmp_path):
    one = generate(tmp_path / "one", 60, seed=2, workers=1, progress=False, text="realistic")
    two = generate(tmp_path / "two", 60, seed=2, workers=2, progress=False, text="realistic")
    assert one.bytes == two.bytes
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    classic = generate(tmp_path / "classic", 60, seed=2, workers=1, progress=False)
    assert classic.bytes != one.bytes


def test_unknown_text_is_refused(tmp_path):
    with pytest.raises(ValueError, match="text must be one of"):
        generate(tmp_path, 1, text="lorem")
