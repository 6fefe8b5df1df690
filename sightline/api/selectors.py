"""Reads for the API: every stored figure of the authority from the figure store (the latest
extract winning per measure, month and unit, as on the dashboard), with small numbers withheld
by the kernel's disclosure rule where the person could not see the children behind them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.core.permissions import disclosure_policy_for
from sightline.kernel.disclosure import suppress_figures
from sightline.organisation.models import Authority
from sightline.performance import figures

FIELDS = (
    "measure_id",
    "title",
    "period",
    "unit",
    "numerator",
    "denominator",
    "value",
    "suppressed",
    "suppressed_rule",
    "extract_date",
)


@dataclass(frozen=True)
class Filters:
    measures: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    period_from: str | None = None
    period_to: str | None = None


@dataclass(frozen=True)
class ApiRow:
    measure_id: str
    title: str
    period: str
    unit: str
    numerator: int | None
    denominator: int | None
    value: float | None
    suppressed: bool
    suppressed_rule: str
    extract_date: date

    def as_dict(self) -> dict[str, object]:
        return {
            "measure_id": self.measure_id,
            "title": self.title,
            "period": self.period,
            "unit": self.unit,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "suppressed": self.suppressed,
            "suppressed_rule": self.suppressed_rule,
            "extract_date": self.extract_date.isoformat(),
        }


def measure_values(*, user: User, authority: Authority, filters: Filters) -> Iterator[ApiRow]:
    """The figures, ordered by measure, month and unit, withheld by the person's disclosure
    policy: primary (counts of 1 to 4) and secondary across units, so that no team's figure
    is the authority's minus the other teams' (the whole month of a measure is protected
    together, whatever units were asked for)."""
    rule = disclosure_policy_for(user)
    wanted = filters.units or None
    rows = figures.latest(
        authority=authority,
        measure_ids=filters.measures or None,
        period_from=filters.period_from,
        period_to=filters.period_to,
    )
    for (measure_id, _period), group in groupby(rows, key=lambda f: (f.measure_id, f.period)):
        month = list(group)
        spec = REGISTRY.get(measure_id.split(":", 1)[0])
        kind = spec.kind if spec else "count"
        total = next((i for i, f in enumerate(month) if f.unit == "la"), None)
        verdicts = suppress_figures(
            [(f.numerator, f.denominator) for f in month],
            policy=rule,
            total=total,
            rate=kind == "ratio",
            numerator_is_count=kind != "average",
        )
        for f, withheld in zip(month, verdicts, strict=True):
            if wanted is not None and f.unit not in wanted:
                continue
            hide = withheld is not None
            yield ApiRow(
                measure_id=f.measure_id,
                title=spec.title if spec else f.measure_id,
                period=f.period,
                unit=f.unit,
                numerator=None if hide else f.numerator,
                denominator=None if hide else f.denominator,
                value=None if hide else f.value,
                suppressed=hide,
                suppressed_rule=withheld.reason if withheld else "",
                extract_date=f.extract_date,
            )
