"""Add the known outlets of ``fixtures/sources.json`` that the database does not have yet.

Unlike ``loaddata``, it never overwrites an outlet that exists (an admin may have edited its
signatures), so ``make run`` can call it every time.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction

from archive.models import Source
from config.commands import ClippingsCommand

DEFAULT_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "sources.json"


class Command(ClippingsCommand):
    help = (
        "Add known outlets from a sources fixture (default fixtures/sources.json); outlets that "
        "already exist (same slug) are left as they are."
    )
    dry_run_help = "Report, write nothing."
    progress = False

    def add_options(self, parser):
        parser.add_argument("fixture", nargs="?", default=str(DEFAULT_FIXTURE),
                            help="Path to a fixture of archive.source records.")

    def handle(self, *args, fixture, dry_run, verbosity, **options):
        records = self._read(Path(fixture))
        existing = set(Source.objects.values_list("slug", flat=True))
        new = [fields for fields in records if fields["slug"] not in existing]
        if not dry_run:
            with transaction.atomic():
                Source.objects.bulk_create(Source(**fields) for fields in new)
        if verbosity >= 1:
            verb = "Would add" if dry_run else "Added"
            self.stdout.write(
                f"{verb} {len(new)} outlet{'s' if len(new) != 1 else ''}; "
                f"{len(records) - len(new)} already known."
            )

    def _read(self, path: Path) -> list[dict]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error}") from None
        allowed = {"name", "slug", "domain", "signatures"}
        records = []
        for number, item in enumerate(data if isinstance(data, list) else [None], 1):
            if not isinstance(item, dict) or item.get("model") != "archive.source":
                raise CommandError(f"{path}: record {number} is not an archive.source record")
            fields = {k: v for k, v in item.get("fields", {}).items() if k in allowed}
            if not fields.get("slug") or not fields.get("name"):
                raise CommandError(f"{path}: record {number} needs a name and a slug")
            records.append(fields)
        return records
