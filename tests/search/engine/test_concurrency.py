"""Two real processes write at once (admin-like saves and deletes beside an ingest): the index
ends equal to the database, same ids, same count."""

import json
import os
import subprocess
import sys
from pathlib import Path

WORKER = Path(__file__).with_name("concurrent_worker.py")


def run(tmp_path, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    return subprocess.Popen([sys.executable, str(WORKER), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out


def test_two_processes_leave_the_index_equal_to_the_database(tmp_path):
    index = str(tmp_path / "index")
    finish(run(tmp_path, "setup", index, "-"))
    editors = [run(tmp_path, "edit", index, "editor"), run(tmp_path, "ingest", index, "ingest")]
    for process in editors:
        finish(process)
    state = json.loads(finish(run(tmp_path, "check", index, "-")))
    assert state["indexed"] == state["expected"]
    assert len(state["expected"]) > 40
