"""Precision and recall of the three extractors on a hand-labelled set (pure Python).

The set (``bench/eval/``): raw article files in ``articles/`` and ``labels.json`` mapping each
file name to its ``story`` (any label; same label = same story), ``entities`` (``kind``, ``name``,
``aliases``) and ``quotes`` (``text``, ``speaker``). Articles are parsed with the ingestion parser,
so page furniture the parser removes (credits, e-mails, comments) is not labelled.

Scoring:
- entities: micro-averaged over (article, kind, name); a prediction is right when its kind
  matches and its name is the labelled name or one of its aliases (case-insensitive). Corpus
  aliases are resolved as at ingestion: a first pass learns the names, a second resolves.
- quotes: a labelled quote is found when an extracted quote contains it or is contained in it
  (lower-case words); speaker attribution is the share of found quotes whose speaker (resolved
  to the article's entity as at ingestion) is the labelled speaker or one of its aliases.
- clustering: pairwise precision and recall over all pairs of articles.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from archive.parsing import parse_article

from .clusters import ClusterSettings, StoryClusterer
from .entities import PERSON, extract_entities
from .pipeline import analyse_text
from .text import quote_key


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    articles: int = 0
    entities: Score = field(default_factory=Score)
    entities_by_kind: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    quotes: Score = field(default_factory=Score)
    speakers_right: int = 0
    speakers_checked: int = 0
    clusters: Score = field(default_factory=Score)
    errors: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_checked if self.speakers_checked else 1.0


def load_set(folder: Path) -> tuple[dict[str, str], dict[str, dict]]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    texts = {}
    for name in sorted(labels):
        raw = (folder / "articles" / name).read_bytes()
        texts[name] = parse_article(raw, []).body
    return texts, labels


def corpus_aliases(texts: dict[str, str]) -> dict[str, tuple[str, str]]:
    """What ingestion's alias table would hold after a first pass over ``texts``."""
    aliases: dict[str, tuple[str, str]] = {}
    for text in texts.values():
        found = extract_entities(text)
        for (kind, name), forms in found.aliases.items():
            for form in forms:
                aliases.setdefault(form, (kind, name))
        for kind, name in found.entities():
            if kind == PERSON and " " in name:
                aliases.setdefault(name.split()[-1], (kind, name))
    return aliases


def evaluate(folder: Path, settings: ClusterSettings | None = None) -> Report:
    settings = settings or ClusterSettings()
    texts, labels = load_set(folder)
    aliases = corpus_aliases(texts)
    report = Report(articles=len(texts))
    clusterer = StoryClusterer(settings)
    for name, text in texts.items():
        gold = labels[name]
        analysis = analyse_text(text, lookup=lambda names: aliases.get, cluster_settings=settings)
        clusterer.add_fingerprint(name, analysis.fingerprint)
        _score_entities(report, name, gold, analysis)
        _score_quotes(report, name, gold, analysis)
    _score_clusters(report, labels, clusterer.clusters())
    return report


def _forms(entry: dict) -> set[str]:
    return {entry["name"].lower(), *(a.lower() for a in entry.get("aliases", ()))}


def _claim(taken: set[int], fitting: Iterable[int]) -> int | None:
    """The first of the ``fitting`` indexes not ``taken`` yet, now taken; ``None`` when none is
    left (each labelled item matches at most one prediction)."""
    hit = next((i for i in fitting if i not in taken), None)
    if hit is not None:
        taken.add(hit)
    return hit


def _score_entities(report: Report, name: str, gold: dict, analysis) -> None:
    expected = gold["entities"]
    predicted = analysis.entities.entities()
    matched_gold: set[int] = set()
    for kind, entity in predicted:
        report.entities.predicted += 1
        report.entities_by_kind[kind].predicted += 1
        fitting = (i for i, e in enumerate(expected)
                   if e["kind"] == kind and entity.lower() in _forms(e))
        if _claim(matched_gold, fitting) is None:
            report.errors.append(f"{name}: extra {kind} “{entity}”")
            continue
        report.entities.true_positives += 1
        report.entities_by_kind[kind].true_positives += 1
    for i, e in enumerate(expected):
        report.entities.expected += 1
        report.entities_by_kind[e["kind"]].expected += 1
        if i not in matched_gold:
            report.errors.append(f"{name}: missed {e['kind']} “{e['name']}”")


def _score_quotes(report: Report, name: str, gold: dict, analysis) -> None:
    entities = {e["name"].lower(): e for e in gold["entities"]}
    extracted = [
        (quote_key(q.text), q.speaker, speaker)
        for q, speaker in zip(analysis.quotes, analysis.speakers, strict=True)
    ]
    report.quotes.predicted += len(extracted)
    used: set[int] = set()
    for expected in gold["quotes"]:
        report.quotes.expected += 1
        key = quote_key(expected["text"])
        hit = _claim(used, (i for i, (k, _, _) in enumerate(extracted) if key in k or k in key))
        if hit is None:
            report.errors.append(f"{name}: missed quote “{expected['text'][:50]}…”")
            continue
        report.quotes.true_positives += 1
        report.speakers_checked += 1
        _, raw_speaker, entity = extracted[hit]
        said = (entity[1] if entity else raw_speaker).lower()
        speaker = expected["speaker"].lower()
        forms = _forms(entities[speaker]) if speaker in entities else {speaker}
        if said in forms or said.removeprefix("the ") in forms:
            report.speakers_right += 1
        else:
            report.errors.append(
                f"{name}: quote “{expected['text'][:30]}…” by {expected['speaker']}, "
                f"extracted speaker “{raw_speaker}”"
            )
    for i, (k, _, _) in enumerate(extracted):
        if i not in used:
            report.errors.append(f"{name}: extra quote “{k[:50]}…”")


def _score_clusters(report: Report, labels: dict, clusters: list[list]) -> None:
    predicted_story = {name: index for index, group in enumerate(clusters) for name in group}
    for a, b in combinations(sorted(labels), 2):
        same_gold = labels[a]["story"] == labels[b]["story"]
        same_predicted = predicted_story[a] == predicted_story[b]
        report.clusters.expected += same_gold
        report.clusters.predicted += same_predicted
        report.clusters.true_positives += same_gold and same_predicted
        if same_gold != same_predicted:
            report.errors.append(
                f"{a} & {b}: {'split' if same_gold else 'joined'} by clustering"
            )
