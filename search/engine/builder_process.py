"""A forked process that builds segments (``segments.SegmentBuilder``) from prepared documents,
so that the process that prepared them can go on with other work meanwhile.

One per writing process, started on first use and kept: its word table (``analysis``) stays
warm from one batch to the next, as the writing process's own would. ``submit`` sends a batch's
documents (pickled through a pipe); ``result`` waits for the finished segment and its spelling
words. The segment's files are written straight into the index folder: as with a segment built
in the writing process, the caller holds the index's write lock from before ``submit`` until
the segment is in a committed TOC. A child that dies is replaced by the next ``submit``.
"""

from __future__ import annotations

import multiprocessing
import os


class BuildFailed(RuntimeError):
    """The child could not build the segment (its error, or its death)."""


class BuilderProcess:
    def __init__(self, schema) -> None:
        self._connection, child = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("fork").Process(
            target=_serve,
            args=(child, self._connection, schema),
            name="clippings-segment-builder",
            daemon=True,
        )
        self._process.start()
        child.close()
        self._busy = False

    def alive(self) -> bool:
        return self._process.is_alive()

    def submit(self, folder: str, indexname: str, documents: list[dict]) -> None:
        if self._busy:
            raise RuntimeError("the builder is still building the previous segment")
        self._connection.send((folder, indexname, documents))
        self._busy = True

    def result(self):
        """The built ``(segment, spelling words)``; raises ``BuildFailed``."""
        if not self._busy:
            raise RuntimeError("nothing was submitted")
        self._busy = False
        try:
            outcome = self._connection.recv()
        except (EOFError, OSError) as error:
            raise BuildFailed(f"the segment builder died: {error!r}") from error
        if outcome[0] != "built":
            raise BuildFailed(outcome[1])
        return outcome[1], outcome[2]

    def close(self) -> None:
        self._connection.close()
        self._process.join(timeout=5)


def _serve(connection, parents_end, schema) -> None:
    from whoosh.filedb.filestore import FileStorage

    from .segments import SegmentBuilder

    parents_end.close()  # so that the parent closing its end ends this loop

    while True:
        try:
            folder, indexname, documents = connection.recv()
        except (EOFError, OSError):
            return
        try:
            builder = SegmentBuilder(FileStorage(folder), indexname, schema)
            for document in documents:
                builder.add_document(document)
            segment = builder.finish()
            connection.send(("built", segment, builder.spelling_words))
        except Exception as error:  # noqa: BLE001 - the writing process reports it
            connection.send(("failed", f"{type(error).__name__}: {error}"))


_builders: dict[tuple[int, int], BuilderProcess] = {}


def builder_for(schema) -> BuilderProcess:
    """This process's builder for ``schema`` (started, or restarted after a death)."""
    key = (os.getpid(), id(schema))
    builder = _builders.get(key)
    if builder is None or not builder.alive():
        builder = _builders[key] = BuilderProcess(schema)
    return builder


def close_builders() -> None:
    """Stop this process's builders (each ends when its pipe closes) and wait for them."""
    for key in [key for key in _builders if key[0] == os.getpid()]:
        _builders.pop(key).close()
