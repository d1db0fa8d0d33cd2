"""Score the parser on labelled real pages (shared/real-pages' format).

    python manage.py evaluate_parsing DIR                  # raw text: DIR/text/NAME.txt
    python manage.py evaluate_parsing DIR --format html    # saved pages: DIR/html/NAME.html
    python manage.py evaluate_parsing DIR --errors         # every miss, file by file
    python manage.py evaluate_parsing DIR --split thirds   # first two thirds / last third

DIR holds ``truth.jsonl`` (one page a line: name, url, "with" passages that must stay in the body,
"without" passages of furniture that must not). Prints, for the pages sorted by name and dealt
into an "even" half (to develop on) and an "odd" half (to check on) (``--split thirds``: the
first two thirds and the last third), and for all of them: "with"
passages kept, "without" passages dropped, headlines exact and outlets right / wrong / unknown,
against the targets of issue 12. Reads files and the outlets table; writes nothing. Scoring rules:
``archive/parsing/scoring.py``; recorded figures: ``docs/parsing.md``.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from archive.ingestion.services import load_signatures
from archive.models import Source
from archive.parsing import ParseError, compile_signatures, parse_article, scoring
from config.commands import ClippingsCommand

TARGETS = {
    "text": {"with": 97.0, "without": 90.0, "headline": 98.0},
    "html": {"with": 98.0, "without": 95.0},
}
WRONG_OUTLET_TARGET = 1.0  # at most this share of all pages (percent)


def _html_parser():
    """The saved-HTML parser (issue 12, part B), or None in a build without it."""
    try:
        from archive.parsing.html import parse_html_page
    except ImportError:
        return None
    return parse_html_page


def _percent(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:5.1f} %"


class Command(ClippingsCommand):
    help = ("Score the parser on labelled pages: DIR/truth.jsonl with DIR/text/*.txt (or, with "
            "--format html, DIR/html/*.html). Prints with-kept, without-dropped, headline exact "
            "and outlet right/wrong/unknown for the even and odd halves and all pages.")

    def add_options(self, parser):
        parser.add_argument("directory", help="Folder with truth.jsonl and text/ (or html/).")
        parser.add_argument("--format", choices=("text", "html"), default="text",
                            help="Score the raw-text pages (default) or the saved HTML pages.")
        parser.add_argument("--errors", action="store_true",
                            help="List the misses of every page.")
        parser.add_argument("--check", action="store_true",
                            help="Exit with an error when a target is not met.")
        parser.add_argument("--split", choices=("halves", "thirds"), default="halves",
                            help="Groups of pages (sorted by name) besides all: even and odd "
                            "(default), or the first two thirds and the last third.")

    def handle(self, *args, directory, format, errors, check, verbosity, split, **options):
        folder = Path(directory)
        truth_path = folder / "truth.jsonl"
        if not truth_path.is_file():
            raise CommandError(f"{folder} has no truth.jsonl: not a labelled set.")
        try:
            with open(truth_path, encoding="utf-8") as handle:
                truths = scoring.read_truth(handle)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {truth_path}: {error}") from None
        except scoring.TruthError as error:
            raise CommandError(f"{truth_path}: {error}") from None
        if not truths:
            raise CommandError(f"{truth_path} lists no pages.")

        parse = self._parser(format)
        if parse is None:
            self.stdout.write(f"{folder} ({format}): not available: this build has no saved-HTML "
                              "parser yet (issue 12, part B).")
            return
        signatures = compile_signatures(load_signatures())
        domains = {source.slug: source.as_signature().email_domains
                   for source in Source.objects.all()}
        scores: dict[str, scoring.PageScore] = {}
        problems: dict[str, str] = {}
        for truth in self.progress_bar(truths, unit="page", leave=False):
            scores[truth.name], problem = self._score(folder, format, truth, parse, signatures,
                                                      domains)
            if problem:
                problems[truth.name] = problem

        self._print(folder, format, truths, scores, domains, split)
        if errors or verbosity >= 2:
            self._print_errors(truths, scores, problems)
        elif problems:
            self.stdout.write(f"{len(problems)} page(s) could not be scored or parsed "
                              "(--errors lists them).")
        if check:
            failed = self._failed_targets(format, scoring.summarise(scores.values()))
            if failed:
                raise CommandError("targets not met: " + "; ".join(failed))

    def _parser(self, format):
        if format == "text":
            return lambda raw, signatures, url: parse_article(raw, signatures)
        html = _html_parser()
        if html is None:
            return None
        return lambda raw, signatures, url: html(raw, signatures, url=url)

    def _score(self, folder, format, truth, parse, signatures, domains):
        """(score, problem): a page that is missing or refused scores an empty body."""
        expected_outlet = scoring.outlet_for_domain(scoring.url_domain(truth.url), domains)
        text_path = folder / "text" / f"{truth.name}.txt"
        page_path = text_path if format == "text" else folder / "html" / f"{truth.name}.html"
        expected_headline, problem = "", ""
        body, headline, outlet = "", "", None
        try:
            if text_path.is_file():
                expected_headline = scoring.expected_headline(
                    text_path.read_bytes().decode("utf-8", errors="replace"))
            raw = page_path.read_bytes()
        except OSError as error:
            problem = f"cannot read {page_path.name}: {error.strerror or error}"
        else:
            try:
                parsed = parse(raw, signatures, truth.url)
            except ParseError as error:
                problem = f"refused: {error}"
            else:
                body, headline, outlet = parsed.body, parsed.headline, parsed.source
        score = scoring.score_page(truth, body=body, headline=headline,
                                   expected_headline=expected_headline, found_outlet=outlet,
                                   expected_outlet=expected_outlet)
        return score, problem

    def _print(self, folder, format, truths, scores, domains, split):
        out = self.stdout.write
        out(f"{folder} ({format}): {len(truths)} pages, {len(domains)} known outlets")
        out(f"{'':12} {'with kept':>10} {'without dropped':>16} {'headline exact':>15}   "
            "outlet right / wrong / unknown")
        groups = {**getattr(scoring, split)(truths), "all": truths}
        for name, group in groups.items():
            summary = scoring.summarise(scores[truth.name] for truth in group)
            outlets = summary.outlets
            out(f"{name + f' ({summary.pages})':12} {_percent(summary.with_kept_percent):>10} "
                f"{_percent(summary.without_dropped_percent):>16} "
                f"{_percent(summary.headline_percent):>15}   "
                f"{outlets[scoring.RIGHT]} / {outlets[scoring.WRONG]} / "
                f"{outlets[scoring.UNKNOWN]}")
        summary = scoring.summarise(scores.values())
        out(f"outlets: right on {summary.known_outlet_right} of the {summary.known_outlet_pages} "
            f"pages of a known outlet; wrong on "
            f"{_percent(summary.outlet_percent(scoring.WRONG)).strip()} of all pages "
            f"(target <= {WRONG_OUTLET_TARGET:.0f} %)")
        failed = self._failed_targets(format, summary)
        out("targets: " + ("all met" if not failed else "NOT met: " + "; ".join(failed)))

    def _failed_targets(self, format, summary) -> list[str]:
        figures = {"with": summary.with_kept_percent,
                   "without": summary.without_dropped_percent,
                   "headline": summary.headline_percent}
        failed = [f"{name} {figures[name]:.1f} % < {target:.0f} %"
                  for name, target in TARGETS[format].items()
                  if figures[name] is not None and figures[name] < target]
        wrong = summary.outlet_percent(scoring.WRONG)
        if wrong is not None and wrong > WRONG_OUTLET_TARGET:
            failed.append(f"outlet wrong {wrong:.1f} % > {WRONG_OUTLET_TARGET:.0f} %")
        return failed

    def _print_errors(self, truths, scores, problems):
        for truth in sorted(truths, key=lambda t: t.name):
            lines = scoring.page_errors(scores[truth.name])
            if truth.name in problems:
                lines.insert(0, problems[truth.name])
            if lines:
                self.stdout.write(f"{truth.name}:")
                for line in lines:
                    self.stdout.write(f"  {line}")
