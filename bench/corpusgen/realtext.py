"""Real-looking article text: English word frequencies and a large cast (``--text realistic``).

The classic generator (``stories.py``) writes grammatical sentences from a few thousand words,
so every rare word exists and the entity facets hold a few hundred values. Real news is not
like that, and search got slow on real text in ways that corpus hid (issue 16). This one:

- draws words from English's real frequency curve: ``wordfreq``'s "large" English list
  (``wordfreq==3.1.1`` on PyPI, in requirements-dev.txt; its data ships inside the package,
  nothing is downloaded), about 289,000 alphabetic words, each with its frequency in a blend
  of Wikipedia, subtitles, news, books, web text and social media. "the" is about 5 % of the
  words, and a long tail of words appears once in 100,000 articles, as in real text;
- makes each story bursty: a couple of dozen topic words of middling frequency recur within it;
- names thousands of distinct people (``Faker==40.54.0``'s first and last names of six
  locales, only its name tables, drawn with our own seeded stream), organisations (companies,
  agencies, universities, councils, foundations) and places (real countries, states and
  cities, and made-up towns), the famous ones far more often (Zipf);
- writes articles of 200-2,000 words (log-normal, median about 650) and reader comments in
  the same vocabulary with the misspellings readers make.

Output depends only on the seed and the installed versions of the two packages (pinned).
"""

from __future__ import annotations

import datetime as dt
import math
from itertools import accumulate
from random import Random

from bench import vocabulary as V

from .lexicon import DATE_MAX, DATE_MIN, Person, Zipf, _the, _unique

WORDS_MIN = 200
WORDS_MAX = 2000
WORDS_MEDIAN = 650
PEOPLE = 20_000
ORGANISATIONS = 5_000
TOWNS = 3_000
TOPIC_WORDS = 24
TOPIC_RATE = 0.06  # share of a story's words drawn from its own topic words
TYPO_RATE = 0.03  # share of comment words misspelt

LOCALES = ("en_US", "en_US", "en_US", "en_GB", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT")
COMPANY_SUFFIXES = ("Inc.", "Group", "Holdings", "Partners", "Corp.", "LLC", "and Sons",
                    "Capital", "Industries", "Technologies", "Energy", "Media")
LOCAL_BODIES = ("City Council", "School District", "Police Department", "Port Authority",
                "Housing Authority", "Medical Center", "Community College", "Transit Agency",
                "County Board of Supervisors", "Chamber of Commerce", "Water District",
                "Fire Department", "Public Library", "State University", "Regional Hospital")
MINISTRIES = ("Finance", "Health", "Defence", "Education", "Agriculture", "Justice", "Energy",
              "Foreign Affairs", "Interior", "Transport", "Labour", "Trade", "Culture")
FOUNDATION_KINDS = ("Foundation", "Institute", "Alliance", "Coalition", "Council", "Society",
                    "Association", "Trust", "Network", "Project", "Center", "Fund")
TOWN_SUFFIXES = ("ton", "ville", "burg", "field", "port", "ford", "bury", "wood", "dale",
                 "haven", "mouth", "stead", "view", "worth", "ham", "land", "chester")
TOWN_PREFIXES = ("", "", "", "", "North ", "South ", "East ", "West ", "New ", "Lake ",
                 "Port ", "Fort ", "Mount ")


def _name_tables() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    from importlib import import_module

    tables = {}
    for locale in set(LOCALES):
        provider = import_module(f"faker.providers.person.{locale}").Provider
        first = tuple(dict.fromkeys(list(provider.first_names_male)
                                    + list(provider.first_names_female)))
        tables[locale] = (first, tuple(dict.fromkeys(provider.last_names)))
    return tables


class RealLexicon:
    """Word frequencies and the cast, built once per process (about 2 s)."""

    def __init__(self) -> None:
        import wordfreq

        freqs = wordfreq.get_frequency_dict("en", wordlist="large")
        words = [w for w, f in freqs.items()
                 if w.isascii() and w.isalpha() and len(w) <= 20 and (len(w) > 1 or w in "ai")]
        words.sort(key=lambda w: -freqs[w])  # by rank (dicts keep the list's order; be sure)
        self.words: tuple[str, ...] = tuple(words)
        self.cum: list[float] = list(accumulate(freqs[w] for w in words))
        self.rank = {w: i for i, w in enumerate(words)}
        rng = Random(20260101)
        tables = _name_tables()
        surnames_all = sorted({s for _, last in tables.values() for s in last})
        people, seen = [], set()
        while len(people) < PEOPLE:
            first, last = tables[rng.choice(LOCALES)]
            full = f"{rng.choice(first)} {rng.choice(last)}"
            if full in seen:
                continue
            seen.add(full)
            people.append(full)
        orgs = list(V.ORGANISATIONS)
        topical = self.words[2000:20000]
        states = [s.replace("_", " ") for s in V.STATES]
        towns = []
        while len(towns) < TOWNS:
            stem = rng.choice(surnames_all)
            town = rng.choice(TOWN_PREFIXES) + stem + rng.choice(TOWN_SUFFIXES)
            if town not in towns and " " not in stem:
                towns.append(town)
        from faker.providers.address.en_US import Provider as Address

        countries = _unique([c.replace("_", " ") for c in V.COUNTRIES] + list(Address.countries))
        cities = [c.replace("_", " ") for c in V.CITIES]
        self.places = Zipf(_unique(cities + states + countries + towns), s=0.9, offset=3.0)
        seen_orgs = set(orgs)
        while len(orgs) < ORGANISATIONS:
            r = rng.random()
            if r < 0.35:
                org = f"{rng.choice(surnames_all)} {rng.choice(COMPANY_SUFFIXES)}"
            elif r < 0.45:
                org = f"{rng.choice(surnames_all)}-{rng.choice(surnames_all)}"
            elif r < 0.7:
                org = f"{rng.choice(towns + cities)} {rng.choice(LOCAL_BODIES)}"
            elif r < 0.78:
                country = rng.choice(countries)
                org = f"{country} Ministry of {rng.choice(MINISTRIES)}"
            elif r < 0.85:
                org = f"University of {rng.choice(towns + cities + states)}"
            else:
                a, b = rng.choice(topical), rng.choice(topical)
                org = f"{a.title()} {b.title()} {rng.choice(FOUNDATION_KINDS)}"
            if org not in seen_orgs:
                seen_orgs.add(org)
                orgs.append(org)
        self.orgs = Zipf(orgs, s=0.85, offset=3.0)
        cast = []
        for full in people:
            role = rng.choice(V.ROLES).format(org=_the(self.orgs.pick(rng)))
            title = rng.choice(V.TITLES) if rng.random() < 0.15 else ""
            cast.append(Person(full, full.rsplit(" ", 1)[-1], role, title))
        self.people = Zipf(cast, s=1.0, offset=5.0)

    def sample(self, rng: Random, k: int) -> list[str]:
        """``k`` words drawn independently with English's frequencies."""
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def topic_words(self, rng: Random) -> tuple[str, ...]:
        """A story's own words: middling-frequency words (ranks 300-30,000, log-uniform)."""
        return tuple(self.words[int(math.exp(rng.uniform(math.log(300), math.log(30000))))]
                     for _ in range(TOPIC_WORDS))


_REAL: RealLexicon | None = None


def real_lexicon() -> RealLexicon:
    global _REAL
    if _REAL is None:
        _REAL = RealLexicon()
    return _REAL


def _typo(rng: Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    r = rng.random()
    if r < 0.4:  # swapped letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if r < 0.7:  # a dropped letter
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]  # a doubled letter


class RealWriter:
    """Sentences for one story: English frequencies, the story's topic words and cast.

    Has the methods ``render.render_copy`` calls on a ``stories.Writer`` (``sentence``,
    ``headline``) and ``comments`` for the reader comments."""

    def __init__(self, rng: Random, topic_words, people, places, orgs) -> None:
        self.rng, self.lex = rng, real_lexicon()
        self.topic_words = topic_words
        self.people, self.places, self.orgs = people, places, orgs
        self.mentioned: set[str] = set()

    def words(self, k: int) -> list[str]:
        rng = self.rng
        out = self.lex.sample(rng, k)
        for i in range(k):
            if rng.random() < TOPIC_RATE:
                out[i] = rng.choice(self.topic_words)
            elif out[i] == "i":
                out[i] = "I"
        return out

    def person(self, p: Person | None = None) -> str:
        p = p or self.rng.choice(self.people)
        if p.full in self.mentioned:
            return p.surname
        self.mentioned.add(p.full)
        name = f"{p.title} {p.full}" if p.title else p.full
        return f"{name}, {p.role},"

    def entity(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.person()
        if r < 0.8:
            return _the(self.rng.choice(self.orgs))
        return self.rng.choice(self.places)

    def _number(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return f"{rng.randint(2, 99)} percent"
        if r < 0.5:
            return f"${rng.randint(1, 999)}.{rng.randint(1, 9)} million"
        if r < 0.7:
            return str(rng.randint(1990, 2024))
        return f"{rng.randint(2, 9999):,}"

    def clause(self) -> str:
        rng = self.rng
        words = self.words(rng.randint(5, 24))
        if rng.random() < 0.55:
            words.insert(rng.randrange(len(words) + 1), self.entity().rstrip(","))
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words) + 1), self._number())
        if len(words) > 10 and rng.random() < 0.4:
            i = rng.randrange(3, len(words) - 3)
            words[i] += ","
        return " ".join(words)

    def sentence(self) -> str:
        s = self.clause()
        return s[0].upper() + s[1:] + "."

    def quote_paragraph(self) -> str:
        rng = self.rng
        q = self.clause()
        q = q[0].upper() + q[1:]
        speaker = self.person()
        if rng.random() < 0.6:
            return f"“{q},” said {speaker.rstrip(',')}."
        return f"{speaker.rstrip(',')} said: “{q}.”"

    def paragraph(self) -> str:
        rng = self.rng
        if rng.random() < 0.25:
            return self.quote_paragraph()
        n = 1 + int(rng.random() ** 1.5 * 4)
        return " ".join(self.sentence() for _ in range(n))

    def headline(self) -> str:
        rng = self.rng
        words = self.words(rng.randint(4, 9))
        words[rng.randrange(len(words))] = rng.choice(self.topic_words)
        words.insert(rng.randrange(len(words) + 1), rng.choice(
            (self.people[0].surname, self.places[0], self.orgs[0])))
        h = " ".join(words)
        return h[0].upper() + h[1:]

    def comments(self) -> list[str]:
        rng = self.rng
        out = []
        for _ in range(max(1, min(60, int(rng.expovariate(1 / 12)) + 1))):
            words = [_typo(rng, w) if rng.random() < TYPO_RATE else w
                     for w in self.words(rng.randint(3, 40))]
            text = " ".join(words)
            text = text[0].upper() + text[1:] + rng.choice((".", "!", "?", "…", "!!", "."))
            if rng.random() < 0.08:
                text = text.upper()
            out.append(text)
        return out


def body_length(rng: Random) -> int:
    n = int(rng.lognormvariate(math.log(WORDS_MEDIAN), 0.55))
    return max(WORDS_MIN + 20, min(n, WORDS_MAX - 120))


def make_real_story(seed: int, sid: int):
    """Story ``sid`` in realistic text (``stories.Story`` with ``kind="realistic"``)."""
    from .stories import Story

    rng = Random(f"clippings-bench/{seed}/real-story/{sid}")
    lex = real_lexicon()
    published = DATE_MIN + dt.timedelta(days=rng.randrange((DATE_MAX - DATE_MIN).days + 1))
    people = []
    for _ in range(rng.randint(2, 6)):
        p = lex.people.pick(rng)
        if p not in people:
            people.append(p)
    places = _unique([lex.places.pick(rng) for _ in range(rng.randint(1, 4))])
    orgs = _unique([lex.orgs.pick(rng) for _ in range(rng.randint(1, 4))])
    topic_words = lex.topic_words(rng)
    w = RealWriter(rng, topic_words, people, places, orgs)
    target = body_length(rng)
    paragraphs, words = [], 0
    while words < target:
        p = w.paragraph()
        paragraphs.append(p)
        words += len(p.split())
    dateline = places[0].upper() if rng.random() < 0.35 else ""
    if dateline:
        paragraphs[0] = f"{dateline} — {paragraphs[0]}"
    byline = lex.people.pick(rng).full
    return Story(sid, "realistic", published, people, places, orgs, paragraphs, w.headline(),
                 byline, dateline, kind="realistic", topic_words=topic_words)
