"""A separate process for the concurrency test: ``python concurrent_worker.py ACTION INDEX NAME``.

The database comes from DATABASE_URL (a file SQLite in a temp folder); the index path is given.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from haystack import connections  # noqa: E402

action, index_path, name = sys.argv[1], sys.argv[2], sys.argv[3]
settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = index_path
connections.reload("default")

from archive.models import Article, CommentBlock  # noqa: E402


def make(n: int) -> Article:
    body = f"river flood story {name} number {n}"
    article = Article.objects.create(
        title=f"{name} {n}", body=body, file_name=f"{name}-{n}.txt", raw=body.encode(),
        raw_sha256=hashlib.sha256(f"{name}{n}".encode()).hexdigest())
    if n % 3 == 0:
        CommentBlock.objects.create(article=article, heading="C", position=1, comments=["hi"])
    return article


if action == "setup":
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
elif action == "edit":  # admin-like: one save at a time, each its own transaction
    made = [make(n) for n in range(30)]
    for article in made[::2]:
        article.delete()
    for article in made[1::4]:
        article.status = Article.Status.HIDDEN
        article.save()
    for block in CommentBlock.objects.filter(article__title__startswith=name)[:3]:
        block.is_hidden = True
        block.save()
elif action == "ingest":  # ingest-like: batches inside bulk_indexing
    from django.db import transaction

    from archive.signals import batched_changes

    for start in range(0, 60, 20):
        with transaction.atomic(), batched_changes():
            for n in range(start, start + 20):
                make(n)
    with transaction.atomic(), batched_changes():
        for article in Article.objects.filter(title__startswith=name)[:10]:
            article.delete()
elif action == "check":
    from search.indexing.sync import expected_identifiers

    indexed = connections["default"].get_backend().indexed_identifiers()
    expected, _ = expected_identifiers()
    print(json.dumps({"indexed": sorted(indexed), "expected": sorted(expected)}))
