"""What an ingest run knows of the stored articles, and the outcomes that need no parse.

For each batch, :meth:`KnownArticles.lookup` fetches what the database holds for the batch's
names and SHA-256s in one query, then lays the run's own writes over it (:meth:`remember`), so
that a second file of the same name or the same bytes later in the run is still recognised.
:func:`decide` says which files are unchanged or duplicates without parsing them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from archive.models import Article

from .inputs import InputItem
from .services import IngestResult, Outcome


@dataclass(frozen=True)
class StoredArticle:
    """What the run knows of an article: enough to tell unchanged files and duplicates."""

    id: int
    file_name: str
    sha256: str
    sidecar: dict


class KnownArticles:
    """The stored articles by name and by SHA-256: a batch's look-up, then the run's writes."""

    def __init__(self) -> None:
        # The run's own writes, which win over what a batch look-up returned before them.
        self._by_name: dict[str, StoredArticle | None] = {}
        self._by_sha: dict[str, StoredArticle | None] = {}

    def lookup(self, files: Sequence[InputItem]) -> tuple[dict, dict]:
        """What the database holds for these files' names and bytes, then the run's own writes."""
        names = {item.name for item in files if not item.failure}
        shas = {item.sha256 for item in files if not item.failure}
        rows = Article.objects.filter(file_name__in=names) | Article.objects.filter(
            raw_sha256__in=shas
        )
        found = [StoredArticle(*row) for row in rows.order_by().values_list(
            "id", "file_name", "raw_sha256", "sidecar")]
        by_name = {s.file_name: s for s in found} | {
            name: s for name, s in self._by_name.items() if name in names}
        by_sha = {s.sha256: s for s in found} | {
            sha: s for sha, s in self._by_sha.items() if sha in shas}
        return by_name, by_sha

    def remember(self, saved: Article, item: InputItem, previous: StoredArticle | None,
                 by_name: dict, by_sha: dict) -> None:
        """Record a write of the run, in the batch's maps and in the run's."""
        stored = StoredArticle(saved.id, item.name, item.sha256, item.sidecar)
        if previous is not None and previous.file_name != item.name:
            for table in (by_name, self._by_name):
                table[previous.file_name] = None  # that article has a new name
        if previous is not None and previous.sha256 != item.sha256:
            for table in (by_sha, self._by_sha):
                table[previous.sha256] = None  # that article no longer has those bytes
        for table in (by_name, self._by_name):
            table[stored.file_name] = stored
        for table in (by_sha, self._by_sha):
            table[stored.sha256] = stored


def decide(item: InputItem, by_name: dict, by_sha: dict) -> IngestResult | None:
    """The outcome that needs no parsing (unchanged, duplicate), or ``None``: parse it."""
    article = by_name.get(item.name)
    if article and article.sha256 == item.sha256 and article.sidecar == item.sidecar:
        return IngestResult(item.label, Outcome.UNCHANGED, article_id=article.id, title="")
    twin = by_sha.get(item.sha256)
    if twin and twin.file_name != item.name and not known_before(twin, item, by_name):
        return IngestResult(item.label, Outcome.DUPLICATE,
                            reason=f"same bytes as {twin.file_name}", article_id=twin.id)
    return None


def known_before(twin: StoredArticle, item: InputItem, by_name: dict) -> bool:
    """Whether ``twin`` (an article with this file's bytes) is this very file, stored before
    issue 13 under its bare file name (``x.txt``) and now found as ``2018/x.txt``: the article
    then takes the full name and keeps its id and permalink, instead of the file being called
    a duplicate of itself."""
    bare = PurePosixPath(item.name).name
    return bare != item.name and twin.file_name == bare and by_name.get(item.name) is None
