"""The monthly performance report that follows the child's journey (selectors, no writes).

Figures come from stored imports: for each measure, month and unit the latest extract that
holds a figure wins, so snapshot measures build their history from successive monthly imports
while event and stock measures take the most recent recomputation of each month.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from csc_measures import REGISTRY
from csc_measures.spc import XmrChart, xmr_compute
from sightline.organisation.models import Authority, Locality

from .models import AnnexAImport, StoredMeasureValue
from .rag import Rag
from .selectors import (
    MeasureBenchmark,
    TargetView,
    benchmark_for,
    rebases_by_measure,
    target_table,
)

#: The child's journey, in the order the board reads it.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Front door", ("FD",)),
    ("Early help and assessment", ("EH", "AS")),
    ("Child protection", ("CP",)),
    ("Children in need", ("CN",)),
    ("Children looked after", ("LA",)),
    ("Care leavers", ("CL",)),
    ("Caseloads", ("WF",)),
)
_DIRECTION = {"↑": "up", "↓": "down", "·": "neither"}


@dataclass(frozen=True)
class Point:
    period: str
    numerator: int
    denominator: int | None
    value: float | None


@dataclass(frozen=True)
class MeasureRow:
    measure_id: str
    title: str
    unit: str
    polarity: str
    series: tuple[Point, ...]
    target: TargetView
    rag: Rag
    chart: XmrChart | None
    benchmark: MeasureBenchmark | None

    @property
    def latest(self) -> Point | None:
        return self.series[-1] if self.series else None

    @property
    def previous(self) -> Point | None:
        return self.series[-2] if len(self.series) > 1 else None

    @property
    def change(self) -> float | None:
        """Latest minus previous month (the direction of travel)."""
        if self.latest is None or self.previous is None:
            return None
        if self.latest.value is None or self.previous.value is None:
            return None
        return self.latest.value - self.previous.value


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[MeasureRow, ...]


def series_by_measure(
    *, authority: Authority, units: list[str], measure_id: str | None = None
) -> dict[str, tuple[Point, ...]]:
    """Every measure's (or one measure's) monthly series for the given units (summed when there
    are several: a locality is the sum of its teams' numerators and denominators)."""
    stored = StoredMeasureValue.objects.filter(
        authority=authority,
        unit__in=units,
        annex_import__status=AnnexAImport.Status.IMPORTED,
    )
    if measure_id is not None:
        stored = stored.filter(measure_id=measure_id)
    rows = (
        stored.exclude(measure_id__contains=":")
        .order_by("measure_id", "period", "unit", "-annex_import__extract_date")
        .values_list("measure_id", "period", "unit", "numerator", "denominator", "value")
    )
    chosen: dict[tuple[str, str, str], tuple[int, int | None, float | None]] = {}
    for key_measure, period, unit, numerator, denominator, value in rows:
        chosen.setdefault((key_measure, period, unit), (numerator, denominator, value))
    summed: dict[str, dict[str, list[int | None]]] = defaultdict(dict)
    single: dict[str, dict[str, Point]] = defaultdict(dict)
    for (key_measure, period, _unit), (numerator, denominator, value) in chosen.items():
        if len(units) == 1:
            single[key_measure][period] = Point(period, numerator, denominator, value)
            continue
        acc = summed[key_measure].setdefault(period, [0, None])
        acc[0] = (acc[0] or 0) + numerator
        if denominator is not None:
            acc[1] = (acc[1] or 0) + denominator
    if len(units) == 1:
        return {m: tuple(p for _, p in sorted(by.items())) for m, by in single.items()}
    out: dict[str, tuple[Point, ...]] = {}
    for key_measure, by_period in summed.items():
        spec = REGISTRY.get(key_measure)
        points = []
        for period, (num_total, den_total) in sorted(by_period.items()):
            num = int(num_total or 0)
            total: float | None
            if spec is not None and spec.kind == "ratio":
                total = None if not den_total else round(100 * num / den_total, 4)
            elif den_total:  # an average such as WF01: children per worker
                total = round(num / den_total, 4)
            else:
                total = float(num)
            points.append(Point(period, num, den_total, total))
        out[key_measure] = tuple(points)
    return out


def locality_for(*, authority: Authority, unit: str) -> Locality | None:
    """The authority's locality named by ``locality:<id>``, or None."""
    key = unit.removeprefix("locality:").strip()
    return (
        Locality.objects.filter(authority=authority, pk=int(key)).first() if key.isdigit() else None
    )


def units_for(*, authority: Authority, unit: str) -> list[str]:
    """``la``, ``team:<name>`` or ``locality:<id>`` → the stored units to read."""
    if unit.startswith("locality:"):
        locality = locality_for(authority=authority, unit=unit)
        if locality is None:
            return []
        return [f"team:{name}" for name in locality.teams.values_list("name", flat=True)]
    return [unit]


def dashboard(
    *, authority: Authority, unit: str = "la", only: str | None = None
) -> tuple[Section, ...]:
    """The dashboard's sections (``only``: compute just that measure's row)."""
    series = series_by_measure(
        authority=authority, units=units_for(authority=authority, unit=unit), measure_id=only
    )
    targets = {t.measure_id: t for t in target_table(authority=authority, day=timezone.localdate())}
    rebases = rebases_by_measure(authority=authority)
    sections = []
    for title, prefixes in SECTIONS:
        rows = []
        for measure_id, spec in REGISTRY.items():
            if not measure_id.startswith(prefixes) or (only and measure_id != only):
                continue
            points = series.get(measure_id, ())
            latest = points[-1] if points else None
            target = targets[measure_id]
            values = [(p.period, p.value) for p in points]
            chart = (
                xmr_compute(
                    values,
                    direction=_DIRECTION.get(target.polarity, "neither"),
                    target=target.target if target.polarity in ("↑", "↓") else None,
                    rebase_at=[
                        p for p in rebases.get(measure_id, ()) if p in {v[0] for v in values[1:]}
                    ],
                )
                if any(v is not None for _, v in values)
                else None
            )
            rows.append(
                MeasureRow(
                    measure_id=measure_id,
                    title=spec.title,
                    unit=spec.unit,
                    polarity=target.polarity,
                    series=points,
                    target=target,
                    rag=target.rate(latest.value if latest else None),
                    chart=chart,
                    benchmark=benchmark_for(authority=authority, measure_id=measure_id),
                )
            )
        sections.append(Section(title=title, rows=tuple(rows)))
    return tuple(sections)


def unit_choices(*, authority: Authority) -> list[tuple[str, str]]:
    """The authority, each locality, and each team found in the data."""
    teams = (
        StoredMeasureValue.objects.filter(authority=authority, unit__startswith="team:")
        .filter(~Q(unit="team:(unallocated)"))
        .values_list("unit", flat=True)
        .distinct()
        .order_by("unit")
    )
    choices = [("la", authority.name)]
    choices += [
        (f"locality:{loc.pk}", f"{loc.name} ({loc.get_kind_display().lower()})")
        for loc in Locality.objects.filter(authority=authority).order_by("name")
    ]
    choices += [(unit, unit.removeprefix("team:")) for unit in teams]
    return choices


@dataclass(frozen=True)
class TeamFigure:
    unit: str
    numerator: int
    denominator: int | None
    value: float | None


def measure_row(*, authority: Authority, measure_id: str, unit: str = "la") -> MeasureRow:
    """One measure's row of the dashboard, with its full series and chart."""
    for section in dashboard(authority=authority, unit=unit, only=measure_id):
        for row in section.rows:
            if row.measure_id == measure_id:
                return row
    raise KeyError(measure_id)


def team_breakdown(*, authority: Authority, measure_id: str, period: str) -> list[TeamFigure]:
    """Every team's figure for one month (latest extract wins), largest denominator first."""
    rows = (
        StoredMeasureValue.objects.filter(
            authority=authority,
            measure_id=measure_id,
            period=period,
            unit__startswith="team:",
            annex_import__status=AnnexAImport.Status.IMPORTED,
        )
        .order_by("unit", "-annex_import__extract_date")
        .values_list("unit", "numerator", "denominator", "value")
    )
    chosen: dict[str, TeamFigure] = {}
    for unit, numerator, denominator, value in rows:
        chosen.setdefault(
            unit, TeamFigure(unit.removeprefix("team:"), numerator, denominator, value)
        )
    return sorted(chosen.values(), key=lambda t: (-(t.denominator or t.numerator), t.unit))
