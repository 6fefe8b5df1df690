"""Base for commands that read the DfE files shipped in data/dfe (or another folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class DfeDataCommand(BaseCommand):
    """Adds ``--data-dir`` and turns the loader's data error into a clear command error."""

    #: The exception the loader raises for a missing or malformed file.
    data_error: type[Exception] = ValueError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=settings.SIGHTLINE_DFE_DATA_DIR,
            help="Folder holding the DfE files (default: the copy shipped with Sightline).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self.stdout.write(self.load(options["data_dir"]))
        except self.data_error as exc:
            raise CommandError(str(exc)) from exc

    def load(self, data_dir: Path) -> str:
        """Load from ``data_dir``; return the line to print."""
        raise NotImplementedError
