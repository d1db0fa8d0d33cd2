"""Vocabulary machinery: Zipf sampling, inflections, the cast of people, places, organisations."""

from __future__ import annotations

import datetime as dt
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

from bench import vocabulary as V

DATE_MIN = dt.date(2008, 1, 1)
DATE_MAX = dt.date(2024, 12, 31)
BODY_MIN_WORDS = 150
BODY_MAX_WORDS = 1500
BODY_MEDIAN_WORDS = 530  # log-normal with sigma 0.45 -> mean about 600
MEAN_COPIES = 3.5  # syndicated stories get 2..5 copies, uniformly
COPY_WINDOW = 40  # syndicated copies land within this many files of the first copy


# --------------------------------------------------------------------------- vocabulary


class Zipf:
    """Pick from ``items`` with weight 1 / (rank + offset) ** s: a Zipf-like distribution."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: Sequence, s: float = 1.0, offset: float = 2.0) -> None:
        self.items = tuple(items)
        cum, acc = [], 0.0
        for rank in range(len(self.items)):
            acc += 1.0 / (rank + offset) ** s
            cum.append(acc)
        self.cum = cum
        self.total = acc

    def pick(self, rng: Random):
        return self.items[bisect(self.cum, rng.random() * self.total)]


def _plural(noun: str) -> str:
    if noun in V.IRREGULAR_PLURALS:
        return V.IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _third(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


_DOUBLE_FINAL = {"ban", "plan", "stop", "drop", "ship", "admit", "commit", "permit",
                 "fit", "win", "run", "cut", "begin", "swap", "top", "scrap", "rob", "sit"}


def _past(verb: str) -> str:
    if verb in V.IRREGULAR_PAST:
        return V.IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _unique(words: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(words))


@dataclass(frozen=True)
class Person:
    full: str
    surname: str
    role: str  # "a spokeswoman for the Justice Department"
    title: str  # "" or "Sen."


class Lexicon:
    """All word pools, built once per process."""

    def __init__(self) -> None:
        nouns = _unique(V.NOUNS)
        verbs = _unique(V.VERBS)
        self.det = Zipf(V.DETERMINERS, s=0.6)
        self.prep = Zipf(V.PREPOSITIONS, s=1.1)
        self.adv = Zipf(_unique(V.ADVERBS), s=0.9)
        self.adj = Zipf(_unique(V.ADJECTIVES), s=0.9)
        self.noun = Zipf([(n, _plural(n)) for n in nouns], s=0.95)
        self.verb = Zipf([(v, _third(v), _past(v), _gerund(v)) for v in verbs], s=1.0)
        self.topics = {t: Zipf(words, s=0.7) for t, words in V.TOPICS.items()}
        self.topic_names = tuple(V.TOPICS)
        self.rare = Zipf(V.RARE_WORDS, s=1.2, offset=1.0)
        self.cities = Zipf([c.replace("_", " ") for c in V.CITIES], s=0.9)
        self.states = Zipf([c.replace("_", " ") for c in V.STATES], s=0.9)
        self.countries = Zipf([c.replace("_", " ") for c in V.COUNTRIES], s=0.9)
        self.orgs = Zipf(V.ORGANISATIONS, s=0.8)
        self.first = Zipf(V.FIRST_NAMES, s=0.5)
        self.last = Zipf(V.SURNAMES, s=0.5)
        self.comment_words = Zipf(V.COMMENT_WORDS, s=0.8)
        # A fixed cast of people that recur across articles, the famous ones far more often.
        cast_rng = Random(20080101)
        people = []
        for _ in range(6000):
            first, last = self.first.pick(cast_rng), self.last.pick(cast_rng)
            org = self.orgs.pick(cast_rng)
            role = cast_rng.choice(V.ROLES).format(org=_the(org))
            title = cast_rng.choice(V.TITLES) if cast_rng.random() < 0.2 else ""
            people.append(Person(f"{first} {last}", last, role, title))
        self.people = Zipf(people, s=1.05, offset=3.0)
        self.reporters = Zipf(
            [f"{self.first.pick(cast_rng)} {self.last.pick(cast_rng)}" for _ in range(1500)],
            s=0.7,
        )
        self.outlets = Zipf(V.OUTLETS, s=0.7, offset=3.0)


_NO_ARTICLE = ("Harvard", "Stanford", "Johns", "Goldman", "JPMorgan", "Exxon", "General Motors",
               "Boeing", "Walmart", "Amazon", "Google", "Microsoft", "Apple", "Facebook",
               "Pfizer", "Moderna", "NATO", "Medicare", "Planned", "Doctors", "Human Rights",
               "Amnesty", "Massachusetts")


def _the(org: str) -> str:
    """``org`` as it reads mid-sentence: "the Justice Department" but "Amnesty International"."""
    return org if org.startswith(_NO_ARTICLE) else "the " + org

_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon()
    return _LEXICON


