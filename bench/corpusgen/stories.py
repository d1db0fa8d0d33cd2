"""A story: its facts and prose, generated from one random stream."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from random import Random

from bench import vocabulary as V

from .lexicon import (
    BODY_MAX_WORDS,
    BODY_MEDIAN_WORDS,
    BODY_MIN_WORDS,
    DATE_MAX,
    DATE_MIN,
    Lexicon,
    Person,
    _the,
    _unique,
    lexicon,
)

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
    kind: str = "classic"  # or "realistic" (``realtext.make_real_story``)
    topic_words: tuple[str, ...] = ()


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


