"""The measures page: each measure's monthly values, target in force, RAG, benchmark and
SPC chart, with small numbers hidden from those who must not see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from csc_measures.spc import XmrChart, xmr_compute
from sightline.accounts.models import User
from sightline.core.permissions import disclosure_policy_for, withholds_small_numbers
from sightline.kernel.disclosure import policy
from sightline.organisation.models import Authority
from sightline.organisation.units import Unit
from sightline.performance.rag import Rag, default_tolerance, rag_rate
from sightline.performance.selectors import MeasureBenchmark, benchmark_for
from sightline.workforce.measures import Figures
from sightline.workforce.models import WorkforceTarget

from .suppression import figure_withheld, workforce_withheld


@dataclass(frozen=True)
class MeasureLine:
    key: str
    title: str
    unit: str
    polarity: str
    values: list[float | None]
    latest: float | None
    target: float | None
    rag: Rag
    benchmark: MeasureBenchmark | None
    suppressed: bool
    definition: str
    periods: list[str]
    chart: XmrChart | None
    """Statistical process control (Making Data Count XmR) over the monthly values; None when
    a value is hidden from this viewer (the chart would reveal it) or there are no values."""


#: Sightline's default targets, until the analyst sets the authority's own (Targets page).
DEFAULT_TARGETS: dict[str, float] = {
    "agency_rate": 10.0,
    "vacancy_rate": 10.0,
    "turnover_rate": 15.0,
}


@dataclass(frozen=True)
class TargetInForce:
    measure: str
    title: str
    target: float | None
    tolerance: float | None
    set_by: str
    effective_from: date | None


def target_in_force(*, authority: Authority, measure: str, day: date) -> TargetInForce:
    """The target set for ``measure`` in force on ``day``, else Sightline's default."""
    title = _DEFINITIONS[measure][0]
    row = (
        WorkforceTarget.objects.filter(
            authority=authority, measure=measure, effective_from__lte=day
        )
        .select_related("set_by")
        .order_by("-effective_from", "-set_at")
        .first()
    )
    if row is None:
        target = DEFAULT_TARGETS.get(measure)
        return TargetInForce(
            measure,
            title,
            target,
            default_tolerance(target=target, unit="%"),
            "Sightline default",
            None,
        )
    who = row.set_by.get_full_name() if row.set_by else "unknown"
    tolerance = row.tolerance
    if tolerance is None:
        tolerance = default_tolerance(target=row.target, unit="%")
    return TargetInForce(measure, title, row.target, tolerance, who, row.effective_from)


def target_history(*, authority: Authority) -> QuerySet[WorkforceTarget]:
    return WorkforceTarget.objects.filter(authority=authority).select_related("set_by")


_DEFINITIONS = {
    "headcount": (
        "Social workers in post (headcount)",
        "people",
        "·",
        None,
        "Permanent and agency children and family social workers in post at the month end.",
    ),
    "fte": ("Social workers in post (FTE)", "FTE", "·", None, "Their full-time equivalents."),
    "agency_rate": (
        "Agency rate",
        "%",
        "↓",
        "WF-agency-rate",
        "Agency FTE ÷ (agency FTE + employed FTE), at the month end.",
    ),
    "vacancy_rate": (
        "Vacancy rate",
        "%",
        "↓",
        "WF-vacancy-rate",
        "Vacancy FTE ÷ (vacancy FTE + employed FTE), at the month end.",
    ),
    "turnover_rate": (
        "Turnover rate",
        "%",
        "↓",
        "WF-turnover-rate",
        (
            "FTE of employed social workers who left in the 12 months to the month end "
            "÷ employed FTE in post at the month end."
        ),
    ),
    "agency_early_leavers": (
        "Agency workers who left within 3 months",
        "people",
        "↓",
        None,
        (
            "Agency workers who left in the 12 months to the month end less "
            "than 3 calendar months after starting."
        ),
    ),
}


def _value(fig: Figures, key: str) -> float | None:
    return {
        "headcount": float(fig.headcount),
        "fte": fig.fte,
        "agency_rate": fig.agency_rate,
        "vacancy_rate": fig.vacancy_rate,
        "turnover_rate": fig.turnover_rate,
        "agency_early_leavers": float(fig.agency_early_leavers),
    }[key]


def _small(fig: Figures, key: str) -> int:
    """The count of people a figure rests on (for small-number suppression)."""
    return {
        "headcount": fig.headcount,
        "fte": fig.headcount,
        "agency_rate": fig.agency,
        "vacancy_rate": fig.vacancies,
        "turnover_rate": fig.leavers,
        "agency_early_leavers": fig.agency_early_leavers,
    }[key]


MEASURE_KEYS = tuple(_DEFINITIONS)


def measure_lines(
    *, user: User, authority: Authority, unit: Unit, series: list[Figures]
) -> list[MeasureLine]:
    hide = withholds_small_numbers(user)
    shown = policy(suppress=hide)
    # secondary: the unit's counts must not be the authority's minus the other units'
    withheld = workforce_withheld(
        authority=authority, days=[fig.day for fig in series], policy=disclosure_policy_for(user)
    )
    lines = []
    for key, (title, unit_label, polarity, benchmark_id, definition) in _DEFINITIONS.items():
        values: list[float | None] = [
            None
            if shown.hides(_small(fig, key))
            or figure_withheld(withheld, unit=unit.key, day=fig.day, key=key) is not None
            else _value(fig, key)
            for fig in series
        ]
        latest = values[-1] if values else None
        in_force = (
            target_in_force(authority=authority, measure=key, day=series[-1].day)
            if key in DEFAULT_TARGETS and series
            else None
        )
        target = in_force.target if in_force else None
        periods = [f"{fig.day:%Y-%m}" for fig in series]
        hidden = any(
            v is None and _value(fig, key) is not None
            for v, fig in zip(values, series, strict=True)
        )
        chart = None
        if not hidden and any(v is not None for v in values):
            chart = xmr_compute(
                list(zip(periods, values, strict=True)),
                direction={"↑": "up", "↓": "down"}.get(polarity, "neither"),
                target=target,
            )
        lines.append(
            MeasureLine(
                key=key,
                title=title,
                unit=unit_label,
                polarity=polarity,
                values=values,
                latest=latest,
                target=target,
                rag=rag_rate(
                    value=latest,
                    target=target,
                    tolerance=in_force.tolerance if in_force else None,
                    polarity=polarity,
                ),
                benchmark=(
                    benchmark_for(authority=authority, measure_id=benchmark_id)
                    if benchmark_id
                    else None
                ),
                suppressed=bool(hide and series and latest is None and _value(series[-1], key)),
                definition=definition,
                periods=periods,
                chart=chart,
            )
        )
    return lines
