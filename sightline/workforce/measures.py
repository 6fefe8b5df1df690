"""Workforce measures as small pure functions (no Django), tested with hand-computed cases.

Definitions follow DfE's children's social work workforce census, computed at any day:

- **Agency rate** = agency FTE ÷ (agency FTE + employed FTE) × 100.
- **Vacancy rate** = vacancy FTE ÷ (vacancy FTE + employed FTE) × 100.
- **Turnover rate** = FTE of employed (permanent) workers who left in the 12 months up to and
  including the day ÷ employed FTE in post on the day × 100.
- **Agency early leavers**: agency workers who left in those 12 months less than 3 calendar
  months after they started.
- **Caseloads**: average children per worker holding any, and the share of those workers
  holding 18 or fewer, and 22 or fewer.
- **Many workers**: share of children who had 3 or more different allocated workers in 12
  months.

"In post on a day" means started on or before the day and not yet gone (a spell's ``end`` is
the first day the worker is no longer there). A rate with a zero denominator is ``None`` (not
computable), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from csc_measures.dates import add_months


def month_end(year: int, month: int) -> date:
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


@dataclass(frozen=True)
class Spell:
    """A worker's time in one team. ``end`` is the first day they were no longer there."""

    staff_id: int
    team_id: int
    agency: bool
    fte: float
    start: date
    end: date | None
    engagement_start: date
    """The day the worker started with the authority (agency early leavers use it)."""
    leave_date: date | None
    """The worker's last day with the authority, if they have left."""

    def in_post(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def left_from_here(self) -> bool:
        """The worker left the authority from this spell (not merely moved team)."""
        return self.leave_date is not None and self.end == self.leave_date + timedelta(days=1)


@dataclass(frozen=True)
class OpenVacancy:
    team_id: int
    fte: float
    opened: date
    filled: date | None
    agency_cover: bool

    def open_on(self, day: date) -> bool:
        return self.opened <= day and (self.filled is None or day < self.filled)


def share(part: float, whole: float) -> float | None:
    """``part`` as a percentage of ``whole``; None when ``whole`` is 0."""
    return None if whole <= 0 else round(100 * part / whole, 2)


def agency_rate(*, agency_fte: float, employed_fte: float) -> float | None:
    return share(agency_fte, agency_fte + employed_fte)


def vacancy_rate(*, vacancy_fte: float, employed_fte: float) -> float | None:
    return share(vacancy_fte, vacancy_fte + employed_fte)


def turnover_rate(*, leavers_fte: float, employed_fte: float) -> float | None:
    return share(leavers_fte, employed_fte)


@dataclass(frozen=True)
class Figures:
    """The workforce of one unit on one day (counts are people, FTE are full-time equivalents)."""

    day: date
    permanent: int
    permanent_fte: float
    agency: int
    agency_fte: float
    vacancies: int
    vacancy_fte: float
    vacancies_covered: int
    leavers: int
    leavers_fte: float
    agency_leavers: int
    agency_early_leavers: int

    @property
    def headcount(self) -> int:
        return self.permanent + self.agency

    @property
    def fte(self) -> float:
        return round(self.permanent_fte + self.agency_fte, 2)

    @property
    def agency_rate(self) -> float | None:
        return agency_rate(agency_fte=self.agency_fte, employed_fte=self.permanent_fte)

    @property
    def vacancy_rate(self) -> float | None:
        return vacancy_rate(vacancy_fte=self.vacancy_fte, employed_fte=self.permanent_fte)

    @property
    def turnover_rate(self) -> float | None:
        return turnover_rate(leavers_fte=self.leavers_fte, employed_fte=self.permanent_fte)


def figures_on(*, spells: Iterable[Spell], vacancies: Iterable[OpenVacancy], day: date) -> Figures:
    """Every figure for the spells and vacancies given (already filtered to one unit)."""
    window_start = add_months(day, -12)
    permanent = agency = 0
    permanent_fte = agency_fte = leavers_fte = 0.0
    leavers = agency_leavers = early = 0
    counted: set[int] = set()
    for spell in spells:
        if spell.in_post(day) and spell.staff_id not in counted:
            counted.add(spell.staff_id)
            if spell.agency:
                agency += 1
                agency_fte += spell.fte
            else:
                permanent += 1
                permanent_fte += spell.fte
        if (
            spell.left_from_here()
            and spell.leave_date is not None
            and window_start < spell.leave_date <= day
        ):
            if spell.agency:
                agency_leavers += 1
                if spell.leave_date < add_months(spell.engagement_start, 3):
                    early += 1
            else:
                leavers += 1
                leavers_fte += spell.fte
    open_now = [v for v in vacancies if v.open_on(day)]
    return Figures(
        day=day,
        permanent=permanent,
        permanent_fte=round(permanent_fte, 2),
        agency=agency,
        agency_fte=round(agency_fte, 2),
        vacancies=len(open_now),
        vacancy_fte=round(sum(v.fte for v in open_now), 2),
        vacancies_covered=sum(1 for v in open_now if v.agency_cover),
        leavers=leavers,
        leavers_fte=round(leavers_fte, 2),
        agency_leavers=agency_leavers,
        agency_early_leavers=early,
    )


@dataclass(frozen=True)
class Caseloads:
    workers: int
    children: int
    average: float | None
    at_or_under_18: float | None
    at_or_under_22: float | None


def caseload_summary(counts: Sequence[int]) -> Caseloads:
    """Summary of the caseloads of the workers holding at least one child."""
    held = [c for c in counts if c > 0]
    total = sum(held)
    return Caseloads(
        workers=len(held),
        children=total,
        average=round(total / len(held), 2) if held else None,
        at_or_under_18=share(sum(1 for c in held if c <= 18), len(held)),
        at_or_under_22=share(sum(1 for c in held if c <= 22), len(held)),
    )


def children_with_many_workers(
    workers_by_child: Mapping[str, Iterable[str]], *, minimum: int = 3
) -> tuple[int, int]:
    """(children with ``minimum`` or more different workers, children with any worker)."""
    distinct = [len({w for w in workers if w}) for workers in workers_by_child.values()]
    with_any = [n for n in distinct if n > 0]
    return sum(1 for n in with_any if n >= minimum), len(with_any)


#: Caseload bands for the distribution, read against the 18 and 22 the council papers watch.
CASELOAD_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("1 to 12", 1, 12),
    ("13 to 18", 13, 18),
    ("19 to 22", 19, 22),
    ("23 to 26", 23, 26),
    ("27 or more", 27, None),
)


def caseload_bands(counts: Sequence[int]) -> list[tuple[str, int]]:
    """How many workers hold a caseload in each band (workers with no children left out)."""
    return [
        (label, sum(1 for c in counts if c >= low and (high is None or c <= high)))
        for label, low, high in CASELOAD_BANDS
    ]
