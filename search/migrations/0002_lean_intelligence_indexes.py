# The LSH band keys become 64-bit integers, and indexes that another index already covers go:
# ingest writes about 75 band rows, 10 mentions and 6 quotes an article, and every index is
# updated on every row (bench/README.md, "Intelligence").
#
# The band keys are recomputed from the stored signatures (ArticleFingerprint), so existing
# stories keep finding their new versions. The functions below are copies of the key formulas
# (newsroom.extraction.clusters.band_keys now, and before this migration) so that this migration
# keeps working whatever later becomes of that module.

import hashlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROWS_PER_INSERT = 5000


def _bandings():
    """(signal, threshold) → the LSH ranges datasketch picks, for the configured thresholds."""
    from datasketch import MinHashLSH

    num_perm = getattr(settings, "CLIPPINGS_STORY_NUM_PERM", 128)
    thresholds = (
        (1, "b", getattr(settings, "CLIPPINGS_STORY_BODY_THRESHOLD", 0.5)),
        (2, "q", getattr(settings, "CLIPPINGS_STORY_QUOTE_THRESHOLD", 0.15)),
    )
    return [
        (signal, prefix, MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)
        for signal, prefix, threshold in thresholds
    ]


def _integer_keys(values, ranges, signal):
    import numpy as np

    bands, rows = len(ranges), ranges[0][1] - ranges[0][0]
    block = values[: bands * rows].reshape(bands, rows)
    with np.errstate(over="ignore"):
        keys = np.zeros(bands, dtype=np.uint64)
        for column in range(rows):
            keys = (keys * np.uint64(0x9E3779B97F4A7C15) + block[:, column].astype(np.uint64)
                    + np.uint64(column + 1))
        salt = np.arange(1, bands + 1, dtype=np.uint64) + np.uint64(signal << 32)
        keys = keys ^ (salt * np.uint64(0x9E3779B97F4A7C15))
        keys = (keys ^ (keys >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        keys = (keys ^ (keys >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        keys = keys ^ (keys >> np.uint64(31))
    return keys.view(np.int64).tolist()


def _text_keys(values, ranges, prefix):
    return [
        f"{prefix}{band}:{hashlib.blake2b(values[start:end].tobytes(), digest_size=8).hexdigest()}"
        for band, (start, end) in enumerate(ranges)
    ]


def _rebuild(apps, schema_editor, make_keys):
    import numpy as np

    fingerprints = apps.get_model("search", "ArticleFingerprint")
    band = apps.get_model("search", "StoryBand")
    db = schema_editor.connection.alias
    bandings = _bandings()
    rows = []
    for article_id, *signatures in (
        fingerprints.objects.using(db).order_by("article_id")
        .values_list("article_id", "body", "quotes").iterator(chunk_size=2000)
    ):
        for (signal, prefix, ranges), data in zip(bandings, signatures, strict=True):
            if data:
                values = np.frombuffer(bytes(data), dtype=np.uint32)
                rows += [band(article_id=article_id, key=key)
                         for key in make_keys(values, ranges, signal, prefix)]
        if len(rows) >= ROWS_PER_INSERT:
            band.objects.using(db).bulk_create(rows)
            rows = []
    band.objects.using(db).bulk_create(rows)


def integer_bands(apps, schema_editor):
    _rebuild(apps, schema_editor, lambda values, ranges, signal, prefix:
             _integer_keys(values, ranges, signal))


def text_bands(apps, schema_editor):
    _rebuild(apps, schema_editor, lambda values, ranges, signal, prefix:
             _text_keys(values, ranges, prefix))


def no_bands(apps, schema_editor):
    apps.get_model("search", "StoryBand").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        # The old text keys cannot become integers: the table is emptied, then refilled below.
        migrations.RunPython(no_bands, text_bands),
        migrations.AlterField(
            model_name='mention',
            name='article',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='mentions', to='search.article'),
        ),
        migrations.AlterField(
            model_name='mention',
            name='entity',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='mentions', to='search.entity'),
        ),
        migrations.AlterField(
            model_name='quote',
            name='speaker',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='quotes', to='search.entity'),
        ),
        migrations.AlterField(
            model_name='storyband',
            name='article',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='story_bands', to='search.article'),
        ),
        migrations.AlterField(
            model_name='storyband',
            name='key',
            field=models.BigIntegerField(help_text="Signed 64-bit hash of the signal, the band number and the band's MinHash values (newsroom.extraction.clusters.band_keys)."),
        ),
        migrations.RunPython(integer_bands, no_bands),
    ]
