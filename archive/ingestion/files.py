"""Which files an ``ingest PATH…`` call means, and the name each is known by.

A file's name (``RawFile.name``) is its path relative to the root it was found under: the folder
given, the folder a glob starts from, or, for a file given by itself, its own folder. So
``ingest scrapes/`` knows ``scrapes/a/x.txt`` and ``scrapes/b/x.txt`` as ``a/x.txt`` and
``b/x.txt``: two files, never one. Hidden files and folders (names starting with a dot) are not
ingested, and are listed as skipped with the reason.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

RAW_SUFFIX = ".txt"
# What a folder's files are taken for: raw text and saved HTML pages. Manifests (.jsonl, .csv)
# are taken only when named (or matched by a glob): a folder may hold other JSON Lines files.
FOLDER_SUFFIXES = (RAW_SUFFIX, ".html", ".htm")
GLOB_SUFFIXES = (*FOLDER_SUFFIXES, ".jsonl", ".csv")
HIDDEN = "a hidden file (its name starts with a dot)"
IN_HIDDEN = "in a hidden folder (its name starts with a dot)"
UNREADABLE = "a folder that could not be read, passed over"


class PathNotFound(ValueError):
    pass


@dataclass(frozen=True)
class RawFile:
    path: Path
    name: str  # the path relative to its root, "/"-separated: the article's identity


@dataclass
class Expansion:
    files: list[RawFile] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)
    # Each file's resolved path when it is known without asking the file system again (a file
    # found in a folder walk: its folder's resolved path and its name), else None.
    real: list[str | None] = field(default_factory=list, repr=False, compare=False)

    def add(self, raw_file: RawFile, real: str | None = None) -> None:
        self.files.append(raw_file)
        self.real.append(real)


def hidden_count(expansion: Expansion) -> int:
    """How many files ``expansion`` passed over for being hidden or in a hidden folder."""
    return sum(reason in (HIDDEN, IN_HIDDEN) for _, reason in expansion.skipped)


def display(path: Path | str) -> str:
    """A path for a message: bytes no encoding could decode shown as ``\\xff`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def expand_paths(paths: Iterable[str]) -> Expansion:
    """Files, folders (recursive: ``.txt``, ``.html``, ``.htm``) and globs, each file once, in a
    stable order.

    A file named explicitly is taken whatever its suffix (so a stray PNG gets a clear reason
    rather than being ignored; ``.jsonl`` and ``.csv`` are manifests); inside folders only raw
    text and HTML files are taken, so sidecars, manifests and READMEs are left alone.
    Raises :class:`PathNotFound` for an argument that matches nothing.
    """
    seen: set[str] = set()
    result = Expansion()
    for argument in paths:
        found = Expansion()
        _expand_one(argument, found)
        if not found.files and not found.skipped:
            raise PathNotFound(f"{display(argument)}: no such file, folder or matching files")
        for item, real in zip(found.files, found.real, strict=True):
            resolved = real or str(item.path.resolve())
            if resolved not in seen:
                seen.add(resolved)
                result.add(item, resolved)
        result.skipped.extend(found.skipped)
    return result


def _expand_one(argument: str, found: Expansion) -> None:
    path = Path(argument)
    if path.is_file():
        found.add(RawFile(path, path.name))
    elif path.is_dir():
        _raw_files_below(path, path, found)
    elif glob.has_magic(argument):
        root = _glob_root(argument)
        for match in sorted(glob.glob(argument, recursive=True)):
            candidate = Path(match)
            if candidate.is_dir():
                _raw_files_below(candidate, root, found)
            elif candidate.is_file() and candidate.suffix.lower() in GLOB_SUFFIXES:
                found.add(RawFile(candidate, _relative(candidate, root)))


def _glob_root(pattern: str) -> Path:
    """The folder a glob starts from: its parts before the first one holding a wildcard."""
    fixed = list(_until_magic(Path(pattern).parts))
    return Path(*fixed) if fixed else Path(".")


def _until_magic(parts: tuple[str, ...]) -> Iterator[str]:
    for part in parts:
        if glob.has_magic(part):
            return
        yield part


def _raw_files_below(folder: Path, root: Path, found: Expansion) -> None:
    """The raw text and HTML files in ``folder`` and below, in the order of
    ``sorted(folder.rglob("*"))``, hidden ones listed as skipped.

    One ``os.scandir`` walk, as ``rglob`` makes (links to folders are not followed; a folder
    that cannot be listed, or vanishes during the walk, is passed over and listed as skipped),
    but without a ``Path`` and a ``stat`` per entry: the
    entry's type says whether it is a file (a link: asked as ``Path.is_file`` does). A file that
    is no link, found below the folder's resolved path through real folders, resolves to that
    path and its name: ``expand_paths`` need not resolve it again (a system call per part of
    the path) to drop duplicates."""
    real_folder = str(folder.resolve())
    named_from_folder = folder == root
    entries: list[tuple[tuple[str, ...], os.DirEntry]] = []
    unreadable: list[tuple[str, str]] = []
    _scan(os.fspath(folder), (), entries, unreadable)
    found.skipped.extend((Path(path), f"{UNREADABLE} ({why})") for path, why in unreadable)
    entries.sort(key=lambda pair: pair[0])  # (the Paths' order: their parts, compared in turn)
    for below, entry in entries:
        if _suffix(below[-1]).lower() not in FOLDER_SUFFIXES:
            continue
        link = entry.is_symlink()
        candidate = Path(entry.path)
        if not (candidate.is_file() if link else entry.is_file(follow_symlinks=False)):
            continue
        if below[-1].startswith("."):
            found.skipped.append((candidate, HIDDEN))
        elif any(part.startswith(".") for part in below[:-1]):
            found.skipped.append((candidate, IN_HIDDEN))
        else:
            name = "/".join(below) if named_from_folder else _relative(candidate, root)
            found.add(RawFile(candidate, name), None if link else os.path.join(real_folder, *below))


def _scan(
    folder: str,
    below: tuple[str, ...],
    entries: list[tuple[tuple[str, ...], os.DirEntry]],
    unreadable: list[tuple[str, str]],
) -> None:
    """Every entry of ``folder`` and of its subfolders (not those reached through a link),
    each with its path's parts below the walk's top; the folders that could not be listed go
    to ``unreadable`` with the system's reason."""
    try:
        with os.scandir(folder) as listing:
            found = list(listing)
    except OSError as error:  # no permission, or removed while the walk went on
        unreadable.append((folder, error.strerror or type(error).__name__))
        return
    for entry in found:
        parts = (*below, entry.name)
        entries.append((parts, entry))
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            _scan(entry.path, parts, entries, unreadable)


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:  # pragma: no cover - globs only match below their root
        return path.name
