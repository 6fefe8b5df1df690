"""Reads for the API: every stored figure of the authority, the latest extract winning per
measure, month and unit (as on the dashboard), with small numbers suppressed where the
person could not see the children behind them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.core.permissions import can_view_child_level
from sightline.organisation.models import Authority, Team
from sightline.performance.models import AnnexAImport, StoredMeasureValue

SMALL = range(1, 5)  # counts of 1 to 4 are suppressed
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
    rows = StoredMeasureValue.objects.filter(
        authority=authority, annex_import__status=AnnexAImport.Status.IMPORTED
    )
    if filters.measures:
        rows = rows.filter(measure_id__in=filters.measures)
    if filters.units:
        rows = rows.filter(unit__in=filters.units)
    if filters.period_from:
        rows = rows.filter(period__gte=filters.period_from)
    if filters.period_to:
        rows = rows.filter(period__lte=filters.period_to)
    sees = _unit_sees_children(user, authority)
    last: tuple[str, str, str] | None = None
    for measure_id, period, unit, numerator, denominator, value, extract_date in (
        rows.order_by("measure_id", "period", "unit", "-annex_import__extract_date")
        .values_list(
            "measure_id",
            "period",
            "unit",
            "numerator",
            "denominator",
            "value",
            "annex_import__extract_date",
        )
        .iterator(chunk_size=5000)
    ):
        key = (measure_id, period, unit)
        if key == last:
            continue  # an older extract's figure for the same month
        last = key
        spec = REGISTRY.get(measure_id.split(":", 1)[0])
        small = numerator in SMALL or (denominator is not None and denominator in SMALL)
        hide = small and not sees(unit)
        yield ApiRow(
            measure_id=measure_id,
            title=spec.title if spec else measure_id,
            period=period,
            unit=unit,
            numerator=None if hide else numerator,
            denominator=None if hide else denominator,
            value=None if hide else value,
            suppressed=hide,
            extract_date=extract_date,
        )
