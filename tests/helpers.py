"""Shared test helpers (import as ``from tests.helpers import …``)."""

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
