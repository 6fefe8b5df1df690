from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from csc_measures.benchmarks import BenchmarkDataError
from sightline.performance.services import benchmark_figures_load


class Command(BaseCommand):
    help = "Load the DfE published benchmark figures shipped in data/dfe (Open Government Licence)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=settings.SIGHTLINE_DFE_DATA_DIR,
            help="Folder holding the DfE files (default: the copy shipped with Sightline).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            load = benchmark_figures_load(data_dir=options["data_dir"])
        except BenchmarkDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"DfE benchmarks: {load.figures:,} published figures for {len(load.measures)} measures."
        )
