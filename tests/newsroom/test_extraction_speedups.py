"""The fast paths of the entity and quote extractors give what the plain rules gave.

The expected mentions below are what the extractor returned before it was made faster
(2026-11, commit 0408dc1); the random-string tests compare each fast path with the plain
definition it replaces.
"""

import pickle
import random
import re

import pytest

from newsroom.extraction import entity_plans
from newsroom.extraction.aliases import Mention
from newsroom.extraction.entities import extract_entities
from newsroom.extraction.entity_rules import (
    _CAPITALISED,
    _NOT_A_DATE,
    _PLACE_BEFORE,
    _SAID_BEFORE,
    RUN,
    place_before,
    said_before,
)
from newsroom.extraction.gazetteer import CONNECTORS
from newsroom.extraction.quotes import Quote, extract_quotes
from newsroom.extraction.text import _CANDIDATE, _mask, mask_abbreviations, quote_key, words

from .test_extraction import seed_body

P, ORG, L = "person", "organisation", "place"


def mentions(text: str) -> list[tuple]:
    return [tuple(m) for m in extract_entities(text).mentions]


@pytest.mark.parametrize(
    ("text", "expected", "unresolved"),
    [
        (  # the chunk keeps the start of "The" it dropped
            "The Kansas Republican said the bill would pass.",
            [("Kansas", L, "Kansas", 0, 6), ("Republican Party", ORG, "Republican", 11, 21)],
            [],
        ),
        (
            "The ACLU and Century Foundation sued. Immigration and Customs Enforcement declined. "
            "The Fresno Library and Oakland Library closed.",
            [
                ("American Civil Liberties Union", ORG, "ACLU", 0, 4),
                ("Century Foundation", ORG, "Century Foundation", 13, 31),
                ("Immigration and Customs Enforcement", ORG,
                 "Immigration and Customs Enforcement", 38, 73),
                ("Fresno Library", ORG, "Fresno Library", 84, 98),
                ("Oakland Library", ORG, "Oakland Library", 107, 122),
            ],
            [],
        ),
        (
            "She moved from Springvale last year, and Springvale never forgot her.",
            [("Springvale", L, "Springvale", 15, 25)],
            [(41, 51, "Springvale")],
        ),
        (
            "Attorney General Jeff Sessions spoke. Mr. Sessions later said Sessions was right.",
            [
                ("Jeff Sessions", P, "Jeff Sessions", 0, 30),
                ("Jeff Sessions", P, "Sessions", 38, 50),
                ("Jeff Sessions", P, "Sessions", 62, 70),
            ],
            [],
        ),
        (  # a dateline city with a full stop: blanked after the text is masked
            "ST. LOUIS, Mo. (Reuters) — Sarah N. Lynch of the U.S. Department of Justice met "
            "Coconino County Sheriff Jim Driscoll on Tuesday.",
            [
                ("St. Louis", L, "St. Louis", 0, 9),
                ("Reuters", ORG, "Reuters", 16, 23),
                ("Sarah N. Lynch", P, "Sarah N. Lynch", 27, 41),
                ("Justice Department", ORG, "Department of Justice", 49, 75),
                ("Coconino County", L, "Coconino County", 80, 95),
                ("Jim Driscoll", P, "Jim Driscoll", 80, 116),
            ],
            [(11, 13, "Mo")],
        ),
        (
            "Headline here\nSAN DIEGO — The Southern Poverty Law Center (SPLC) said the SPLC "
            "would sue. Raymond Choi of Minnesota agreed.",
            [
                ("San Diego", L, "San Diego", 14, 23),
                ("Southern Poverty Law Center", ORG, "Southern Poverty Law Center", 26, 57),
                ("Southern Poverty Law Center", ORG, "SPLC", 59, 63),
                ("Southern Poverty Law Center", ORG, "SPLC", 74, 78),
                ("Raymond Choi", P, "Raymond Choi", 90, 102),
                ("Minnesota", L, "Minnesota", 106, 115),
            ],
            [],
        ),
    ],
)
def test_crafted_texts_give_the_mentions_they_always_gave(text, expected, unresolved):
    result = extract_entities(text)
    assert [tuple(m) for m in result.mentions] == expected
    assert result.unresolved == unresolved


def test_the_same_words_are_judged_by_their_own_context_every_time():
    """One cached plan per run, but "said" after it, "in" before it and the article's
    lower-case words are looked at for each occurrence."""
    text = (
        "Teodora Vance said the plan was sound. Later, Teodora Vance left the room. "
        "Officials praised Teodora Vance, a nurse."
    )
    assert mentions(text) == [
        ("Teodora Vance", P, "Teodora Vance", 0, 13),
        ("Teodora Vance", P, "Teodora Vance", 93, 106),
    ]
    with_word = "Officials at FOO refused. Nobody asked about foo at all."
    without = "Officials at FOO refused. Nobody asked."
    for _ in range(2):  # either order, the cache warm
        assert mentions(with_word) == [] and extract_entities(with_word).unresolved == [
            (13, 16, "FOO")
        ]
        assert mentions(without) == [("FOO", ORG, "FOO", 13, 16)]


def test_an_empty_cache_and_a_warm_one_give_the_same_result():
    body = seed_body("000")
    entity_plans.run_plan.cache_clear()
    cold = extract_entities(body)
    assert entity_plans.run_plan.cache_info().misses > 0
    warm = extract_entities(body)
    assert entity_plans.run_plan.cache_info().hits > 0
    assert (cold.mentions, cold.aliases, cold.unresolved) == (
        warm.mentions, warm.aliases, warm.unresolved)


@pytest.mark.parametrize(
    ("text", "expected", "unresolved"),
    [
        # Once the party word is split off, "Democrats and" is left: the name is "Democrats".
        ("Both Democrats and Republicans agreed.",
         [("organisation", "Democratic Party"), ("organisation", "Republican Party")], []),
        # After a date: "and Trump" is "Trump", resolved to the full name when the article has it.
        ("Donald Trump spoke. It happened in March and Trump said so.",
         [("person", "Donald Trump")], []),
        ("Smith Monday and Jones left.", [], ["Jones"]),
    ],
)
def test_an_and_with_nothing_on_one_side_names_the_other_side(text, expected, unresolved):
    """These raised IndexError before (and failed the whole article at ingest)."""
    found = extract_entities(text)
    assert found.entities() == expected
    assert [name for _, _, name in found.unresolved] == unresolved


def test_quotes_and_speakers_as_before():
    text = (
        "“This will be assembly-line justice for everyone,” Cecillia Wang from the American "
        "Civil Liberties Union said in a statement. “We are flying blind,” she said. "
        "“The first part,” the letter reads. “And the second part of it.” "
        "The Acme Corporation disagreed. “We will appeal the ruling soon,” the company said."
    )
    found = extract_entities(text)
    quotes = extract_quotes(text, found.people(), found.organisations())
    assert [tuple(q) for q in quotes] == [
        ("This will be assembly-line justice for everyone", "Cecillia Wang", 0, 50),
        ("We are flying blind", "Cecillia Wang", 126, 148),
        ("The first part. And the second part of it.", "the letter", 159, 223),
        ("We will appeal the ruling soon", "Acme Corporation", 256, 289),
    ]


def test_mentions_and_quotes_survive_a_pickle_round_trip():
    found = extract_entities(seed_body("000"))
    quotes = extract_quotes(seed_body("000"), found.people(), found.organisations())
    assert found.mentions and quotes
    for value in (found.mentions, quotes):
        back = pickle.loads(pickle.dumps(value))  # noqa: S301 - our own bytes
        assert back == value and [type(v) for v in back] == [type(v) for v in value]
        assert [hash(v) for v in back] == [hash(v) for v in value]
    mention = found.mentions[0]
    assert (mention.name, mention.kind, mention.surface, mention.start, mention.end) == tuple(
        mention)
    assert Mention(*mention) == mention and Quote(*quotes[0]).speaker == quotes[0].speaker


def _random_texts(alphabet: list[str], count: int = 20_000, seed: int = 6) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            for _ in range(count)]


def test_masking_near_full_stops_only_is_the_plain_substitution():
    texts = [
        "U.S.A. and U.K. said Mr. Smith. J. R. R. Tolkien", "a.b.c. A.B.C. AB.C. Jr.. Sr.Mr.",
        "..A.B. N. Lynch", "Ms.", "A.", "", seed_body("000"),
    ] + _random_texts(["A", "a", "B", "Mr", "s", "S", "J", "U", ".", ".", " ", " ", "\u2024",
                       "\n", "-", "’", "N", "1", ","])
    for text in texts:
        assert mask_abbreviations(text) == _CANDIDATE.sub(_mask, text), text


def test_runs_found_from_capital_letters_are_the_look_behind_runs():
    plain = re.compile(
        rf"(?<![\w\u2024]){_CAPITALISED}"
        rf"(?: (?:{'|'.join(sorted(CONNECTORS))}) {_NOT_A_DATE}{_CAPITALISED}| {_CAPITALISED})*"
    )
    texts = [mask_abbreviations(seed_body("000"))] + _random_texts(
        ["A", "B", "x", " ", " ", "\u2024", "-", "’", "'", "1", "_", "é", "É", "\n", "of",
         "and", "Monday", "U\u2024S\u2024"])
    for text in texts:
        assert [m.span() for m in RUN.finditer(text)] == [
            m.span() for m in plain.finditer(text)], text


def test_said_and_place_windows_ruled_out_cheaply_are_those_the_patterns_miss():
    windows = _random_texts(["said", "in", "of the city of", "of", "from", " ", "\n", "\t",
                             "\u00a0", ",", "x", "spokeswoman,", "Said", "near", "told"],
                            count=5_000)
    for window in windows:
        assert said_before(window) == bool(_SAID_BEFORE.search(window)), window
        assert place_before(window) == bool(_PLACE_BEFORE.search(window)), window


def test_quote_keys_lowered_once_are_the_lowered_words_joined():
    texts = ["Don’t STOP — it’s O’Brien’s café, naïve ÉCOLE; İstanbul \u212a x’y 2019’s", "",
             seed_body("000")] + _random_texts(["A", "a", "É", "é", "İ", "\u212a", "’", "'",
                                                " ", "-", "1", "Σ", "ß", "ﬁ", "\n"])
    for text in texts:
        assert quote_key(text) == " ".join(words(text)), text
