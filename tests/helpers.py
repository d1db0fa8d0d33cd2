"""Shared test helpers (import as ``from tests.helpers import …``)."""

import os
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_FILES = sorted(CORPUS.glob("*.txt"))


class CommandRun:
    def __init__(self, stdout: str, stderr: str, error: CommandError | None):
        self.stdout, self.stderr, self.error = stdout, stderr, error

    @property
    def ok(self) -> bool:
        return self.error is None


def run_command(name: str, *args, **options) -> CommandRun:
    """Run a management command as a user would, capturing its output and failure."""
    stdout, stderr = StringIO(), StringIO()
    error = None
    try:
        call_command(name, *args, stdout=stdout, stderr=stderr, **options)
    except CommandError as exc:
        error = exc
    return CommandRun(stdout.getvalue(), stderr.getvalue(), error)


def folder_listing_fails(monkeypatch, name: str, error: OSError) -> None:
    """Make listing any folder called ``name`` raise ``error``, as the system would for a folder
    that cannot be read or has just been removed (a test run as root cannot chmod one away)."""
    scandir = os.scandir

    def listing(path):
        if os.path.basename(path) == name:
            raise error
        return scandir(path)

    monkeypatch.setattr(os, "scandir", listing)
