"""`sightline restore PATH`: put a backup back (every checksum checked first)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `sightline backup` into this database (migrated first) "
        "and private storage."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file (.tar.gz).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete everything in this database first (otherwise it must be empty).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        try:
            summary = backup_restore(path=options["path"], replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {summary.rows} rows and {summary.files} private files from "
                f"{summary.path}."
            )
        )
