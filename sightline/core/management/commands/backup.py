"""`sightline backup PATH`: the database and the private files in one checked archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sightline.core.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and the private files to PATH (.tar.gz, with checksums)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file to write (.tar.gz).")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = backup_create(path=options["path"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {summary.rows} rows and {summary.files} private files to "
                f"{summary.path}."
            )
        )
