"""Reads of the DfE benchmarks for an authority's benchmark identity.

For a measure: the authority's own latest published value, England's, its region's and the
mean of its 10 statistical neighbours (skipping those without a value), each with its year as
DfE labels it. Each comparator is the latest year *it* has a value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from csc_measures import REGISTRY
from csc_measures.benchmarks import MAPPINGS_BY_ID, BenchmarkMapping
from sightline.organisation.models import Authority

from .models import (
    AnnexAImport,
    BenchmarkFigure,
    BenchmarkLoad,
    ColumnMapping,
    SpcRebase,
    Target,
)
from .rag import Rag, default_tolerance, rag_rate

ENGLAND_CODE = "E92000001"


@dataclass(frozen=True)
class Comparator:
    value: float
    year: int
    label: str
    """The year as DfE writes it: ``2024-25`` or ``2025``."""
    description: str
    """In words: ``year ending 31 March 2025``."""


@dataclass(frozen=True)
class NeighbourComparator(Comparator):
    neighbours_with_data: int
    neighbours: int


@dataclass(frozen=True)
class BenchmarkYear:
    """One published year: the authority, England, its region and its neighbours' mean."""

    year: int
    label: str
    own: float | None
    england: float | None
    region: float | None
    sn_mean: float | None


@dataclass(frozen=True)
class MeasureBenchmark:
    measure_id: str
    mapping: BenchmarkMapping
    benchmark_as: str
    """Name of the published authority the figures are for."""
    own: Comparator | None
    england: Comparator | None
    region: Comparator | None
    region_name: str
    sn_mean: NeighbourComparator | None
    years: tuple[BenchmarkYear, ...] = ()
    """Every published year, oldest first (for the benchmark chart)."""


def _comparator(mapping: BenchmarkMapping, year: int, value: float) -> Comparator:
    basis = mapping.year_basis
    return Comparator(value, year, basis.label(year), basis.describe(year))


def _latest(mapping: BenchmarkMapping, by_year: dict[int, float]) -> Comparator | None:
    if not by_year:
        return None
    year = max(by_year)
    return _comparator(mapping, year, by_year[year])


def benchmark_for(*, authority: Authority, measure_id: str) -> MeasureBenchmark | None:
    """The published comparators for ``measure_id``, or None when DfE publishes no equivalent."""
    mapping = MAPPINGS_BY_ID.get(measure_id)
    if mapping is None:
        return None
    ref = authority.benchmark_as
    neighbours = list(ref.statistical_neighbours)
    rows = BenchmarkFigure.objects.filter(measure_id=measure_id).filter(
        area_code__in=[ref.dfe_code, ref.region_code, ENGLAND_CODE, *neighbours]
    )
    own: dict[int, float] = {}
    england: dict[int, float] = {}
    region: dict[int, float] = {}
    by_neighbour_year: dict[int, list[float]] = defaultdict(list)
    for area_type, code, year, value in rows.values_list("area_type", "area_code", "year", "value"):
        if area_type == BenchmarkFigure.AreaType.LA and code == ref.dfe_code:
            own[year] = value
        if area_type == BenchmarkFigure.AreaType.LA and code in neighbours:
            by_neighbour_year[year].append(value)
        elif area_type == BenchmarkFigure.AreaType.REGION and code == ref.region_code:
            region[year] = value
        elif area_type == BenchmarkFigure.AreaType.ENGLAND:
            england[year] = value
    sn_mean = None
    if by_neighbour_year:
        year = max(by_neighbour_year)
        values = by_neighbour_year[year]
        base = _comparator(mapping, year, sum(values) / len(values))
        sn_mean = NeighbourComparator(
            base.value, base.year, base.label, base.description, len(values), len(neighbours)
        )
    years = tuple(
        BenchmarkYear(
            year=year,
            label=mapping.year_basis.label(year),
            own=own.get(year),
            england=england.get(year),
            region=region.get(year),
            sn_mean=(
                sum(by_neighbour_year[year]) / len(by_neighbour_year[year])
                if by_neighbour_year.get(year)
                else None
            ),
        )
        for year in sorted({*own, *england, *region, *by_neighbour_year})
    )
    return MeasureBenchmark(
        years=years,
        measure_id=measure_id,
        mapping=mapping,
        benchmark_as=ref.name,
        own=_latest(mapping, own),
        england=_latest(mapping, england),
        region=_latest(mapping, region),
        region_name=ref.region_name,
        sn_mean=sn_mean,
    )


@dataclass(frozen=True)
class BenchmarkRow:
    measure_id: str
    title: str
    benchmark: MeasureBenchmark


def benchmark_table(*, authority: Authority) -> list[BenchmarkRow]:
    """Every measure with a published DfE equivalent, in catalogue order, then the rest."""
    order = {measure_id: i for i, measure_id in enumerate(REGISTRY)}
    rows = []
    for measure_id in sorted(MAPPINGS_BY_ID, key=lambda m: (order.get(m, len(order)), m)):
        benchmark = benchmark_for(authority=authority, measure_id=measure_id)
        if benchmark is None or not any(
            (benchmark.own, benchmark.england, benchmark.region, benchmark.sn_mean)
        ):
            continue
        spec = REGISTRY.get(measure_id)
        title = spec.title if spec else benchmark.mapping.dfe_indicator
        rows.append(BenchmarkRow(measure_id=measure_id, title=title, benchmark=benchmark))
    return rows


def benchmark_last_load() -> BenchmarkLoad | None:
    return BenchmarkLoad.objects.first()


@dataclass(frozen=True)
class TargetView:
    measure_id: str
    title: str
    unit: str
    target: float | None
    tolerance: float | None
    polarity: str
    effective_from: date | None
    set_by: str
    """Who set it, or "catalogue default"."""
    set_at: datetime | None
    reason: str

    def rate(self, value: float | None) -> Rag:
        return rag_rate(
            value=value, target=self.target, tolerance=self.tolerance, polarity=self.polarity
        )


def _default(measure_id: str) -> TargetView:
    spec = REGISTRY[measure_id]
    target = float(spec.default_target) if spec.default_target is not None else None
    return TargetView(
        measure_id=measure_id,
        title=spec.title,
        unit=spec.unit,
        target=target,
        tolerance=default_tolerance(target=target, unit=spec.unit),
        polarity=spec.polarity,
        effective_from=None,
        set_by="catalogue default",
        set_at=None,
        reason="",
    )


def _view(row: Target) -> TargetView:
    spec = REGISTRY[row.measure_id]
    return TargetView(
        measure_id=row.measure_id,
        title=spec.title,
        unit=spec.unit,
        target=row.target,
        tolerance=row.tolerance,
        polarity=row.polarity,
        effective_from=row.effective_from,
        set_by=row.set_by.username if row.set_by else "unknown",
        set_at=row.set_at,
        reason=row.reason,
    )


def target_on(*, authority: Authority, measure_id: str, day: date) -> TargetView:
    """The target in force on ``day``: the latest set from on or before it, else the default."""
    row = (
        Target.objects.filter(authority=authority, measure_id=measure_id, effective_from__lte=day)
        .select_related("set_by")
        .order_by("-effective_from", "-set_at")
        .first()
    )
    return _view(row) if row else _default(measure_id)


def target_table(*, authority: Authority, day: date) -> list[TargetView]:
    """Every measure's target in force on ``day``, in catalogue order (one query)."""
    latest: dict[str, Target] = {}
    rows = (
        Target.objects.filter(authority=authority, effective_from__lte=day)
        .select_related("set_by")
        .order_by("measure_id", "-effective_from", "-set_at")
    )
    for row in rows:
        latest.setdefault(row.measure_id, row)
    return [_view(latest[m]) if m in latest else _default(m) for m in REGISTRY]


def target_history(*, authority: Authority, measure_id: str) -> list[TargetView]:
    rows = Target.objects.filter(authority=authority, measure_id=measure_id).select_related(
        "set_by"
    )
    return [_view(row) for row in rows.order_by("-effective_from", "-set_at")]


def rebases_by_measure(*, authority: Authority) -> dict[str, list[str]]:
    """measure ID → the months its SPC chart starts a new baseline."""
    out: dict[str, list[str]] = defaultdict(list)
    for measure_id, period in SpcRebase.objects.filter(authority=authority).values_list(
        "measure_id", "period"
    ):
        out[measure_id].append(period)
    return dict(out)


def rebase_list(*, authority: Authority, measure_id: str) -> list[SpcRebase]:
    return list(
        SpcRebase.objects.filter(authority=authority, measure_id=measure_id).select_related(
            "set_by"
        )
    )


def imports_awaiting_decision(*, authority: Authority) -> QuerySet[AnnexAImport]:
    """Uploads whose validation report waits for the analyst to accept or abandon them."""
    return AnnexAImport.objects.filter(
        authority=authority, status=AnnexAImport.Status.NEEDS_DECISION
    ).order_by("-uploaded_at")


def has_imported(*, authority: Authority) -> bool:
    """Whether any Annex A extract has been imported for the authority."""
    return AnnexAImport.objects.filter(
        authority=authority, status=AnnexAImport.Status.IMPORTED
    ).exists()


def column_mappings(*, authority: Authority) -> QuerySet[ColumnMapping]:
    """The authority's renamed columns, by list and header."""
    return ColumnMapping.objects.filter(authority=authority).select_related("set_by")


def column_mapping_for(*, authority: Authority) -> dict[int, dict[str, str]]:
    """The authority's renamed columns as the engine takes them (``csc_measures.mapping``)."""
    mapping: dict[int, dict[str, str]] = {}
    for list_no, header, column in column_mappings(authority=authority).values_list(
        "list_no", "header", "column"
    ):
        mapping.setdefault(list_no, {})[header] = column
    return mapping
