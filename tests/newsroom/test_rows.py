"""The plain-row insert and look-up used by ingest's bulk intelligence path."""

import pytest

from archive.models import Article
from newsroom import rows
from newsroom.models import ArticleFingerprint, Quote, StoryBand

pytestmark = pytest.mark.django_db


def _article() -> Article:
    return Article.objects.create(title="A", body="B", raw=b"A\n\nB", file_name="a.txt",
                                  raw_sha256="0" * 64)


def test_rows_go_in_and_come_back():
    article = _article()
    # Band keys are signed 64-bit: both ends of the range travel intact.
    keys = [n * 7_919_000_000_000_003 for n in range(-10, 10)] + [2**63 - 1, -(2**63)]
    assert rows.insert_rows(StoryBand, ("article", "key"), ((article.pk, k) for k in keys)) == 22
    assert sorted(StoryBand.objects.filter(article=article).values_list("key", flat=True)) == \
        sorted(keys)
    wanted = keys[::2] + [12345]
    found = list(rows.select_where_in(StoryBand, ("key", "article"), "key", wanted))
    assert sorted(found) == sorted((k, article.pk) for k in keys[::2])


def test_text_values_travel_intact_and_are_never_sql():
    """Quotation marks, SQL, and what COPY's text format escapes (backslash, tab, new line,
    carriage return, and the NULL marker's look-alike) come back as they went in."""
    article = _article()
    texts = ["plain", "q1:'; DROP TABLE x; --", '"]', "“curly”", "back\\slash \\N",
             "tab\there", "line\nbreak\r\nend", "", "\\."]
    fields = ("article", "text", "key", "speaker_name", "speaker", "position")
    assert rows.insert_rows(Quote, fields, ((article.pk, t, t, t, None, n)
                                            for n, t in enumerate(texts))) == len(texts)
    stored = list(Quote.objects.order_by("position").values_list(
        "text", "key", "speaker_name", "speaker"))
    assert stored == [(t, t, t, None) for t in texts]
    found = list(rows.select_where_in(Quote, ("key",), "key", texts[1:] + ["absent"]))
    assert sorted(found) == sorted((t,) for t in texts[1:])


def test_bytes_travel_intact():
    article = _article()
    blob = bytes(range(256)) * 2
    rows.insert_rows(ArticleFingerprint, ("article", "body", "quotes"), [(article.pk, blob, b"")])
    fingerprint = ArticleFingerprint.objects.get(article=article)
    assert (bytes(fingerprint.body), bytes(fingerprint.quotes)) == (blob, b"")


@pytest.mark.parametrize("value", [True, 1.5, ["a"]])
def test_copy_refuses_values_of_other_types(value):
    """PostgreSQL's COPY stream takes ints, text, bytes and NULL; anything else is a bug in the
    caller (a bool would otherwise go in as "True")."""
    with pytest.raises(TypeError):
        rows.copy_text(value)


def test_copy_refuses_a_nul_character():
    """PostgreSQL text cannot hold one (an INSERT refuses it too)."""
    with pytest.raises(ValueError, match="NUL"):
        rows.copy_text("a\x00b")


def test_copy_lines_escape_what_the_text_format_reads():
    assert rows.copy_line((1, None, "a\tb\\n", b"\x01\xff")) == "1\t\\N\ta\\tb\\\\n\t\\\\x01ff\n"


def test_nothing_to_insert_or_look_up():
    assert rows.insert_rows(StoryBand, ("article", "key"), []) == 0
    assert list(rows.select_where_in(StoryBand, ("key",), "key", [])) == []


def test_rows_of_integers_are_copied_as_any_other_rows():
    rows_of_ints = [(1, -(2**63)), (2**63 - 1, 0), [3, 4]]
    assert rows.copy_text_of(rows_of_ints, 2) == "".join(map(rows.copy_line, rows_of_ints))
    with pytest.raises(TypeError):  # a bool among integers is still refused
        rows.copy_text_of([(1, 2), (3, True)], 2)


def test_rows_beyond_one_statement_go_in_in_order(monkeypatch):
    """SQLite takes the rows in statements of as many as it may bind: a lot that spans several
    statements (here 2 rows a statement) goes in whole, in order."""
    article = _article()
    monkeypatch.setattr(rows, "_sqlite_parameters", lambda connection: 5)
    keys = [5, -3, 9, 1, 7]
    assert rows.insert_rows(StoryBand, ("article", "key"), [(article.pk, k) for k in keys]) == 5
    assert list(StoryBand.objects.order_by("pk").values_list("key", flat=True)) == keys


def test_one_parameter_filters_as_a_list_does():
    """``__in=one_parameter(values)`` finds the rows ``__in=values`` finds: integers, and text
    with quotes, SQL and characters beyond ASCII."""
    article = _article()
    texts = ["plain", "q1:'; DROP TABLE x; --", '"]', "“curly”", "back\\slash", "日本", ""]
    fields = ("article", "text", "key", "speaker_name", "speaker", "position")
    rows.insert_rows(Quote, fields, ((article.pk, t, t, t, None, n) for n, t in enumerate(texts)))
    for wanted in (texts[1:] + ["absent"], [], texts):
        found = Quote.objects.filter(key__in=rows.one_parameter(Quote, wanted))
        assert sorted(found.values_list("pk", flat=True)) == \
            sorted(Quote.objects.filter(key__in=wanted).values_list("pk", flat=True))
    ids = list(Quote.objects.values_list("pk", flat=True))
    found = Quote.objects.filter(pk__in=rows.one_parameter(Quote, ids[::2] + [10**12]))
    assert sorted(found.values_list("pk", flat=True)) == sorted(ids[::2])
