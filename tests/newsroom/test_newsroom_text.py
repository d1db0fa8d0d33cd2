"""Newsroom text (issue 14): the story comparison pairs only similar sentences as "reworded",
a surname joins the one full name the corpus gives it (and editors can split it off again), and
reader comments are counted as comments."""

import pytest

from archive.parsing.comments import group_comments
from newsroom import services
from newsroom.extraction.compare import REWORDED_AT, compare, similarity, summary
from newsroom.hooks import NEWSROOM_EXTRACTION
from newsroom.models import Entity, EntityAlias, Mention
from newsroom.surnames import full_name_for, join_surnames, split_surname
from tests.factories import make_article


def test_unrelated_sentences_are_not_reworded():
    left = "The mayor opened the bridge. Traffic was light all day. Officials praised the work."
    right = (
        "The mayor opened the bridge. A storm is expected on Friday. Officials praised the "
        "work done."
    )
    rows = compare(left, right)
    kinds = [(row.kind, row.left, row.right) for row in rows]
    assert kinds[0] == ("same", "The mayor opened the bridge.", "The mayor opened the bridge.")
    assert ("changed", "Officials praised the work.", "Officials praised the work done.") in kinds
    assert ("only_left", "Traffic was light all day.", "") in kinds
    assert ("only_right", "", "A storm is expected on Friday.") in kinds
    assert summary(rows) == {"same": 1, "changed": 1, "only_left": 1, "only_right": 1}
    for row in rows:
        if row.kind == "changed":
            assert similarity(row.left, row.right) >= REWORDED_AT


def test_rewordings_are_paired_in_order_even_after_an_insertion():
    left = "Police arrested two men on Monday. The men were charged with theft."
    right = (
        "Weather was cold. Police arrested two men late on Monday. The two men were charged "
        "with theft."
    )
    rows = compare(left, right)
    assert [r.kind for r in rows] == ["only_right", "changed", "changed"]


def test_comment_lines_become_comments():
    lines = [
        "First reader.",
        "“Judge says no one is immune:",
        "‘No one is above the law’”",
        "Here is my list",
        "1. Being here illegally = OK.",
        "2. Selling drugs = OK",
        "3. Driving without a license = OK",
        "Another reader.",
        "1. A list of one, then a new reader",
    ]
    assert group_comments(lines) == (
        "First reader.",
        "“Judge says no one is immune:\n‘No one is above the law’”",
        "Here is my list",
        "1. Being here illegally = OK.\n2. Selling drugs = OK\n3. Driving without a license = OK",
        "Another reader.",
        "1. A list of one, then a new reader",
    )


@pytest.mark.django_db
def test_the_seed_comments_are_counted_as_comments(seeded):
    from archive.models import CommentBlock

    block = CommentBlock.objects.get()
    numbered = [c for c in block.comments if c.startswith("1. Being in our country illegally")]
    assert len(numbered) == 1 and numbered[0].count("\n") == 4  # five items, one comment
    assert block.comment_count == len(block.comments)
    assert not any(c.startswith(("2. ", "3. ", "4. ", "5. ")) for c in block.comments)


def _analyse(title, body):
    """As ingest stores an article: extraction, then the surname joins."""
    article = make_article(title=title, body=body)
    NEWSROOM_EXTRACTION.store_one(article)
    return article


@pytest.mark.django_db
def test_a_surname_joins_the_one_full_name_and_an_editor_can_split_it():
    only_surname = _analyse(
        "Obama speaks", "President Obama spoke in Chicago on Monday about the economy."
    )
    surname = Entity.objects.get(kind="person", name="Obama")
    assert surname.merged_into is None  # no full name yet
    full_article = _analyse(  # the analysis joins the surname to the one full name
        "Barack Obama visits", "Barack Obama visited Denver. Obama met the governor there."
    )
    barack = Entity.objects.get(kind="person", name="Barack Obama")
    surname.refresh_from_db()
    assert surname.merged_into == barack
    assert set(Mention.objects.filter(entity=barack).values_list("article_id", flat=True)) == {
        only_surname.pk, full_article.pk
    }
    assert EntityAlias.objects.get(kind="person", name="Obama").entity == barack

    split_surname(entity=surname)
    surname.refresh_from_db()
    assert surname.merged_into is None
    assert Mention.objects.filter(entity=surname, article=only_surname).exists()
    assert not Mention.objects.filter(entity=barack, article=only_surname).exists()
    assert Mention.objects.filter(entity=barack, article=full_article).exists()
    assert join_surnames() == []  # the editor's split is kept
    services.analyse_article(article=only_surname)  # and re-extraction keeps it apart
    assert Mention.objects.filter(entity=surname, article=only_surname).exists()


@pytest.mark.django_db
def test_surnames_join_as_the_databases_own_suffix_match_says_whatever_the_case():
    """Surnames are joined from one query for them all: exactly the pairs ``full_name_for``
    (the database's case rules) gives, surname by surname."""
    for name in ("Barack Obama", "Jane Doe", "John DOE", "Ann Lee", "Bo Lee", "Ümit Özil"):
        Entity.objects.create(kind="person", name=name, slug=name.lower().replace(" ", "-"))
    singles = ["OBAMA", "Doe", "Lee", "özil", "Nobody"]
    for name in singles:
        Entity.objects.create(kind="person", name=name, slug=name.lower())
    expected = {}
    for name in singles:
        full = full_name_for(name)
        if full is not None:
            expected[name] = full.name
    joined = {single.name: full.name for single, full in join_surnames()}
    assert joined == expected
    assert "Nobody" not in joined and "Lee" not in joined  # none, and two for certain


@pytest.mark.django_db
def test_an_ambiguous_surname_stays_alone():
    _analyse("Obama speaks", "President Obama spoke in Chicago on Monday about the economy.")
    _analyse("Two Obamas", "Barack Obama and Michelle Obama visited Denver on Tuesday.")
    assert join_surnames() == []
    assert Entity.objects.get(kind="person", name="Obama").merged_into is None
