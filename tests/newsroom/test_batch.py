"""Ingest's bulk intelligence path (extraction in the parse workers, rows stored per batch) stores
exactly what analysing the same articles one by one stores."""

import shutil
from pathlib import Path

import pytest

from archive.models import Article
from newsroom.extraction.pipeline import analyse_text, prepare_text
from newsroom.hooks import NEWSROOM_EXTRACTION
from newsroom.models import (
    ArticleFingerprint,
    Entity,
    EntityAlias,
    Mention,
    Quote,
    Story,
    StoryBand,
    StoryMembership,
)
from newsroom.services import cluster_settings
from tests.helpers import CORPUS, run_command

pytestmark = pytest.mark.django_db

EVAL = Path(__file__).resolve().parents[2] / "bench" / "eval" / "articles"


def snapshot() -> dict:
    """Everything intelligence stored, by names and file names (ids differ between runs)."""
    stories = {}
    for m in StoryMembership.objects.select_related("article", "story__lead"):
        story = stories.setdefault(m.story_id, {"members": set(), "story": m.story})
        story["members"].add(m.article.file_name)
    return {
        "entities": set(Entity.objects.values_list("kind", "name", "slug")),
        "aliases": set(EntityAlias.objects.values_list("kind", "name", "entity__name")),
        "mentions": set(Mention.objects.values_list(
            "article__file_name", "entity__kind", "entity__name", "count", "first_offset")),
        "quotes": set(Quote.objects.values_list(
            "article__file_name", "position", "text", "key", "speaker_name", "speaker__name")),
        "bands": set(StoryBand.objects.values_list("article__file_name", "key")),
        "fingerprints": {(f, bytes(b), bytes(q)) for f, b, q in ArticleFingerprint.objects
                         .values_list("article__file_name", "body", "quotes")},
        "stories": {
            (frozenset(s["members"]), s["story"].size, s["story"].lead.file_name,
             s["story"].title)
            for s in stories.values()
        },
    }


def wipe() -> None:
    for model in (Mention, Quote, EntityAlias, Entity, StoryBand, ArticleFingerprint,
                  StoryMembership, Story):
        model.objects.all().delete()


@pytest.fixture
def two_folders(tmp_path):
    """The seed corpus, then the 42 labelled evaluation articles (same stories, shared people)."""
    first, second = tmp_path / "seed", tmp_path / "eval"
    shutil.copytree(CORPUS, first, ignore=shutil.ignore_patterns("README*"))
    shutil.copytree(EVAL, second)
    return first, second


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batched_ingest_stores_what_one_by_one_analysis_stores(sources, two_folders, workers):
    for folder in two_folders:  # the second batch finds the first one's rows in the database
        run = run_command("ingest", str(folder), "--workers", workers)
        assert run.ok, run.stderr
    batched = snapshot()
    ordered = list(Article.objects.order_by("id"))
    assert len(ordered) == 5 + 42

    wipe()
    for article in ordered:  # as ingest stores one article (extraction, then surname joins)
        NEWSROOM_EXTRACTION.store_one(article)
    one_by_one = snapshot()

    assert batched == one_by_one
    # Not trivially equal: there is something to compare, and later articles depended on
    # earlier ones (a story across the two folders, a name resolved by the corpus).
    assert len(batched["mentions"]) > 300 and len(batched["quotes"]) > 50
    assert any(len(members) > 2 for members, *_ in batched["stories"])
    assert ("person", "Trump", "Donald Trump") in batched["aliases"]


def test_a_batch_sees_what_earlier_articles_of_the_same_batch_added(sources, tmp_path):
    """One article names "Jeff Sessions", the next only "Sessions": in one batch, the second is
    resolved by the alias the first recorded, and both reports of one letter share a story."""
    for name in ("000", "001", "003"):
        source = next(CORPUS.glob(f"{name}_*.txt"))
        shutil.copy(source, tmp_path / source.name)
    run = run_command("ingest", str(tmp_path), "--workers", "1")
    assert run.ok, run.stderr
    letter = {a.file_name[:3]: a for a in Article.objects.all()}
    assert letter["000"].story_membership.story_id == letter["001"].story_membership.story_id
    assert Story.objects.get(pk=letter["000"].story_membership.story_id).size == 2


def test_prepared_then_finished_equals_analysed_at_once():
    """The worker's half and the writer's half give what one call gives, with and without
    names the corpus knows."""
    settings = cluster_settings()
    corpus = {"Trump": ("person", "Donald Trump"), "Sessions": ("person", "Jeff Sessions")}
    for path in sorted(CORPUS.glob("0*.txt")) + sorted(EVAL.glob("*.txt"))[:10]:
        text = path.read_text(encoding="utf-8")
        for table in ({}, corpus):
            whole = analyse_text(text, lookup=lambda names, t=table: t.get,
                                 cluster_settings=settings)
            halves = prepare_text(text, settings).finish(table.get)
            assert halves.entities == whole.entities, path.name
            assert halves.quotes == whole.quotes and halves.speakers == whole.speakers
            assert halves.fingerprint.body == whole.fingerprint.body


def test_a_worker_less_call_prepares_what_is_missing(seeded):
    article = Article.objects.get(file_name__startswith="003")
    before = snapshot()
    wipe()
    ordered = list(Article.objects.order_by("id"))
    NEWSROOM_EXTRACTION.store_batch(ordered, None)  # nothing prepared: prepared here
    assert snapshot() == before
    assert article.mentions.filter(entity__name="Cecillia Wang").exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_and_at_the_end_of_a_name_never_fails_the_article(sources, tmp_path, workers):
    """"Both Democrats and Republicans" once raised IndexError in the entity extractor, which
    made the whole article fail to ingest."""
    (tmp_path / "parties.txt").write_text(
        "Lawmakers agree on the harbour bill\n\n"
        "Both Democrats and Republicans agreed on Tuesday to fund the harbour repairs.\n\n"
        "It passed in March and Trump signed it, said Jane Roe, a clerk.\n", encoding="utf-8")
    run = run_command("ingest", str(tmp_path), "--workers", workers)
    assert run.ok, run.stderr
    article = Article.objects.get(file_name="parties.txt")
    assert set(article.mentions.values_list("entity__name", flat=True)) >= {
        "Democratic Party", "Republican Party"}
