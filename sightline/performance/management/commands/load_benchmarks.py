from __future__ import annotations

from pathlib import Path

from csc_measures.benchmarks import BenchmarkDataError
from sightline.core.management.dfe_command import DfeDataCommand
from sightline.performance.services import benchmark_figures_load


class Command(DfeDataCommand):
    help = "Load the DfE published benchmark figures shipped in data/dfe (Open Government Licence)."
    data_error = BenchmarkDataError

    def load(self, data_dir: Path) -> str:
        load = benchmark_figures_load(data_dir=data_dir)
        measures = len(load.measures)
        return f"DfE benchmarks: {load.figures:,} published figures for {measures} measures."
