"""The plain-row insert and look-up used by ingest's bulk intelligence path."""

import pytest

from search.intelligence import rows
from search.models import Article, StoryBand

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("limit", [7, 30_000])
def test_rows_go_in_and_come_back_whatever_the_statement_size(monkeypatch, limit):
    monkeypatch.setattr(rows, "MAX_PARAMETERS", limit)  # 7: on PostgreSQL, statements of 3 rows
    article = Article.objects.create(title="A", body="B", raw=b"A\n\nB", file_name="a.txt",
                                     raw_sha256="0" * 64)
    keys = [f"b{n}:{n:016x}" for n in range(20)] + ["q1:'; DROP TABLE x; --"]
    assert rows.insert_rows(StoryBand, ("article", "key"), ((article.pk, k) for k in keys)) == 21
    assert sorted(StoryBand.objects.filter(article=article).values_list("key", flat=True)) == \
        sorted(keys)
    wanted = keys[::2] + ["absent", '"]']
    found = list(rows.select_where_in(StoryBand, ("key", "article"), "key", wanted))
    assert sorted(found) == sorted((k, article.pk) for k in keys[::2])


def test_nothing_to_insert_or_look_up():
    assert rows.insert_rows(StoryBand, ("article", "key"), []) == 0
    assert list(rows.select_where_in(StoryBand, ("key",), "key", [])) == []
