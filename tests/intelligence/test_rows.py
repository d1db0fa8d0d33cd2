"""The plain-row insert and look-up used by ingest's bulk intelligence path."""

import pytest

from search.intelligence import rows
from search.models import Article, Quote, StoryBand

pytestmark = pytest.mark.django_db


def _article() -> Article:
    return Article.objects.create(title="A", body="B", raw=b"A\n\nB", file_name="a.txt",
                                  raw_sha256="0" * 64)


@pytest.mark.parametrize("limit", [7, 30_000])
def test_rows_go_in_and_come_back_whatever_the_statement_size(monkeypatch, limit):
    monkeypatch.setattr(rows, "MAX_PARAMETERS", limit)  # 7: on PostgreSQL, statements of 3 rows
    article = _article()
    # Band keys are signed 64-bit: both ends of the range travel intact.
    keys = [n * 7_919_000_000_000_003 for n in range(-10, 10)] + [2**63 - 1, -(2**63)]
    assert rows.insert_rows(StoryBand, ("article", "key"), ((article.pk, k) for k in keys)) == 22
    assert sorted(StoryBand.objects.filter(article=article).values_list("key", flat=True)) == \
        sorted(keys)
    wanted = keys[::2] + [12345]
    found = list(rows.select_where_in(StoryBand, ("key", "article"), "key", wanted))
    assert sorted(found) == sorted((k, article.pk) for k in keys[::2])


def test_text_values_are_parameters_never_sql(monkeypatch):
    monkeypatch.setattr(rows, "MAX_PARAMETERS", 7)
    article = _article()
    texts = ["plain", "q1:'; DROP TABLE x; --", '"]', "“curly”"]
    fields = ("article", "text", "key", "speaker_name", "position")
    assert rows.insert_rows(Quote, fields, ((article.pk, t, t, "", n)
                                            for n, t in enumerate(texts))) == 4
    found = list(rows.select_where_in(Quote, ("key",), "key", texts[1:] + ["absent"]))
    assert sorted(found) == sorted((t,) for t in texts[1:])
    assert Quote.objects.count() == 4


def test_nothing_to_insert_or_look_up():
    assert rows.insert_rows(StoryBand, ("article", "key"), []) == 0
    assert list(rows.select_where_in(StoryBand, ("key",), "key", [])) == []
