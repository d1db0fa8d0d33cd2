"""Generate realistic raw scraped news articles for benchmarks.

    python bench/generate.py OUT_DIR --count N [--seed S] [--syndication-rate 0.05]
                             [--comment-rate 0.15] [--workers W]

writes ``OUT_DIR/NNNNNNN_<hex16>.txt`` (``hex16``: a BLAKE2b digest of the file's bytes) and, for
about 3% of them, a sidecar ``NNNNNNN_<hex16>.json`` with some of ``url``, ``source``,
``published`` (YYYY-MM-DD), ``byline`` and ``headline``.

The files imitate the seed pages in ``corpus/``: a headline line, body paragraphs separated by
blank lines (or single newlines), page furniture (``Advertisement``, ``Share``, photo credits,
copyright and licensing lines, reporter e-mails, ``Reporting by …; Editing by …``, ``--``), some
files starting with `` date YYYY-MM-DD `` and no headline, some ending with ``Join the discussion``
and reader comments, and syndicated stories copied by 2–5 outlets with light rewrites.

Output depends only on ``seed`` and the options, not on ``workers``: every story is generated
from its own random stream, so files can be written in parallel and streamed (nothing is held in
memory beyond a small window of pending syndicated copies).

In-process use::

    from bench.generate import generate
    summary = generate("/tmp/articles", 100_000, seed=1)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import re
import sys
import time
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from random import Random

if __package__ in (None, ""):  # run as a script: python bench/generate.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import vocabulary as V  # noqa: E402

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


# --------------------------------------------------------------------------- stories

QUOTE_SUBJECTS = ("We", "We", "I", "This", "It", "They", "People", "Nobody", "Our members",
                  "Families", "The administration", "The city", "Everyone")
LOWERABLE = {"We", "This", "It", "They", "People", "Nobody", "Our", "Families", "The",
             "Everyone", "A", "An", "Its", "Their", "Some", "Many", "Several", "These", "Those"}
PLURAL_DETS = {"some", "many", "several", "these", "those", "both", "few"}
VOWELS = tuple("aeiouAEIOU")


@dataclass
class Story:
    sid: int
    topic: str
    published: dt.date
    people: list[Person]
    places: list[str]
    orgs: list[str]
    paragraphs: list[str]
    headline: str
    byline: str
    dateline: str


class Writer:
    """Builds sentences for one story from one random stream."""

    def __init__(self, rng: Random, lex: Lexicon, topic: str, people, places, orgs) -> None:
        self.rng, self.lex = rng, lex
        self.topic = lex.topics[topic]
        self.people, self.places, self.orgs = people, places, orgs
        self.mentioned: set[str] = set()

    # -- phrases
    def noun_phrase(self, plural: bool | None = None) -> str:
        rng, lex = self.rng, self.lex
        r = rng.random()
        if r < 0.07:
            return self.number_phrase()
        det = lex.det.pick(rng)
        if plural is None:
            plural = det in PLURAL_DETS or (det in ("the", "their", "its") and rng.random() < 0.3)
        if rng.random() < 0.28:
            noun = self.topic.pick(rng)
        else:
            sing, plur = lex.noun.pick(rng)
            noun = plur if plural else sing
        words = [noun]
        if rng.random() < 0.4:
            words.insert(0, lex.adj.pick(rng))
        if det in ("a", "another", "each", "every") and (plural or noun.endswith("s")):
            det = "the"
        if det == "a" and words[0].startswith(VOWELS):
            det = "an"
        return det + " " + " ".join(words)

    def number_phrase(self) -> str:
        rng, lex = self.rng, self.lex
        r = rng.random()
        sing, plur = lex.noun.pick(rng)
        if r < 0.3:
            return f"{rng.randint(2, 99)} percent of {lex.det.pick(rng)} {plur}"
        if r < 0.55:
            amount = f"{rng.randint(1, 999)}.{rng.randint(1, 9)}"
            return f"${amount} {rng.choice(('million', 'billion', 'million', 'trillion'))}"
        if r < 0.8:
            return f"{rng.randint(2, 9999):,} {plur}"
        return f"more than {rng.choice(('two', 'three', 'a dozen', '100', '1,000', 'half'))} {plur}"

    def person(self, with_role: bool = False, p: Person | None = None) -> str:
        p = p or self.rng.choice(self.people)
        if p.full in self.mentioned and not with_role:
            return p.surname
        self.mentioned.add(p.full)
        name = f"{p.title} {p.full}" if p.title else p.full
        return f"{name}, {p.role}," if with_role else name

    def entity(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return self.person()
        if r < 0.75:
            return _the(rng.choice(self.orgs))
        return rng.choice(self.places)

    def subject(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self.entity()
        return self.noun_phrase()

    def verb_phrase(self, plural: bool = False) -> str:
        rng, lex = self.rng, self.lex
        base, third, past, ing = lex.verb.pick(rng)
        r = rng.random()
        if r < 0.6:
            vp = past
        elif r < 0.72:
            vp = ("have " if plural else "has ") + past
        elif r < 0.82:
            vp = rng.choice(("will ", "would ", "could ", "may ", "should ")) + base
        elif r < 0.92:
            vp = ("are " if plural else "is ") + ing
        else:
            vp = base if plural else third
        if rng.random() < 0.15:
            vp = lex.adv.pick(rng) + " " + vp
        return vp

    def prep_phrase(self) -> str:
        rng = self.rng
        obj = self.noun_phrase() if rng.random() < 0.75 else self.entity()
        return self.lex.prep.pick(rng) + " " + obj

    # -- sentences
    def clause(self) -> str:
        rng = self.rng
        s = f"{self.subject()} {self.verb_phrase()} {self.noun_phrase()}"
        if rng.random() < 0.7:
            s += " " + self.prep_phrase()
        if rng.random() < 0.35:
            s += " " + self.prep_phrase()
        return s

    def sentence(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            s = self.clause()
        elif r < 0.42:
            s = f"{self.prep_phrase()}, {self.clause()}"
        elif r < 0.54:
            s = f"{self.subject()} {self.verb_phrase()} that {self.clause()}"
        elif r < 0.64:
            s = f"{self.person(with_role=True)} {self.verb_phrase()} {self.noun_phrase()}"
            s += " " + self.prep_phrase()
        elif r < 0.72:
            s = f"{self.clause()} — {self.noun_phrase()} {self.prep_phrase()} —"
            s += f" {self.verb_phrase()} {self.noun_phrase()}"
        elif r < 0.79:
            s = f"According to {self.entity()}, {self.clause()}"
        elif r < 0.88:
            s = f"{self.clause()}, {rng.choice(('and', 'but', 'while', 'as', 'after'))} "
            s += self.clause()
        elif r < 0.94:
            s = f"{self.clause()}, {self.lex.adv.pick(rng)} {self.prep_phrase()}"
        else:
            s = f"In {rng.choice(self.places)}, {self.clause()}"
        if r < 0.54 and rng.random() < 0.15:  # a possessive, with a curly apostrophe
            s = s.replace(" the ", f" {self.entity()}’s ", 1)
        s = s[0].upper() + s[1:]
        return s + "."

    def quote_sentence(self) -> str:
        """What people say in quotes: first person and plain subjects, no attributions."""
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            subj = rng.choice(QUOTE_SUBJECTS)
            plural = subj in ("We", "They", "People", "Our members", "Families")
        else:
            subj = self.noun_phrase()
            plural = False
        s = f"{subj} {self.verb_phrase(plural)} {self.noun_phrase()}"
        if rng.random() < 0.6:
            s += " " + self.prep_phrase()
        if rng.random() < 0.25:
            s += f", {rng.choice(('and', 'but', 'because'))} {self.clause()}"
        return s[0].upper() + s[1:]

    def quote_paragraph(self) -> str:
        rng = self.rng
        q = self.quote_sentence()
        p = rng.choice(self.people)
        speaker = self.person(p=p)
        verb = rng.choice(V.SPEECH_VERBS)
        r = rng.random()
        if r < 0.45:
            role = f", {p.role}" if speaker != p.surname else ""
            inverted = rng.choice(("said", "said", "said", "added", "wrote", "noted"))
            text = f"“{q},” {inverted} {speaker}{role}."
        elif r < 0.75:
            text = f"“{q},” {speaker} {verb}. “{self.quote_sentence()}.”"
        elif r < 0.9:
            first, rest = q.split(" ", 1)
            if first in LOWERABLE:
                first = first.lower()
            text = f"{speaker} {verb} {self.noun_phrase()} “{first} {rest}.”"
        else:
            text = f"“{q}. {self.quote_sentence()},” {speaker} {verb}."
        return text

    def paragraph(self) -> str:
        rng = self.rng
        if rng.random() < 0.28:
            return self.quote_paragraph()
        n = 1 + int(rng.random() ** 1.6 * 4)
        return " ".join(self.sentence() for _ in range(n))

    def headline(self) -> str:
        rng, lex = self.rng, self.lex
        base, third, past, ing = lex.verb.pick(rng)
        t1, t2 = self.topic.pick(rng), self.topic.pick(rng)
        sing, plur = lex.noun.pick(rng)
        adj, prep = lex.adj.pick(rng), lex.prep.pick(rng)
        who = self.people[0].surname
        r = rng.random()
        if r < 0.25:
            h = f"{rng.choice(self.orgs)} {third} {adj} {t1} {prep} {plur}"
        elif r < 0.5:
            h = f"{who} {third} {t1} {plur} {prep} {self.places[0]}"
        elif r < 0.7:
            h = f"{rng.randint(2, 600)} {plur} urge {rng.choice(self.places)} to {base} {t1} {t2}"
        elif r < 0.85:
            h = f"{self.places[0]} {t1} {sing} {third} amid {adj} {t2}"
        else:
            h = f"{adj} {t1}: {who} {third} {lex.noun.pick(rng)[1]}"
        return h[0].upper() + h[1:]


def _lognormal_words(rng: Random) -> int:
    n = int(rng.lognormvariate(math.log(BODY_MEDIAN_WORDS), 0.45))
    return max(BODY_MIN_WORDS + 20, min(n, BODY_MAX_WORDS - 180))


def make_story(seed: int, sid: int) -> Story:
    """The canonical version of story ``sid``: its facts, paragraphs and headline."""
    rng = Random(f"clippings-bench/{seed}/story/{sid}")
    lex = lexicon()
    topic = rng.choice(lex.topic_names)
    published = DATE_MIN + dt.timedelta(days=rng.randrange((DATE_MAX - DATE_MIN).days + 1))
    people = []
    for _ in range(rng.randint(2, 5)):
        p = lex.people.pick(rng)
        if p not in people:
            people.append(p)
    places = _unique(
        [lex.cities.pick(rng), lex.states.pick(rng), lex.countries.pick(rng)][: rng.randint(1, 3)]
    )
    orgs = _unique([lex.orgs.pick(rng) for _ in range(rng.randint(1, 3))])
    w = Writer(rng, lex, topic, people, places, orgs)
    target = _lognormal_words(rng)
    paragraphs, words = [], 0
    while words < target:
        p = w.paragraph()
        paragraphs.append(p)
        words += len(p.split())
    if rng.random() < 0.08:  # a rare word, so rare-word queries have a handful of hits
        i = rng.randrange(len(paragraphs))
        paragraphs[i] = paragraphs[i].replace(" the ", f" the {lex.rare.pick(rng)} ", 1)
    dateline = places[0].upper() if rng.random() < 0.35 else ""
    if dateline:
        paragraphs[0] = f"{dateline} — {paragraphs[0]}"
    byline = lex.reporters.pick(rng)
    return Story(sid, topic, published, people, places, orgs, paragraphs, w.headline(), byline,
                 dateline)


# --------------------------------------------------------------------------- outlet styles


@dataclass(frozen=True)
class Style:
    """Probabilities of each kind of page furniture for one outlet."""

    ads: float = 0.25
    nav: float = 0.3
    photo: float = 0.3
    copyright: float = 0.2
    licensing: float = 0.04
    contact: float = 0.2
    credit: float = 0.1
    separator: float = 0.12
    single_newlines: float = 0.1
    title_case: float = 0.3
    straight_quotes: float = 0.05
    pull_quote: float = 0.05
    site_footer: float = 0.05
    byline: float = 0.2


STYLES: dict[str, Style] = {
    "latimes": Style(ads=0.9, nav=0.6, contact=0.8, separator=0.8, copyright=0.1),
    "washtimes": Style(copyright=0.85, separator=0.8, licensing=0.8, single_newlines=0.85,
                       ads=0.05, nav=0.1, contact=0.1),
    "breitbart": Style(photo=0.8, site_footer=0.7, title_case=0.95, ads=0.1, copyright=0.05),
    "reuters": Style(credit=0.9, ads=0.05, photo=0.2, copyright=0.3, title_case=0.05),
    "ap": Style(credit=0.6, photo=0.6, copyright=0.5, title_case=0.1),
    "huffpost": Style(nav=0.8, pull_quote=0.5, straight_quotes=0.9, title_case=0.95),
    "nyt": Style(ads=0.5, title_case=0.6, byline=0.5),
    "wapo": Style(ads=0.4, nav=0.5, byline=0.5, title_case=0.1),
    "bbc": Style(nav=0.6, photo=0.5, copyright=0.4, title_case=0.05),
    "guardian": Style(nav=0.5, photo=0.5, copyright=0.4, title_case=0.05, contact=0.3),
}
DEFAULT_STYLE = Style()

NAV_LINES = ("Share", "Skip to footer", "Share this article", "Read more", "Skip to content",
             "Share on Facebook", "Share on Twitter", "Email", "Print")
AD_LINES = ("Advertisement", "Advertisement", "Advertisement", "Sponsored content", "ADVERTISEMENT")
LICENSING_LINES = (
    "This content is published through a licensing agreement with Acquire Media using its "
    "NewsEdge technology.",
    "Distributed by Tribune Content Agency, LLC.",
    "This article was provided by The Associated Press.",
)
SITE_FOOTERS = ("Please let us know if you're having issues with commenting.",
                "Comments are closed for this article.", "Sign up for our newsletter")
COMMENT_HEADINGS = ("Join the discussion",)


# --------------------------------------------------------------------------- rendering


@dataclass
class Rendered:
    """One file's content and what the generator knows about it (for summaries and tests)."""

    text: str
    headline: str  # "" when the file has none
    paragraphs: list[str]
    boilerplate: dict[str, list[str]]  # LineKind value -> lines
    comments: list[str] | None
    date_prefixed: bool
    outlet: str  # slug
    sidecar: dict | None
    body_words: int = 0
    story: int = 0
    copy: int = 0


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _title_case(text: str) -> str:
    small = {"a", "an", "the", "of", "to", "in", "on", "for", "at", "by", "and", "or", "amid"}
    words = text.split()
    return " ".join(
        w if (i and w in small) or not w[:1].islower() else w[0].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _comments(rng: Random, w: Writer) -> list[str]:
    lex = w.lex
    n = max(1, min(60, int(rng.expovariate(1 / 12)) + 1))
    out = []
    for _ in range(n):
        r = rng.random()
        words = [lex.comment_words.pick(rng) for _ in range(rng.randint(3, 30))]
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        if r < 0.2:
            text = rng.choice(V.COMMENT_OPENERS) + " " + text
        if r > 0.85:
            text = w.sentence()[:-1] + "…"
        elif r > 0.75:
            text = text.upper() + "!"
        else:
            text += rng.choice((".", "!", "?", "…", "!!", "."))
        if rng.random() < 0.1:
            text = text.replace("dont", "don’t").replace(" s ", "’s ")
        out.append(text)
    return out


def render_copy(story: Story, seed: int, copy: int, outlet: tuple[str, str, str, str],
                *, date_rate: float, no_headline_rate: float, comment_rate: float,
                sidecar_rate: float) -> Rendered:
    """Copy ``copy`` of ``story`` as outlet ``outlet`` would publish it (copy 0 is canonical)."""
    rng = Random(f"clippings-bench/{seed}/copy/{story.sid}/{copy}")
    lex = lexicon()
    name, slug, domain, publisher = outlet
    style = STYLES.get(slug, DEFAULT_STYLE)
    w = Writer(rng, lex, story.topic, story.people, story.places, story.orgs)

    paragraphs = list(story.paragraphs)
    headline = story.headline
    published = story.published
    if copy:  # a light rewrite: new headline, drops, a swap, a changed sentence
        headline = w.headline()
        published += dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        words = sum(len(p.split()) for p in paragraphs)
        for i in range(len(paragraphs) - 1, 0, -1):
            n = len(paragraphs[i].split())
            if rng.random() < 0.15 and words - n >= BODY_MIN_WORDS + 10 and len(paragraphs) > 3:
                del paragraphs[i]
                words -= n
        if len(paragraphs) > 3 and rng.random() < 0.6:
            i = rng.randrange(1, len(paragraphs) - 1)
            paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        i = rng.randrange(len(paragraphs))
        sentences = paragraphs[i].split(". ")
        j = rng.randrange(len(sentences))
        new = w.sentence()
        sentences[j] = new[:-1] if j < len(sentences) - 1 else new
        paragraphs[i] = ". ".join(sentences)

    straight = rng.random() < style.straight_quotes
    if straight:
        table = str.maketrans({"“": '"', "”": '"', "’": "'"})
        paragraphs = [p.translate(table) for p in paragraphs]
    # page noise seen in real scrapes: a stray leading space, a doubled space
    for i in range(len(paragraphs)):
        r = rng.random()
        if r < 0.02:
            paragraphs[i] = " " + paragraphs[i]
        elif r < 0.04:
            paragraphs[i] = paragraphs[i].replace(" ", "  ", 1)
    if rng.random() < style.title_case:
        headline = _title_case(headline)
    body_words = sum(len(p.split()) for p in paragraphs)

    bp: dict[str, list[str]] = {}

    def furniture(kind: str, line: str) -> str:
        bp.setdefault(kind, []).append(line)
        return line

    date_prefixed = rng.random() < date_rate
    headless = date_prefixed or rng.random() < no_headline_rate / max(1e-9, 1 - date_rate)
    top: list[str] = []
    if not date_prefixed:
        if rng.random() < style.ads * 0.6:
            top.append(furniture("advertising", rng.choice(AD_LINES)))
        if not headless:
            top.append(headline)
        if rng.random() < style.photo:
            r = rng.random()
            if r < 0.4:
                top.append(furniture("photo", "AP Photo"))
                if rng.random() < 0.5:
                    top.append(furniture("photo", "AP File Photo"))
            else:
                who = story.people[0]
                agency = rng.choice(V.PHOTO_AGENCIES)
                top.append(furniture("photo", f"{who.full} (Photo: {agency})"))
        if rng.random() < style.nav * 0.6:
            top.append(furniture("navigation", rng.choice(NAV_LINES[:4])))
        if rng.random() < style.pull_quote:
            quoted = [p for p in paragraphs if p.startswith(("“", '"'))]
            if quoted:
                top.append(quoted[0].split("”")[0].split('," ')[0].rstrip(",") + "”")

    byline = ""
    if rng.random() < style.byline:
        byline = story.byline if copy == 0 else lex.reporters.pick(rng)

    body: list[str] = []
    if byline and not date_prefixed:
        body.append(f"By {byline}")
    ad_every = rng.randint(3, 6) if rng.random() < style.ads else 0
    for i, p in enumerate(paragraphs):
        body.append(p)
        if ad_every and i and i % ad_every == 0 and i < len(paragraphs) - 1:
            body.append(furniture("advertising", rng.choice(AD_LINES)))
        elif rng.random() < 0.01:
            p0 = rng.choice(story.people)
            body.append(furniture("photo", f"{p0.full} (Photo: {rng.choice(V.PHOTO_AGENCIES)})"))

    tail: list[str] = []
    if ad_every and rng.random() < 0.5:
        tail.append(furniture("advertising", "Advertisement"))
    if rng.random() < style.credit:
        r1, r2 = lex.reporters.pick(rng), lex.reporters.pick(rng)
        city = rng.choice(story.places)
        if slug == "ap" or rng.random() < 0.2:
            tail.append(furniture("credit", f"Associated Press writer {r1} in {city} contributed "
                                            "to this report."))
        elif rng.random() < 0.5:
            tail.append(furniture("credit", f"Reporting by {r1} in {city}; Editing by {r2}"))
        else:
            r3 = lex.reporters.pick(rng)
            tail.append(furniture("credit", f"Reporting by {r1} in {city} and {r3} in "
                                            f"{lex.cities.pick(rng)} Additional reporting by {r2}"))
    separator = rng.random() < style.separator
    if separator and rng.random() < 0.5:
        tail.append(furniture("separator", rng.choice(("--", "--", "—-", "***"))))
    if rng.random() < style.contact:
        reporter = byline or lex.reporters.pick(rng)
        tail.append(furniture("contact", reporter.lower().replace(" ", ".") + "@" + domain))
        if ad_every:
            tail.append(furniture("advertising", "Advertisement"))
    if rng.random() < style.copyright:
        year = published.year
        tail.append(furniture("copyright", rng.choice((
            f"© Copyright (c) {year} {publisher}, Inc.",
            f"© {year} {publisher}. All rights reserved.",
            f"Copyright {year} {publisher}. All rights reserved.",
        ))))
        if separator:
            tail.append(furniture("separator", "—-"))
            separator = False
    if separator:
        tail.append(furniture("separator", "--"))
    if rng.random() < style.licensing:
        tail.append(furniture("licensing", rng.choice(LICENSING_LINES)))
    if rng.random() < style.nav * 0.5:
        tail.append(furniture("navigation", "Skip to footer"))

    comments = None
    if rng.random() < comment_rate:
        tail.append(rng.choice(COMMENT_HEADINGS))
        comments = _comments(rng, w)
        tail.extend(comments)
    elif rng.random() < style.site_footer:
        tail.append(furniture("site", rng.choice(SITE_FOOTERS)))

    single = rng.random() < style.single_newlines
    if date_prefixed:
        first = f" date {published.isoformat()} {body[0].lstrip()}"
        blocks = [first] + body[1:]
    else:
        blocks = top + body
    text = "\n".join(blocks) if single else "\n\n".join(blocks)
    if tail:
        # comments are always one a line; the page furniture follows the body's spacing
        sep = "\n" if single else "\n\n"
        head = tail[: len(tail) - len(comments)] if comments else tail
        text += sep + sep.join(head)
        if comments:
            text += "\n" + "\n".join(comments)
    if rng.random() < 0.3:
        text += "\n"

    sidecar = None
    if rng.random() < sidecar_rate:
        fields = {
            "url": f"https://www.{domain}/{published:%Y/%m/%d}/{_slug(headline)}",
            "source": name,
            "published": published.isoformat(),
            "byline": byline or story.byline,
            "headline": headline,
        }
        keys = [k for k in fields if rng.random() < 0.6] or ["url"]
        sidecar = {k: fields[k] for k in keys}

    return Rendered(text, "" if headless else headline, paragraphs, bp, comments, date_prefixed,
                    slug, sidecar, body_words, story.sid, copy)


# --------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class Task:
    index: int  # file number
    story: int
    copy: int
    outlet: int  # index into vocabulary.OUTLETS


def plan(count: int, seed: int, syndication_rate: float) -> Iterator[Task]:
    """Which story and outlet each file gets. Streams; holds only pending syndicated copies.

    ``syndication_rate`` is the expected fraction of files that belong to a syndicated group
    (a story published by 2–5 different outlets, copies within ``COPY_WINDOW`` files).
    """
    rng = Random(f"clippings-bench/{seed}/plan")
    lex = lexicon()
    r = min(max(syndication_rate, 0.0), 0.999)
    p_group = r / (MEAN_COPIES - (MEAN_COPIES - 1) * r)
    outlet_index = {o: i for i, o in enumerate(V.OUTLETS)}
    pending: dict[int, Task] = {}
    sid = 0
    for index in range(count):
        task = pending.pop(index, None)
        if task is not None:
            yield Task(index, task.story, task.copy, task.outlet)
            continue
        outlet = lex.outlets.pick(rng)
        if rng.random() < p_group:
            n = rng.randint(2, 5)
            outlets = [outlet]
            while len(outlets) < n:
                o = lex.outlets.pick(rng)
                if o not in outlets:
                    outlets.append(o)
            for k in range(1, n):
                at = index + rng.randint(1, COPY_WINDOW)
                while at in pending:
                    at += 1
                pending[at] = Task(at, sid, k, outlet_index[outlets[k]])
        yield Task(index, sid, 0, outlet_index[outlet])
        sid += 1


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class Options:
    seed: int
    date_rate: float
    no_headline_rate: float
    comment_rate: float
    sidecar_rate: float


def build(task: Task, opts: Options) -> Rendered:
    story = make_story(opts.seed, task.story)
    return render_copy(story, opts.seed, task.copy, V.OUTLETS[task.outlet],
                       date_rate=opts.date_rate, no_headline_rate=opts.no_headline_rate,
                       comment_rate=opts.comment_rate, sidecar_rate=opts.sidecar_rate)


def file_name(index: int, data: bytes) -> str:
    return f"{index:07d}_{hashlib.blake2b(data, digest_size=8).hexdigest()}.txt"


# per-file stats: files, sidecars, date_prefixed, headless, with_comments, body_words, bytes,
# syndicated copies (copy > 0)
_NSTATS = 8


def _write_batch(args: tuple[str, list[Task], Options]) -> tuple[list[int], list[int]]:
    out_dir, tasks, opts = args
    stats = [0] * _NSTATS
    groups = []  # stories that got a copy > 0 in this batch
    for task in tasks:
        art = build(task, opts)
        data = art.text.encode("utf-8")
        name = file_name(task.index, data)
        with open(os.path.join(out_dir, name), "wb") as fh:
            fh.write(data)
        stats[0] += 1
        if art.sidecar is not None:
            with open(os.path.join(out_dir, name[:-4] + ".json"), "w", encoding="utf-8") as fh:
                json.dump(art.sidecar, fh, ensure_ascii=False)
            stats[1] += 1
        stats[2] += art.date_prefixed
        stats[3] += not art.headline
        stats[4] += art.comments is not None
        stats[5] += art.body_words
        stats[6] += len(data)
        if task.copy:
            stats[7] += 1
            groups.append(task.story)
    return stats, groups


@dataclass
class Summary:
    out_dir: str
    files: int
    sidecars: int
    stories: int
    syndicated_groups: int
    syndicated_files: int  # files in a syndicated group, first copies included
    date_prefixed: int
    headless: int  # no headline line (date-prefixed ones included)
    with_comments: int
    body_words: int
    bytes: int
    seconds: float
    seed: int
    options: dict = field(default_factory=dict)

    @property
    def files_per_second(self) -> float:
        return self.files / self.seconds if self.seconds else float("inf")


def generate(out_dir: str | os.PathLike, count: int, seed: int = 0, *,
             syndication_rate: float = 0.05, comment_rate: float = 0.15,
             date_rate: float = 0.2, no_headline_rate: float = 0.05,
             sidecar_rate: float = 0.03, workers: int | None = None,
             progress: bool | None = None, batch_size: int = 250) -> Summary:
    """Write ``count`` raw article files (and sidecars) into ``out_dir``; return a Summary.

    ``workers``: processes to write with (default: the CPU count, 1 for small counts); the output
    is the same for any value. ``progress``: show a tqdm bar (default: when stdout is a tty).
    """
    if count < 0:
        raise ValueError("count must be >= 0")
    for rate_name, rate in (("syndication_rate", syndication_rate),
                            ("comment_rate", comment_rate), ("date_rate", date_rate),
                            ("no_headline_rate", no_headline_rate),
                            ("sidecar_rate", sidecar_rate)):
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"{rate_name} must be between 0 and 1")
    if date_rate + no_headline_rate > 1.0:
        raise ValueError("date_rate + no_headline_rate must be at most 1")
    start = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    opts = Options(seed, date_rate, no_headline_rate, comment_rate, sidecar_rate)
    if workers is None:
        workers = 1 if count < 2000 else (os.cpu_count() or 1)
    workers = max(1, workers)
    if progress is None:
        progress = sys.stdout.isatty()

    lexicon()  # build before forking, so that workers share it

    def batches() -> Iterator[tuple[str, list[Task], Options]]:
        batch: list[Task] = []
        for task in plan(count, seed, syndication_rate):
            batch.append(task)
            if len(batch) >= batch_size:
                yield str(out), batch, opts
                batch = []
        if batch:
            yield str(out), batch, opts

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=count, unit="file", desc="generating")
    totals = [0] * _NSTATS
    syndicated: set[int] = set()
    pool = None
    try:
        if workers == 1:
            results = map(_write_batch, batches())
        else:
            import multiprocessing as mp

            ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
            pool = ctx.Pool(workers)
            results = pool.imap(_write_batch, batches(), chunksize=1)
        for stats, groups in results:
            for i, v in enumerate(stats):
                totals[i] += v
            syndicated.update(groups)
            if bar is not None:
                bar.update(stats[0])
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if bar is not None:
            bar.close()
    files = totals[0]
    return Summary(
        out_dir=str(out), files=files, sidecars=totals[1],
        stories=files - totals[7], syndicated_groups=len(syndicated),
        syndicated_files=totals[7] + len(syndicated), date_prefixed=totals[2],
        headless=totals[3], with_comments=totals[4], body_words=totals[5], bytes=totals[6],
        seconds=time.perf_counter() - start, seed=seed,
        options={"syndication_rate": syndication_rate, "comment_rate": comment_rate,
                 "date_rate": date_rate, "no_headline_rate": no_headline_rate,
                 "sidecar_rate": sidecar_rate, "workers": workers},
    )


# --------------------------------------------------------------------------- CLI


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python bench/generate.py",
        description="Write realistic raw scraped news articles (NNNNNNN_<hex16>.txt, plus a "
                    "few NNNNNNN_<hex16>.json sidecars) for ingestion, search and export "
                    "benchmarks. The output depends only on --seed and the rates.",
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="directory to write into (created)")
    parser.add_argument("--count", "-n", type=_positive, required=True,
                        help="number of article files to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--syndication-rate", type=_rate, default=0.05,
                        help="fraction of files that belong to a story published by 2-5 "
                             "outlets, each lightly rewritten (default: 0.05)")
    parser.add_argument("--comment-rate", type=_rate, default=0.15,
                        help="fraction of files ending with 'Join the discussion' and 1-60 "
                             "reader comments (default: 0.15)")
    parser.add_argument("--date-rate", type=_rate, default=0.2,
                        help="fraction of files starting with ' date YYYY-MM-DD ' and no "
                             "headline (default: 0.2)")
    parser.add_argument("--no-headline-rate", type=_rate, default=0.05,
                        help="fraction of files with no headline and no date (default: 0.05)")
    parser.add_argument("--sidecar-rate", type=_rate, default=0.03,
                        help="fraction of files with a JSON metadata sidecar (default: 0.03)")
    parser.add_argument("--workers", "-j", type=int, default=None,
                        help="processes to write with (default: CPU count; the output is the "
                             "same for any value)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: when stdout is a terminal)")
    args = parser.parse_args(argv)
    try:
        summary = generate(
            args.out_dir, args.count, args.seed, syndication_rate=args.syndication_rate,
            comment_rate=args.comment_rate, date_rate=args.date_rate,
            no_headline_rate=args.no_headline_rate, sidecar_rate=args.sidecar_rate,
            workers=args.workers, progress=args.progress,
        )
    except ValueError as exc:
        parser.error(str(exc))
    report = asdict(summary)
    report["files_per_second"] = round(summary.files_per_second, 1)
    report["seconds"] = round(summary.seconds, 2)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
