"""``evaluate_intelligence``: the figures on the labelled sets, and its handling of bad input."""

import json
import shutil

from tests.helpers import ROOT, run_command


def test_shipped_sets_meet_the_issue_targets():
    run = run_command("evaluate_intelligence", "--check")
    assert run.ok, run.error
    assert "eval: 42 articles" in run.stdout and "eval_heldout: 10 articles" in run.stdout
    assert "speaker attribution" in run.stdout and "clustering (pairwise)" in run.stdout


def test_a_wrong_label_lowers_the_figures_and_fails_the_check(tmp_path):
    folder = tmp_path / "set"
    shutil.copytree(ROOT / "bench" / "eval_heldout", folder)
    labels = json.loads((folder / "labels.json").read_text())
    for entry in labels.values():
        entry["story"] = "one"  # claim every article is the same story
        for quote in entry["quotes"]:
            quote["speaker"] = "Nobody"
    (folder / "labels.json").write_text(json.dumps(labels))
    run = run_command("evaluate_intelligence", str(folder), "--check", "--errors")
    assert not run.ok
    assert "clustering_f1" in str(run.error) and "speaker_accuracy" in str(run.error)
    assert "split by clustering" in run.stdout


def test_a_folder_without_labels_is_a_clear_error(tmp_path):
    run = run_command("evaluate_intelligence", str(tmp_path))
    assert not run.ok and "no labels.json" in str(run.error)
    (tmp_path / "labels.json").write_text("{not json")
    run = run_command("evaluate_intelligence", str(tmp_path))
    assert not run.ok and "cannot read the labelled set" in str(run.error)
