"""Print precision and recall of the entity, quote and same-story extractors.

    python manage.py evaluate_intelligence                 # bench/eval and bench/eval_heldout
    python manage.py evaluate_intelligence PATH --errors   # one labelled set, every mistake

Reads only the labelled files (no database); see ``search/intelligence/evaluation.py`` for the
format and the scoring rules, and ``docs/intelligence.md`` for the recorded figures.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.extraction.evaluation import evaluate
from newsroom.services import cluster_settings

DEFAULT_SETS = ("bench/eval", "bench/eval_heldout")

TARGETS = {"entities_f1": 0.85, "speaker_accuracy": 0.85, "clustering_f1": 0.95}


class Command(BaseCommand):
    help = (
        "Print precision/recall/F1 for entities, quotes (with speaker attribution) and "
        "same-story clustering on hand-labelled sets (default: bench/eval and "
        "bench/eval_heldout)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Labelled set folders (labels.json inside).")
        parser.add_argument("--errors", action="store_true", help="List every mistake.")
        parser.add_argument(
            "--check", action="store_true", help="Fail when a figure is below the issue's target."
        )

    def handle(self, *args, paths, errors, check, **options):
        folders = [Path(p) for p in paths] or [settings.BASE_DIR / p for p in DEFAULT_SETS]
        failures = []
        for folder in folders:
            if not (folder / "labels.json").is_file():
                raise CommandError(f"{folder} has no labels.json: not a labelled set.")
            try:
                report = evaluate(folder, cluster_settings())
            except (OSError, ValueError, KeyError, json.JSONDecodeError) as error:
                raise CommandError(f"cannot read the labelled set in {folder}: {error}") from None
            self.stdout.write(self._table(folder, report))
            if errors or options["verbosity"] >= 2:
                for line in report.errors:
                    self.stdout.write(f"  {line}")
            figures = {
                "entities_f1": report.entities.f1,
                "speaker_accuracy": report.speaker_accuracy,
                "clustering_f1": report.clusters.f1,
            }
            failures += [
                f"{folder.name}: {name} {value:.3f} < {TARGETS[name]}"
                for name, value in figures.items()
                if value < TARGETS[name]
            ]
        if check and failures:
            raise CommandError("below target: " + "; ".join(failures))

    @staticmethod
    def _table(folder: Path, report) -> str:
        def row(label, score):
            return (
                f"  {label:<22} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
                f"  ({score.true_positives}/{score.predicted} predicted, "
                f"{score.true_positives}/{score.expected} expected)"
            )

        lines = [f"{folder.name}: {report.articles} articles"]
        lines.append(row("entities", report.entities))
        for kind in sorted(report.entities_by_kind):
            lines.append(row(f"  {kind}", report.entities_by_kind[kind]))
        lines.append(row("quotes", report.quotes))
        lines.append(
            f"  {'speaker attribution':<22} {report.speaker_accuracy:.3f}"
            f"  ({report.speakers_right}/{report.speakers_checked} found quotes)"
        )
        lines.append(row("clustering (pairwise)", report.clusters))
        return "\n".join(lines)
