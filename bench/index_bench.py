"""Indexing benchmark (issue 16): ``rebuild_index`` and ``ingest`` with the index on.

    .venv/bin/python bench/index_bench.py rebuild --count 100000 [--work DIR] [--text realistic]
    .venv/bin/python bench/index_bench.py ingest  --count 10000  [--work DIR] [--text realistic]
    (--profile: a pyinstrument report of the timed step is written into the work directory)

``rebuild``: generates ``--count`` articles (``bench.generate``, seed 1; reused when the work
directory already has them), ingests them once into ``WORK/data/clippings.sqlite3`` with the
newsroom extractions on and the index off (reused too), then times the real
``manage.py rebuild_index --noinput`` in a fresh process and prints articles/s, CPU seconds (the
process and its workers), the index's size on disk and the peak RSS.

``ingest``: what ``make run`` does: a fresh database and index in ``WORK/ingest-data``, the
index and the three extractions on (``config.settings.dev``'s signal processor), then
``manage.py ingest`` on the generated files, timed: articles/s with everything on.

Every step runs in its own process, with ``config.settings.dev``, ``DEBUG=0`` and
``CLIPPINGS_DATA_DIR`` in the work directory (never ``var/``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _env(data_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0",
               CLIPPINGS_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    env.pop("DATABASE_URL", None)
    return env


def _child(step: str, work: Path, data_dir: Path, profile: bool) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", step, "--work", str(work), "--data", str(data_dir)]
        + (["--profile"] if profile else []),
        env=_env(data_dir), capture_output=True, text=True, check=False)
    if out.returncode:
        sys.stderr.write(out.stdout + out.stderr)
        raise SystemExit(f"{step} failed")
    sys.stderr.write(out.stderr[-2000:] if step != "prepare" else "")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def child(step: str, work: Path, data_dir: Path, profile: bool) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from archive.models import Article, CommentBlock

    corpus = work / "corpus"
    result: dict = {"step": step}
    if step == "prepare":
        from django.apps import apps

        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_sources", verbosity=0)
        apps.get_app_config("haystack").signal_processor.teardown()
        started = time.perf_counter()
        call_command("ingest", str(corpus), verbosity=0, no_progress=True)
        result["seconds"] = time.perf_counter() - started
        result["articles"] = Article.objects.count()
        return result
    if step == "ingest":
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_sources", verbosity=0)
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    wall, cpu = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if step == "rebuild":
        call_command("rebuild_index", interactive=False, verbosity=0)
    else:
        call_command("ingest", str(corpus), verbosity=0, no_progress=True)
        from search.engine.background_merges import finish_merges
        from search.indexing.outbox import settle

        settle()  # the last batch's write and a merge still running are part of the cost
        finish_merges()
        from search.engine.builder_process import close_builders

        close_builders()  # waited for, so that its CPU time is counted with the workers'
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if profiler is not None:
        profiler.stop()
        (work / f"profile-{step}.txt").write_text(
            profiler.output_text(unicode=False, color=False, show_all=False))
    articles = Article.objects.published().count()
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.setup()
    with backend.index.searcher() as searcher:
        docs = searcher.doc_count()
    result.update(
        seconds=round(wall, 2), articles=articles, rate=round(articles / wall, 1),
        cpu_seconds=round(cpu, 1),
        worker_cpu_seconds=round(after.ru_utime + after.ru_stime
                                 - children.ru_utime - children.ru_stime, 1),
        comment_blocks=CommentBlock.objects.filter(is_hidden=False).count(),
        indexed_documents=docs,
        index_mb=round(_du(data_dir / "whoosh") / 2**20, 1),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # the largest of the waited-for child processes (parse workers, builder, merges)
        children_peak_rss_mb=round(after.ru_maxrss / 1024, 1),
        segments=len(backend.index._segments()),
    )
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/index_bench.py",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("step", nargs="?", choices=("rebuild", "ingest"))
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--text", choices=("classic", "realistic"), default="realistic")
    parser.add_argument("--work", type=Path, default=None,
                        help="work directory (default: /tmp/clippings-index-bench-COUNT-TEXT)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.work, args.data, args.profile)))
        return 0
    if args.step is None:
        parser.error("say which step: rebuild or ingest")
    work = args.work or Path(f"/tmp/clippings-index-bench-{args.count}-{args.text}")
    corpus = work / "corpus"
    if not corpus.exists() or len(list(corpus.glob("*.txt"))) < args.count:
        from bench.generate import generate

        summary = generate(corpus, args.count, seed=args.seed, text=args.text)
        print(f"generated {summary.files:,} files in {summary.seconds:.0f} s", flush=True)
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()}", flush=True)
    if args.step == "rebuild":
        data = work / "data"
        if not (data / "clippings.sqlite3").exists():
            prepared = _child("prepare", work, data, False)
            print(f"prepared: {prepared['articles']:,} articles ingested in "
                  f"{prepared['seconds']:.0f} s (index off)", flush=True)
        result = _child("rebuild", work, data, args.profile)
    else:
        data = work / "ingest-data"
        shutil.rmtree(data, ignore_errors=True)
        result = _child("ingest", work, data, args.profile)
    print(f"{args.step}: {result['articles']:,} articles (+{result['comment_blocks']:,} comment "
          f"blocks) in {result['seconds']:.1f} s = {result['rate']:,.0f} articles/s; CPU "
          f"{result['cpu_seconds']} s + workers {result['worker_cpu_seconds']} s; index "
          f"{result['index_mb']} MB in {result['segments']} segments; peak RSS "
          f"{result['peak_rss_mb']} MB; load after {os.getloadavg()}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
