"""The monthly performance report that follows the child's journey (selectors, no writes).

Figures come from the figure store (``figures``): for each measure, month and unit the latest
extract that holds a figure wins, so snapshot measures build their history from successive
monthly imports while event and stock measures take the most recent recomputation of each
month.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from csc_measures import REGISTRY
from csc_measures.spc import XmrChart, xmr_compute
from sightline.organisation.models import Authority, Locality

from . import figures
from .cache import cached, figures_version
from .figures import Point
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


def dashboard(
    *, authority: Authority, unit: str = "la", only: str | None = None
) -> tuple[Section, ...]:
    """The dashboard's sections (``only``: compute just that measure's row)."""
    series = figures.series(
        authority=authority,
        units=figures.units_for(authority=authority, unit=unit),
        measure_id=only,
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
    choices = [("la", authority.name)]
    choices += [
        (f"locality:{loc.pk}", f"{loc.name} ({loc.get_kind_display().lower()})")
        for loc in Locality.objects.filter(authority=authority).order_by("name")
    ]
    choices += [
        (unit, unit.removeprefix("team:")) for unit in figures.team_units(authority=authority)
    ]
    return choices


@dataclass(frozen=True)
class TeamFigure:
    unit: str
    numerator: int
    denominator: int | None
    value: float | None


def measure_row(*, authority: Authority, measure_id: str, unit: str = "la") -> MeasureRow:
    """One measure's row of the dashboard, with its full series and chart (cached until the
    figures change: every page and module that shows a measure asks here)."""

    def compute() -> MeasureRow:
        for section in dashboard(authority=authority, unit=unit, only=measure_id):
            for row in section.rows:
                if row.measure_id == measure_id:
                    return row
        raise KeyError(measure_id)

    return cached(
        figures_version(authority=authority), ("row", authority.pk, measure_id, unit), compute
    )


def team_breakdown(*, authority: Authority, measure_id: str, period: str) -> list[TeamFigure]:
    """Every team's figure for one month (latest extract wins), largest denominator first."""
    teams = [
        TeamFigure(f.unit.removeprefix("team:"), f.numerator, f.denominator, f.value)
        for f in figures.latest(
            authority=authority, measure_ids=[measure_id], period=period, teams_only=True
        )
    ]
    return sorted(teams, key=lambda t: (-(t.denominator or t.numerator), t.unit))
