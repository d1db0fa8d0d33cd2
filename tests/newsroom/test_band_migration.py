"""Migration 0002 turns the LSH band keys into integers and recomputes them from the stored
signatures: after it, the stored keys are exactly what ingest computes now, and going back
restores the old text keys, so that stories keep finding their new versions either way."""

import hashlib

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from archive.parsing import parse_article
from newsroom.extraction.clusters import ClusterSettings, _hashranges, band_keys, fingerprint
from newsroom.services import cluster_settings
from tests.helpers import SEED_FILES

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0001_initial")]
AFTER = [("search", "0002_lean_intelligence_indexes")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _old_text_keys(fp, settings: ClusterSettings) -> set[str]:
    """The keys as the code before migration 0002 wrote them."""
    keys = set()
    for prefix, minhash, threshold in (("b", fp.body, settings.body_threshold),
                                       ("q", fp.quotes, settings.quote_threshold)):
        if minhash is None:
            continue
        values = np.asarray(minhash.hashvalues, dtype=np.uint32)
        for band, (start, end) in enumerate(_hashranges(threshold, settings.num_perm)):
            digest = hashlib.blake2b(values[start:end].tobytes(), digest_size=8).hexdigest()
            keys.add(f"{prefix}{band}:{digest}")
    return keys


def _signature(minhash) -> bytes:
    return b"" if minhash is None else np.asarray(minhash.hashvalues, np.uint32).tobytes()


def test_band_keys_are_recomputed_both_ways():
    settings = cluster_settings()
    fingerprints = [fingerprint(parse_article(p.read_bytes(), []).body, settings)
                    for p in SEED_FILES]
    try:
        apps = _migrate(BEFORE)
        article_model = apps.get_model("search", "Article")
        band_model = apps.get_model("search", "StoryBand")
        ids = []
        for n, fp in enumerate(fingerprints):
            article = article_model.objects.create(
                title=f"A{n}", slug="a", body="B", raw=b"B", raw_sha256=f"{n:064d}",
                file_name=f"{n}.txt")
            apps.get_model("search", "ArticleFingerprint").objects.create(
                article=article, body=_signature(fp.body), quotes=_signature(fp.quotes))
            band_model.objects.bulk_create(band_model(article=article, key=key)
                                           for key in _old_text_keys(fp, settings))
            ids.append(article.pk)

        apps = _migrate(AFTER)
        band_model = apps.get_model("search", "StoryBand")
        for article_id, fp in zip(ids, fingerprints, strict=True):
            stored = set(band_model.objects.filter(article_id=article_id)
                         .values_list("key", flat=True))
            assert stored == set(band_keys(fp, settings))
            assert all(isinstance(key, int) for key in stored)

        apps = _migrate(BEFORE)
        band_model = apps.get_model("search", "StoryBand")
        for article_id, fp in zip(ids, fingerprints, strict=True):
            stored = set(band_model.objects.filter(article_id=article_id)
                         .values_list("key", flat=True))
            assert stored == _old_text_keys(fp, settings)
    finally:
        call_command("migrate", verbosity=0)
