from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.organisation.services import ReferenceDataError, reference_authorities_load


class Command(BaseCommand):
    help = "Load the English local authorities (DfE and ONS reference data shipped in data/dfe)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=settings.SIGHTLINE_DFE_DATA_DIR,
            help="Folder holding the DfE files (default: the copy shipped with Sightline).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = reference_authorities_load(data_dir=options["data_dir"])
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"English authorities: {result.created} added, {result.updated} updated.")
