"""Reads for the API: every stored figure of the authority from the figure store (the latest
extract winning per measure, month and unit, as on the dashboard), with small numbers withheld
by the kernel's disclosure rule where the person could not see the children behind them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.core.permissions import can_view_child_level
from sightline.kernel.disclosure import SUPPRESSED
from sightline.organisation.models import Authority, Team
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
            "extract_date": self.extract_date.isoformat(),
        }


def _unit_sees_children(user: User, authority: Authority) -> Callable[[str], bool]:
    """Whether this person may see the children behind a unit (then nothing is suppressed),
    worked out once per unit met. Teams not in the organisation count as the whole
    authority."""
    teams = {t.name: t for t in Team.objects.filter(authority=authority)}
    known: dict[str, bool] = {}

    def sees(unit: str) -> bool:
        if unit not in known:
            org = teams.get(unit.removeprefix("team:"), authority) if unit != "la" else authority
            known[unit] = can_view_child_level(user, org)
        return known[unit]

    return sees


def measure_values(*, user: User, authority: Authority, filters: Filters) -> Iterator[ApiRow]:
    """The figures, ordered by measure, month and unit."""
    sees = _unit_sees_children(user, authority)
    for f in figures.latest(
        authority=authority,
        measure_ids=filters.measures or None,
        units=filters.units or None,
        period_from=filters.period_from,
        period_to=filters.period_to,
    ):
        spec = REGISTRY.get(f.measure_id.split(":", 1)[0])
        hide = SUPPRESSED.hides(f.numerator, f.denominator) and not sees(f.unit)
        yield ApiRow(
            measure_id=f.measure_id,
            title=spec.title if spec else f.measure_id,
            period=f.period,
            unit=f.unit,
            numerator=None if hide else f.numerator,
            denominator=None if hide else f.denominator,
            value=None if hide else f.value,
            suppressed=hide,
            extract_date=f.extract_date,
        )
