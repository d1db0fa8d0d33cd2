"""The pure-Python extractors, without Django: quotes, entities, clusters."""

import datetime as dt

import pytest

from archive.parsing import parse_article
from newsroom.extraction.clusters import (
    ClusterSettings,
    StoryClusterer,
    band_keys,
    choose_lead,
    cluster_texts,
    fingerprint,
    from_signature_bytes,
    signature_bytes,
)
from newsroom.extraction.entities import (
    ORGANISATION,
    PERSON,
    PLACE,
    extract_entities,
    initials,
    resolve_with,
)
from newsroom.extraction.quotes import extract_quotes, strip_titles
from tests.helpers import SEED_FILES


def seed_body(prefix: str) -> str:
    path = next(p for p in SEED_FILES if p.name.startswith(prefix))
    return parse_article(path.read_bytes(), []).body


# --- quotes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "“This will be assembly-line justice for everyone,” Cecillia Wang from the American "
            "Civil Liberties Union said in a statement.",
            "This will be assembly-line justice for everyone",
            "Cecillia Wang",
        ),
        (
            "“We will not back down from this fight,” said Mayor Ana Ruiz on Monday.",
            "We will not back down from this fight",
            "Ana Ruiz",
        ),
        (
            "The agency disagreed. According to the Red Cross, “supplies will last for two weeks "
            "at most.”",
            "supplies will last for two weeks at most.",
            "Red Cross",
        ),
        (
            "Homeland Security Assistant Secretary John Morton said: “We are making important "
            "changes to the program.”",
            "We are making important changes to the program.",
            "John Morton",
        ),
        (
            "“Federal criminal prosecution is the wrong response,” the groups wrote this week.",
            "Federal criminal prosecution is the wrong response",
            "the groups",
        ),
    ],
)
def test_quote_and_speaker(text, quote, speaker):
    quotes = extract_quotes(text)
    assert [(q.text, q.speaker) for q in quotes] == [(quote, speaker)]


def test_a_quotation_split_around_its_attribution_is_one_quote():
    text = (
        "“The prosecutions almost exclusively target Latinos,” the letter reads. “DOJ should not "
        "be in the business of immigration enforcement.”\n\nNext paragraph."
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == "the letter"
    # The comma before "the letter reads" ended a sentence: the joined quote keeps a full stop.
    assert quote.text == (
        "The prosecutions almost exclusively target Latinos. DOJ should not be in the business "
        "of immigration enforcement."
    )


def test_a_split_quotation_that_goes_on_keeps_its_comma():
    text = (
        "“We will keep going,” she said, “until the program ends for good.”\n\nNext paragraph."
    )
    [quote] = extract_quotes(text, people=[(0, "Jane Roe")])
    assert quote.text == "We will keep going, until the program ends for good."


def test_scare_quotes_are_not_quotations():
    assert extract_quotes("Critics call the plan “profoundly immoral” and “absurd.”") == []


def test_she_said_resolves_to_the_person_named_before():
    text = (
        "Jessica Vaughan, policy studies director, called the effort absurd.\n\n"
        "“This is opening a new front in the advocacy war,” she said."
    )
    [quote] = extract_quotes(text, people=[(0, "Jessica Vaughan")])
    assert quote.speaker == "Jessica Vaughan"
    assert extract_quotes(text)[0].speaker == ""  # nobody to resolve to: says so


def test_titles_are_stripped_from_speakers():
    assert strip_titles("Attorney General Jeff Sessions") == "Jeff Sessions"
    assert strip_titles("Jeff Sessions") == "Jeff Sessions"


def test_seed_reports_both_carry_the_immoral_quote():
    for prefix in ("000", "001"):
        texts = [q.text.lower() for q in extract_quotes(seed_body(prefix))]
        assert any("criminalizing migration is profoundly immoral" in t for t in texts), prefix


# --- entities ----------------------------------------------------------------------------------


def entities_of(text):
    return set(extract_entities(text).entities())


def test_a_title_makes_a_person_and_is_not_part_of_the_name():
    found = entities_of("Attorney General Jeff Sessions spoke in Texas. Mr. Sessions left.")
    assert (PERSON, "Jeff Sessions") in found
    assert (PLACE, "Texas") in found
    assert not any(kind == ORGANISATION for kind, _ in found)
    result = extract_entities("Attorney General Jeff Sessions spoke. Mr. Sessions left.")
    assert [m.name for m in result.mentions if m.kind == PERSON] == ["Jeff Sessions"] * 2
    assert result.aliases[(PERSON, "Jeff Sessions")] == {"Sessions"}


def test_acronym_resolves_to_the_long_form_in_the_article():
    result = extract_entities(
        "The Southern Poverty Law Center sued. Lawyers for the SPLC said the case was strong."
    )
    assert (ORGANISATION, "Southern Poverty Law Center") in result.entities()
    assert result.aliases[(ORGANISATION, "Southern Poverty Law Center")] == {"SPLC"}
    assert initials("American Civil Liberties Union") == "ACLU"


def test_shipped_acronyms_expand_and_two_organisations_joined_by_and_split():
    found = entities_of("A report Wednesday by the ACLU and Century Foundation was released.")
    assert found == {
        (ORGANISATION, "American Civil Liberties Union"),
        (ORGANISATION, "Century Foundation"),
    }


def test_sentence_starts_and_dates_are_not_entities():
    found = entities_of(
        "However, the plan failed. In a letter to Lynch on Tuesday, Attorney General Loretta "
        "Lynch Tuesday agreed."
    )
    assert found == {(PERSON, "Loretta Lynch")}


def test_corpus_aliases_resolve_what_the_article_cannot():
    result = extract_entities("The Obama administration changed course, said President Obama.")
    known = {"Obama": (PERSON, "Barack Obama")}
    resolved = resolve_with(result, known.get)
    assert resolved.entities() == [(PERSON, "Barack Obama")]


def test_seed_article_003_entities():
    found = entities_of(seed_body("003"))
    for expected in [
        (PERSON, "Jeff Sessions"),
        (PERSON, "Donald Trump"),
        (PERSON, "Barack Obama"),
        (PERSON, "Cecillia Wang"),
        (ORGANISATION, "American Civil Liberties Union"),
        (ORGANISATION, "Department of Homeland Security"),
        (ORGANISATION, "Justice Department"),
        (PLACE, "Arizona"),
        (PLACE, "New Mexico"),
    ]:
        assert expected in found
    assert (ORGANISATION, "Attorney General Jeff Sessions") not in found


# --- clusters ----------------------------------------------------------------------------------


def test_seed_letter_reports_form_one_story_and_nothing_else_joins():
    settings = ClusterSettings()
    items = [(p.name[:3], parse_article(p.read_bytes(), []).body) for p in SEED_FILES]
    assert cluster_texts(items, settings) == [["000", "001"], ["002"], ["003"], ["004"]]


def test_a_syndicated_copy_joins_and_an_unrelated_article_does_not():
    body = seed_body("002")
    copy = body.replace("Wednesday", "Thursday").replace("Denver", "The city of Denver")
    clusterer = StoryClusterer(ClusterSettings())
    assert clusterer.add("a", body) == []
    assert clusterer.add("b", copy) == ["a"]
    assert clusterer.add("c", seed_body("004")) == []


def test_band_keys_are_shared_by_copies_and_signatures_round_trip():
    settings = ClusterSettings()
    a = fingerprint(seed_body("002"), settings)
    b = fingerprint(seed_body("002") + "\n\nOne more line.", settings)
    c = fingerprint(seed_body("004"), settings)
    assert set(band_keys(a, settings)) & set(band_keys(b, settings))
    assert not set(band_keys(a, settings)) & set(band_keys(c, settings))
    restored = from_signature_bytes(signature_bytes(a.body), settings)
    assert restored.jaccard(a.body) == 1.0


def test_lead_is_earliest_published_then_longest():
    day = dt.date(2020, 1, 2)
    assert choose_lead([(1, day, 10), (2, None, 900), (3, day - dt.timedelta(1), 5)]) == 3
    assert choose_lead([(1, day, 10), (2, day, 50)]) == 2
    assert choose_lead([(1, None, 10), (2, None, 50)]) == 2


def test_batch_clustering_agrees_with_the_incremental_clusterer():
    from newsroom.extraction.clusters import SignatureMatrix, batch_clusters

    settings = ClusterSettings()
    bodies = [parse_article(p.read_bytes(), []).body for p in SEED_FILES]
    bodies.append(bodies[2].replace("Wednesday", "Thursday"))  # a syndicated copy of 002
    signatures = SignatureMatrix(len(bodies), settings)
    for body in bodies:
        signatures.add(fingerprint(body, settings))
    assert batch_clusters(signatures) == [[0, 1], [2, 5], [3], [4]]


def test_a_title_case_sentence_is_not_a_name():
    text = (
        "Read The Full Report Of The Commission On The Future Of The National Union Of "
        "Teachers And Lecturers Here. Jane Doe of the Teachers Union said so."
    )
    names = [name for _, name in extract_entities(text).entities()]
    assert all(len(name.split()) <= 10 for name in names)
