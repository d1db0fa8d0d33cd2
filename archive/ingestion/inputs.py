"""What an ingest run takes in: one item per file and per manifest row, checked, then read.

:func:`input_items` turns the files an ``ingest`` call means (``archive.ingestion.files``) into
:class:`InputItem` objects: a manifest gives one per row, its bytes and metadata in hand; a file
is measured and its name checked (UTF-8, not too long, not the name of another file of the same
run). :func:`read_item` then reads a file's bytes and sidecar and hashes them. Whatever is wrong
with one item is its one-line ``failure``, never an exception: the run goes on with the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from archive.models import Article
from archive.parsing import ParsedArticle
from archive.parsing.html import HTML_SUFFIXES

from .files import RawFile, display
from .manifests import is_manifest, read_manifest
from .parallel import Document
from .sidecar import SidecarError, read_sidecar

# The longest name (path relative to the ingested root) an article can be known by.
MAX_NAME_CHARS = Article._meta.get_field("file_name").max_length


@dataclass
class InputItem:
    path: Path
    name: str = ""  # the article's identity: the path relative to the ingested root, or a
    # manifest row's (its url, else "pages.jsonl#12")
    label: str = ""  # what messages call it: the path, or "pages.jsonl#12"
    raw_format: str = "text"  # "text" or "html"
    loaded: bool = False  # a manifest row: its bytes and metadata came with it
    size: int = 0
    failure: str = ""  # a one-line reason: the file cannot be read, or is too large
    raw: bytes = b""
    sidecar: dict = field(default_factory=dict)
    sha256: str = ""
    parsed: ParsedArticle | Exception | None = None  # parsed ahead (workers), if it was
    prepared: tuple | None = None  # its extraction hooks' first halves, made ahead with it

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name
        self.label = self.label or str(self.path)
        if not self.loaded and self.path.suffix.lower() in HTML_SUFFIXES:
            self.raw_format = "html"

    @property
    def document(self) -> Document:
        """What a parse worker needs: the bytes, their format and the page's known URL."""
        return Document(self.raw, self.raw_format, self.sidecar.get("url", ""))


def input_items(paths: Iterable[RawFile | Path], *, max_bytes: int) -> Iterator[InputItem]:
    """One item per file, and one per row of each manifest."""
    names: dict[str, Path] = {}  # two files of one name in a run would be one article
    for raw_file in paths:
        if isinstance(raw_file, Path):
            raw_file = RawFile(raw_file, raw_file.name)
        if is_manifest(raw_file.path):
            for row in read_manifest(raw_file.path):
                item = InputItem(raw_file.path, name=row.name, label=row.label, loaded=True,
                                 raw_format=row.raw_format, raw=row.raw,
                                 sidecar=row.sidecar or {}, failure=row.failure,
                                 size=len(row.raw))
                if not item.failure and item.size > max_bytes:
                    item.failure = (f"{item.size:,} bytes is over the "
                                    f"{max_bytes:,}-byte limit")
                yield item
            continue
        item = InputItem(raw_file.path, raw_file.name)
        try:
            item.name.encode("utf-8")
            item.size = item.path.stat().st_size
        except UnicodeEncodeError:
            item.failure = "the file name is not valid UTF-8: rename the file"
        except OSError as error:
            item.failure = f"cannot read the file ({error.strerror or error})"
        if not item.failure and len(item.name) > MAX_NAME_CHARS:
            item.failure = (f"its path below the folder given is {len(item.name):,} "
                            f"characters long; at most {MAX_NAME_CHARS:,} are kept")
        if not item.failure and names.setdefault(item.name, item.path) != item.path:
            item.failure = (f"same name ({display(item.name)}) as "
                            f"{display(names[item.name])} in this run; ingest the folder "
                            "that holds both, so that each has its own name")
        if item.size > max_bytes:
            item.failure = f"{item.size:,} bytes is over the {max_bytes:,}-byte limit"
        yield item


def read_item(item: InputItem, *, max_bytes: int) -> None:
    """Read a file's bytes and sidecar and hash them (a manifest row: hash its bytes), once;
    what goes wrong becomes the item's ``failure``."""
    if item.failure or item.sha256:
        return
    if item.loaded:  # a manifest row: its bytes and metadata are in hand
        item.sha256 = hashlib.sha256(item.raw).hexdigest()
        return
    try:
        item.raw = item.path.read_bytes()
        item.sidecar = read_sidecar(item.path)
    except OSError as error:
        item.failure = f"cannot read the file ({error.strerror or error})"
        return
    except SidecarError as error:
        item.failure = str(error)
        return
    except Exception as error:  # noqa: BLE001 - anything else: this file's failure alone
        item.failure = f"cannot read the file ({type(error).__name__}: {error})"[:500]
        return
    if len(item.raw) > max_bytes:  # it grew since it was measured
        item.failure = f"{len(item.raw):,} bytes is over the {max_bytes:,}-byte limit"
        return
    item.sha256 = hashlib.sha256(item.raw).hexdigest()
