"""Which files an ``ingest PATH…`` call means."""

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

RAW_SUFFIX = ".txt"


class PathNotFound(ValueError):
    pass


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Files, folders (recursive, ``*.txt`` only) and globs, each file once, in a stable order.

    A file named explicitly is taken whatever its suffix (so a stray PNG gets a clear reason
    rather than being ignored); inside folders only raw ``.txt`` files are taken, so sidecars and
    READMEs are left alone. Raises :class:`PathNotFound` for an argument that matches nothing.
    """
    seen: set[Path] = set()
    found: list[Path] = []
    for argument in paths:
        matches = list(_expand_one(argument))
        if not matches:
            raise PathNotFound(f"{argument}: no such file, folder or matching files")
        for path in matches:
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(path)
    return found


def _expand_one(argument: str) -> Iterator[Path]:
    path = Path(argument)
    if path.is_file():
        yield path
    elif path.is_dir():
        yield from _raw_files_below(path)
    elif glob.has_magic(argument):
        for match in sorted(glob.glob(argument, recursive=True)):
            candidate = Path(match)
            if candidate.is_dir():
                yield from _raw_files_below(candidate)
            elif candidate.is_file() and candidate.suffix == RAW_SUFFIX:
                yield candidate


def _raw_files_below(folder: Path) -> Iterator[Path]:
    for candidate in sorted(folder.rglob(f"*{RAW_SUFFIX}")):
        if candidate.is_file() and not any(part.startswith(".") for part in candidate.parts[-1:]):
            yield candidate
