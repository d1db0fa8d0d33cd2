"""Generate realistic raw scraped news articles for benchmarks.

    python bench/generate.py OUT_DIR --count N [--seed S] [--syndication-rate 0.05]
                             [--comment-rate 0.15] [--workers W] [--text realistic]

writes ``OUT_DIR/NNNNNNN_<hex16>.txt`` (``hex16``: a BLAKE2b digest of the file's bytes) and, for
about 3% of them, a sidecar ``NNNNNNN_<hex16>.json`` with some of ``url``, ``source``,
``published`` (YYYY-MM-DD), ``byline`` and ``headline``.

The files imitate the seed pages in ``corpus/``: a headline line, body paragraphs separated by
blank lines (or single newlines), page furniture (``Advertisement``, ``Share``, photo credits,
copyright and licensing lines, reporter e-mails, ``Reporting by …; Editing by …``, ``--``), some
files starting with `` date YYYY-MM-DD `` and no headline, some ending with ``Join the discussion``
and reader comments, and syndicated stories copied by 2–5 outlets with light rewrites.

``--text realistic`` (``generate(..., text="realistic")``) writes the body and comments in
real-looking text instead of the classic grammar: English's real word-frequency curve (the
``wordfreq`` package's data), bursty topic words, thousands of distinct people, organisations
and places (name tables from ``Faker``), 200-2,000-word articles, comments with misspellings
(``bench/corpusgen/realtext.py`` says where each part comes from). The page furniture, outlets,
syndication and sidecars are the same in both.

Output depends only on ``seed`` and the options, not on ``workers``: every story is generated
from its own random stream, so files can be written in parallel and streamed (nothing is held in
memory beyond a small window of pending syndicated copies).

In-process use::

    from bench.generate import generate
    summary = generate("/tmp/articles", 100_000, seed=1)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from random import Random

if __package__ in (None, ""):  # run as a script: python bench/generate.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import vocabulary as V  # noqa: E402
from bench.corpusgen.lexicon import COPY_WINDOW, MEAN_COPIES, lexicon  # noqa: E402
from bench.corpusgen.realtext import make_real_story, real_lexicon  # noqa: E402
from bench.corpusgen.render import Rendered, render_copy  # noqa: E402
from bench.corpusgen.stories import make_story  # noqa: E402

# --------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class Task:
    index: int  # file number
    story: int
    copy: int
    outlet: int  # index into vocabulary.OUTLETS


def plan(count: int, seed: int, syndication_rate: float) -> Iterator[Task]:
    """Which story and outlet each file gets. Streams; holds only pending syndicated copies.

    ``syndication_rate`` is the expected fraction of files that belong to a syndicated group
    (a story published by 2–5 different outlets, copies within ``COPY_WINDOW`` files).
    """
    rng = Random(f"clippings-bench/{seed}/plan")
    lex = lexicon()
    r = min(max(syndication_rate, 0.0), 0.999)
    p_group = r / (MEAN_COPIES - (MEAN_COPIES - 1) * r)
    outlet_index = {o: i for i, o in enumerate(V.OUTLETS)}
    pending: dict[int, Task] = {}
    sid = 0
    for index in range(count):
        task = pending.pop(index, None)
        if task is not None:
            yield Task(index, task.story, task.copy, task.outlet)
            continue
        outlet = lex.outlets.pick(rng)
        if rng.random() < p_group:
            n = rng.randint(2, 5)
            outlets = [outlet]
            while len(outlets) < n:
                o = lex.outlets.pick(rng)
                if o not in outlets:
                    outlets.append(o)
            for k in range(1, n):
                at = index + rng.randint(1, COPY_WINDOW)
                while at in pending:
                    at += 1
                pending[at] = Task(at, sid, k, outlet_index[outlets[k]])
        yield Task(index, sid, 0, outlet_index[outlet])
        sid += 1


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class Options:
    seed: int
    date_rate: float
    no_headline_rate: float
    comment_rate: float
    sidecar_rate: float
    text: str = "classic"


TEXTS = ("classic", "realistic")


def build(task: Task, opts: Options) -> Rendered:
    if opts.text == "realistic":
        story = make_real_story(opts.seed, task.story)
    else:
        story = make_story(opts.seed, task.story)
    return render_copy(story, opts.seed, task.copy, V.OUTLETS[task.outlet],
                       date_rate=opts.date_rate, no_headline_rate=opts.no_headline_rate,
                       comment_rate=opts.comment_rate, sidecar_rate=opts.sidecar_rate)


def file_name(index: int, data: bytes) -> str:
    return f"{index:07d}_{hashlib.blake2b(data, digest_size=8).hexdigest()}.txt"


# per-file stats: files, sidecars, date_prefixed, headless, with_comments, body_words, bytes,
# syndicated copies (copy > 0)
_NSTATS = 8


def _write_batch(args: tuple[str, list[Task], Options]) -> tuple[list[int], list[int]]:
    out_dir, tasks, opts = args
    stats = [0] * _NSTATS
    groups = []  # stories that got a copy > 0 in this batch
    for task in tasks:
        art = build(task, opts)
        data = art.text.encode("utf-8")
        name = file_name(task.index, data)
        with open(os.path.join(out_dir, name), "wb") as fh:
            fh.write(data)
        stats[0] += 1
        if art.sidecar is not None:
            with open(os.path.join(out_dir, name[:-4] + ".json"), "w", encoding="utf-8") as fh:
                json.dump(art.sidecar, fh, ensure_ascii=False)
            stats[1] += 1
        stats[2] += art.date_prefixed
        stats[3] += not art.headline
        stats[4] += art.comments is not None
        stats[5] += art.body_words
        stats[6] += len(data)
        if task.copy:
            stats[7] += 1
            groups.append(task.story)
    return stats, groups


@dataclass
class Summary:
    out_dir: str
    files: int
    sidecars: int
    stories: int
    syndicated_groups: int
    syndicated_files: int  # files in a syndicated group, first copies included
    date_prefixed: int
    headless: int  # no headline line (date-prefixed ones included)
    with_comments: int
    body_words: int
    bytes: int
    seconds: float
    seed: int
    options: dict = field(default_factory=dict)

    @property
    def files_per_second(self) -> float:
        return self.files / self.seconds if self.seconds else float("inf")


def generate(out_dir: str | os.PathLike, count: int, seed: int = 0, *,
             syndication_rate: float = 0.05, comment_rate: float = 0.15,
             date_rate: float = 0.2, no_headline_rate: float = 0.05,
             sidecar_rate: float = 0.03, workers: int | None = None,
             progress: bool | None = None, batch_size: int = 250,
             text: str = "classic") -> Summary:
    """Write ``count`` raw article files (and sidecars) into ``out_dir``; return a Summary.

    ``workers``: processes to write with (default: the CPU count, 1 for small counts); the output
    is the same for any value. ``progress``: show a tqdm bar (default: when stdout is a tty).
    ``text``: "classic" (the grammar of ``corpusgen.stories``) or "realistic" (``realtext``).
    """
    if text not in TEXTS:
        raise ValueError(f"text must be one of {', '.join(TEXTS)}")
    if count < 0:
        raise ValueError("count must be >= 0")
    for rate_name, rate in (("syndication_rate", syndication_rate),
                            ("comment_rate", comment_rate), ("date_rate", date_rate),
                            ("no_headline_rate", no_headline_rate),
                            ("sidecar_rate", sidecar_rate)):
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"{rate_name} must be between 0 and 1")
    if date_rate + no_headline_rate > 1.0:
        raise ValueError("date_rate + no_headline_rate must be at most 1")
    start = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    opts = Options(seed, date_rate, no_headline_rate, comment_rate, sidecar_rate, text)
    if workers is None:
        workers = 1 if count < 2000 else (os.cpu_count() or 1)
    workers = max(1, workers)
    if progress is None:
        progress = sys.stdout.isatty()

    lexicon()  # build before forking, so that workers share it
    if text == "realistic":
        real_lexicon()

    def batches() -> Iterator[tuple[str, list[Task], Options]]:
        batch: list[Task] = []
        for task in plan(count, seed, syndication_rate):
            batch.append(task)
            if len(batch) >= batch_size:
                yield str(out), batch, opts
                batch = []
        if batch:
            yield str(out), batch, opts

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=count, unit="file", desc="generating")
    totals = [0] * _NSTATS
    syndicated: set[int] = set()
    pool = None
    try:
        if workers == 1:
            results = map(_write_batch, batches())
        else:
            import multiprocessing as mp

            ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
            pool = ctx.Pool(workers)
            results = pool.imap(_write_batch, batches(), chunksize=1)
        for stats, groups in results:
            for i, v in enumerate(stats):
                totals[i] += v
            syndicated.update(groups)
            if bar is not None:
                bar.update(stats[0])
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if bar is not None:
            bar.close()
    files = totals[0]
    return Summary(
        out_dir=str(out), files=files, sidecars=totals[1],
        stories=files - totals[7], syndicated_groups=len(syndicated),
        syndicated_files=totals[7] + len(syndicated), date_prefixed=totals[2],
        headless=totals[3], with_comments=totals[4], body_words=totals[5], bytes=totals[6],
        seconds=time.perf_counter() - start, seed=seed,
        options={"syndication_rate": syndication_rate, "comment_rate": comment_rate,
                 "date_rate": date_rate, "no_headline_rate": no_headline_rate,
                 "sidecar_rate": sidecar_rate, "workers": workers, "text": text},
    )


# --------------------------------------------------------------------------- CLI


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python bench/generate.py",
        description="Write realistic raw scraped news articles (NNNNNNN_<hex16>.txt, plus a "
                    "few NNNNNNN_<hex16>.json sidecars) for ingestion, search and export "
                    "benchmarks. The output depends only on --seed and the rates.",
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="directory to write into (created)")
    parser.add_argument("--count", "-n", type=_positive, required=True,
                        help="number of article files to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--syndication-rate", type=_rate, default=0.05,
                        help="fraction of files that belong to a story published by 2-5 "
                             "outlets, each lightly rewritten (default: 0.05)")
    parser.add_argument("--comment-rate", type=_rate, default=0.15,
                        help="fraction of files ending with 'Join the discussion' and 1-60 "
                             "reader comments (default: 0.15)")
    parser.add_argument("--date-rate", type=_rate, default=0.2,
                        help="fraction of files starting with ' date YYYY-MM-DD ' and no "
                             "headline (default: 0.2)")
    parser.add_argument("--no-headline-rate", type=_rate, default=0.05,
                        help="fraction of files with no headline and no date (default: 0.05)")
    parser.add_argument("--sidecar-rate", type=_rate, default=0.03,
                        help="fraction of files with a JSON metadata sidecar (default: 0.03)")
    parser.add_argument("--text", choices=TEXTS, default="classic",
                        help="'realistic': English word frequencies (wordfreq), thousands of "
                             "people and organisations (Faker's name tables), 200-2,000 words "
                             "an article; 'classic': the small grammar (default)")
    parser.add_argument("--workers", "-j", type=int, default=None,
                        help="processes to write with (default: CPU count; the output is the "
                             "same for any value)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: when stdout is a terminal)")
    args = parser.parse_args(argv)
    try:
        summary = generate(
            args.out_dir, args.count, args.seed, syndication_rate=args.syndication_rate,
            comment_rate=args.comment_rate, date_rate=args.date_rate,
            no_headline_rate=args.no_headline_rate, sidecar_rate=args.sidecar_rate,
            workers=args.workers, progress=args.progress, text=args.text,
        )
    except ValueError as exc:
        parser.error(str(exc))
    report = asdict(summary)
    report["files_per_second"] = round(summary.files_per_second, 1)
    report["seconds"] = round(summary.seconds, 2)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
