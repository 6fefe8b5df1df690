"""Writes of performance data."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from csc_measures.benchmarks import load_benchmarks
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record

from .models import BenchmarkFigure, BenchmarkLoad


@transaction.atomic
def benchmark_figures_load(*, data_dir: Path, by: User | None = None) -> BenchmarkLoad:
    """Replace the DfE benchmark figures with those in ``data_dir``, all or nothing.

    A file that is missing or not in the expected shape raises ``BenchmarkDataError`` (naming
    the file and column) before anything is changed."""
    benchmarks = load_benchmarks(data_dir)
    figures = [
        BenchmarkFigure(
            measure_id=row.measure_id,
            area_type=row.area_type,
            area_code=row.area_code,
            year=row.year,
            value=row.value,
        )
        for row in benchmarks.rows()
    ]
    BenchmarkFigure.objects.all().delete()
    BenchmarkFigure.objects.bulk_create(figures, batch_size=2000)
    measures = sorted({f.measure_id for f in figures})
    load = BenchmarkLoad.objects.create(loaded_by=by, figures=len(figures), measures=measures)
    audit_record(
        actor=by,
        action="benchmarks.load",
        obj=load,
        changes={"figures": len(figures), "measures": measures},
        actor_label="sightline load_benchmarks",
    )
    return load
