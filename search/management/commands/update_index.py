"""haystack's ``update_index``, building a whole index on every core (``rebuild_index`` runs it).

    python manage.py update_index [--workers N] [-v 2] [--age H | --start/--end …] [--remove]
    python manage.py rebuild_index --noinput [--workers N]

Without a date window (what ``rebuild_index`` asks for) every document of each indexed model is
rebuilt from the database by worker processes, one per core unless ``--workers`` says
otherwise, each writing whole segments (``search/indexing/bulk.py``), and replaced in one commit:
searchers see the old index until then, and documents the database no longer has are gone. With
``--age``/``--minutes``/``--start``/``--end``, or ``--nocommit``, haystack's own command runs
(batches through the backend's ``update``). A progress bar shows on a terminal at verbosity 1+.
"""

from __future__ import annotations

import sys

from haystack import connections as haystack_connections
from haystack.management.commands.update_index import Command as HaystackCommand
from haystack.utils.app_loading import haystack_get_models
from tqdm import tqdm

from search.indexing.bulk import build_all


class Command(HaystackCommand):
    help = (
        "Freshens the search index. Without a date window, rebuilds every document of the "
        "indexed models on all cores (one commit; searches see the old index until then)."
    )

    def update_backend(self, label, using):
        backend = haystack_connections[using].get_backend()
        if (self.start_date or self.end_date or not self.commit
                or not hasattr(backend, "replace_documents")):
            return super().update_backend(label, using)
        unified = haystack_connections[using].get_unified_index()
        models = [m for m in haystack_get_models(label) if m in unified.get_indexed_models()]
        if not models:
            return None
        show = self.verbosity >= 1 and sys.stderr.isatty()
        with tqdm(total=0, unit="doc", desc="indexing", disable=not show,
                  file=sys.stderr) as bar:
            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            written = build_all(using=using, models=models, workers=self.workers or None,
                                on_progress=progress)
        if self.verbosity >= 1:
            names = ", ".join(str(m._meta.verbose_name_plural) for m in models)
            self.stdout.write(f"Indexed {written:,} documents ({names}).")
        return None
