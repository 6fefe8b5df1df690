"""The monthly performance report that follows the child's journey (selectors, no writes).

Figures come from the figure store (``figures``): for each measure, month and unit the latest
extract that holds a figure wins, so snapshot measures build their history from successive
monthly imports while event and stock measures take the most recent recomputation of each
month.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils import timezone

from csc_measures import REGISTRY
from csc_measures.spc import XmrChart, xmr_compute
from sightline.kernel.disclosure import OPEN, Policy, Sum, Withheld, suppress_figures
from sightline.organisation.models import Authority, Locality
from sightline.organisation.units import locality_key, team_key

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
    #: why each month's figure is withheld from the reader (None: shown); empty: nothing is
    withheld: tuple[Withheld | None, ...] = ()

    @property
    def withheld_by_period(self) -> dict[str, Withheld]:
        return {
            p.period: w for p, w in zip(self.series, self.withheld, strict=False) if w is not None
        }

    @property
    def latest_withheld(self) -> Withheld | None:
        return self.withheld[-1] if self.withheld else None

    @property
    def rules(self) -> list[str]:
        """The rules that withheld figures in this row, in words."""
        return sorted({w.reason for w in self.withheld if w is not None})

    @property
    def latest(self) -> Point | None:
        return self.series[-1] if self.series else None

    @property
    def previous(self) -> Point | None:
        return self.series[-2] if len(self.series) > 1 else None

    @property
    def change(self) -> float | None:
        """Latest minus previous month (the direction of travel); never when either month is
        withheld (the change would give the withheld figure back)."""
        if self.latest is None or self.previous is None:
            return None
        if any(self.withheld[-2:]):
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


def _kind(measure_id: str) -> str:
    spec = REGISTRY.get(measure_id.split(":", 1)[0])
    return spec.kind if spec else "count"


def point_withheld(measure_id: str, point: Point, policy: Policy) -> Withheld | None:
    """The disclosure rule's verdict on one month's figure: a rate is shown when its count,
    its complement and its denominator are not small (``Policy.percentage``); a count when it
    is not small; an average when the children it is over are not few."""
    kind = _kind(measure_id)
    if kind == "ratio":
        return policy.percentage(point.numerator, point.denominator)
    if kind == "average":
        return policy.primary(point.denominator)
    return policy.primary(point.numerator)


def unit_withheld(
    *, authority: Authority, unit: str, policy: Policy, measure_id: str | None = None
) -> dict[tuple[str, str], Withheld]:
    """For a unit other than the authority: the months of each measure where the unit's figure
    is withheld because, with the authority's and the other units' figures (each reachable by
    ``?unit=``), it could be worked out: authority = its localities and unplaced teams,
    locality = its teams (secondary suppression over the whole structure)."""
    if not policy.suppress or unit == "la":
        return {}
    localities = {
        locality_key(loc): [team_key(n) for n in loc.teams.values_list("name", flat=True)]
        for loc in Locality.objects.filter(authority=authority)
    }
    groups: dict[tuple[str, str], dict[str, tuple[int, int | None]]] = {}
    for f in figures.latest(
        authority=authority,
        measure_ids=None if measure_id is None else [measure_id],
        with_parts=False,
    ):
        if f.unit == "la" or f.unit.startswith("team:"):
            groups.setdefault((f.measure_id, f.period), {})[f.unit] = (f.numerator, f.denominator)
    out: dict[tuple[str, str], Withheld] = {}
    for (mid, period), by_unit in groups.items():
        if "la" not in by_unit or (unit not in by_unit and unit not in localities):
            continue
        names = ["la", *sorted(u for u in by_unit if u != "la")]
        placed: set[str] = set()
        sums: list[Sum] = []
        cells: list[tuple[int | None, int | None]] = [by_unit[n] for n in names]
        top: list[int] = []
        for loc, teams in localities.items():
            members = [names.index(t) for t in teams if t in by_unit]
            if not members:
                continue
            names.append(loc)
            nums = [cells[i][0] or 0 for i in members]
            dens = [cells[i][1] for i in members]
            den = None if any(d is None for d in dens) else sum(d or 0 for d in dens)
            cells.append((sum(nums), den))
            sums.append(Sum(len(names) - 1, tuple(members)))
            placed |= {t for t in teams if t in by_unit}
            top.append(len(names) - 1)
        top += [i for i, n in enumerate(names) if n.startswith("team:") and n not in placed]
        sums.append(Sum(0, tuple(top)))
        kind = _kind(mid)
        verdicts = suppress_figures(
            cells,
            policy=policy,
            rate=kind == "ratio",
            numerator_is_count=kind != "average",
            sums=sums,
        )
        if unit in names and verdicts[names.index(unit)] is not None:
            out[(mid, period)] = verdicts[names.index(unit)]  # type: ignore[assignment]
    return out


def disclose(
    row: MeasureRow, policy: Policy, also: dict[tuple[str, str], Withheld] | None = None
) -> MeasureRow:
    """The row as ``policy``'s reader may see it: each withheld month keeps its place with no
    value (so no change, sparkline point or chart point is drawn from it), and when any month
    is withheld the SPC mean and limits are worked out from the shown months only, never
    from a withheld one. ``also`` adds months withheld by secondary suppression across units
    (``unit_withheld``)."""
    if not policy.suppress or not row.series:
        return row
    extra = also or {}
    withheld = tuple(
        point_withheld(row.measure_id, p, policy) or extra.get((row.measure_id, p.period))
        for p in row.series
    )
    if not any(withheld):
        return replace(row, withheld=withheld)
    series = tuple(
        Point(p.period, 0, None, None) if w is not None else p
        for p, w in zip(row.series, withheld, strict=True)
    )
    values = [(p.period, p.value) for p in series]
    chart = (
        xmr_compute(
            values,
            direction=_DIRECTION.get(row.target.polarity, "neither"),
            target=row.target.target if row.target.polarity in ("↑", "↓") else None,
        )
        if sum(v is not None for _, v in values) >= 2
        else None
    )
    latest_hidden = withheld[-1] is not None
    return replace(
        row,
        series=series,
        withheld=withheld,
        chart=chart,
        rag=row.target.rate(None) if latest_hidden else row.rag,
    )


def disclose_sections(
    sections: tuple[Section, ...],
    policy: Policy,
    also: dict[tuple[str, str], Withheld] | None = None,
) -> tuple[Section, ...]:
    """Every row of the dashboard as ``policy``'s reader may see it."""
    if not policy.suppress:
        return sections
    return tuple(
        Section(title=s.title, rows=tuple(disclose(r, policy, also) for r in s.rows))
        for s in sections
    )


def unit_choices(*, authority: Authority) -> list[tuple[str, str]]:
    """The authority, each locality, and each team found in the data."""
    choices = [("la", authority.name)]
    choices += [
        (locality_key(loc), f"{loc.name} ({loc.get_kind_display().lower()})")
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
    #: why this team's figure is withheld from the reader (None: shown)
    withheld: Withheld | None = None


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


def team_breakdown(
    *, authority: Authority, measure_id: str, period: str, policy: Policy = OPEN
) -> list[TeamFigure]:
    """Every team's figure for one month (latest extract wins), largest denominator first,
    withheld by ``policy`` with secondary suppression against the authority's figure for the
    month (no team is the authority minus the other teams)."""
    stored = list(
        figures.latest(authority=authority, measure_ids=[measure_id], period=period, units=None)
    )
    stored = [f for f in stored if f.unit == "la" or f.unit.startswith("team:")]
    total = next((i for i, f in enumerate(stored) if f.unit == "la"), None)
    kind = _kind(measure_id)
    verdicts = suppress_figures(
        [(f.numerator, f.denominator) for f in stored],
        policy=policy,
        total=total,
        rate=kind == "ratio",
        numerator_is_count=kind != "average",
    )
    teams = [
        TeamFigure(f.unit.removeprefix("team:"), f.numerator, f.denominator, f.value, w)
        for f, w in zip(stored, verdicts, strict=True)
        if f.unit != "la"
    ]
    return sorted(teams, key=lambda t: (-(t.denominator or t.numerator), t.unit))
