"""Where a Whoosh sub-file lies in its compound segment file, for reading it with ``os.pread``.

A segment's sub-files (its term index, its stored fields) are ``StructFile``s over a ``SubFile``
of the compound ``.seg`` file. Reading one through those layers seeks and reads a shared file
object; ``os.pread`` on the compound file's descriptor at the sub-file's offset reads the same
bytes without them (``term_index``, ``stored``).
"""

from __future__ import annotations

from whoosh.filedb.compound import SubFile
from whoosh.filedb.structfile import StructFile


def positioned(dbfile) -> tuple[object, int] | None:
    """(the compound file, the sub-file's offset in it) of ``dbfile``; None when it is not a
    sub-file of a compound file on disk (in memory, memory-mapped, or another layout)."""
    if type(dbfile) is not StructFile or type(dbfile.file) is not SubFile:
        return None
    parent = dbfile.file._file
    try:
        parent.fileno()
    except (AttributeError, OSError, ValueError):  # in memory, or mapped
        return None
    return parent, dbfile.file._offset
