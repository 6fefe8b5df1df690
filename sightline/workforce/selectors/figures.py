"""Monthly workforce figures (headcount, rates, leavers) from the team spells and vacancies."""

from __future__ import annotations

from datetime import date

from csc_measures.dates import add_months
from sightline.kernel.disclosure import policy
from sightline.organisation.models import Authority
from sightline.organisation.units import Unit
from sightline.workforce import measures
from sightline.workforce.measures import Figures, OpenVacancy, Spell
from sightline.workforce.models import SOCIAL_WORK_ROLES, StaffMember, TeamSpell, Vacancy


def spells_for(*, authority: Authority) -> list[Spell]:
    """Every team spell of every social worker (see SOCIAL_WORK_ROLES) in the authority."""
    rows = TeamSpell.objects.filter(
        staff__authority=authority, staff__role__in=SOCIAL_WORK_ROLES
    ).values_list(
        "staff_id",
        "team_id",
        "staff__contract",
        "staff__fte",
        "valid_from",
        "valid_to",
        "staff__start_date",
        "staff__leave_date",
    )
    return [
        Spell(
            staff_id=staff_id,
            team_id=team_id,
            agency=contract == StaffMember.Contract.AGENCY,
            fte=float(fte),
            start=start,
            end=end,
            engagement_start=engaged,
            leave_date=left,
        )
        for staff_id, team_id, contract, fte, start, end, engaged, left in rows
    ]


def vacancies_for(*, authority: Authority) -> list[OpenVacancy]:
    rows = Vacancy.objects.filter(authority=authority, role__in=SOCIAL_WORK_ROLES).values_list(
        "team_id", "fte", "opened_on", "filled_on", "agency_cover"
    )
    return [OpenVacancy(t, float(f), o, fl, a) for t, f, o, fl, a in rows]


MONTHS_SHOWN = 24
"""Months of history on the measures page (12 or more give SPC limits that are not trial)."""


def month_ends(*, day: date, months: int = MONTHS_SHOWN) -> list[date]:
    """The last ``months`` month ends on or before ``day``, oldest first."""
    last = measures.month_end(day.year, day.month)
    if last > day:
        previous = add_months(date(day.year, day.month, 1), -1)
        last = measures.month_end(previous.year, previous.month)
    ends = []
    for back in range(months - 1, -1, -1):
        first = add_months(date(last.year, last.month, 1), -back)
        ends.append(measures.month_end(first.year, first.month))
    return ends


def figures_series(
    *,
    unit: Unit,
    days: list[date],
    spells: list[Spell],
    vacancies: list[OpenVacancy],
) -> list[Figures]:
    mine = [s for s in spells if s.team_id in unit.team_ids]
    open_ = [v for v in vacancies if v.team_id in unit.team_ids]
    return [measures.figures_on(spells=mine, vacancies=open_, day=d) for d in days]


def leavers_by_reason(
    *, authority: Authority, unit: Unit, day: date, hide: bool
) -> list[tuple[str, int | None]]:
    """Social workers who left the authority in the 12 months to ``day`` from this unit, by
    leaving reason (largest first; counts of 1-4 hidden when ``hide``)."""
    start = add_months(day, -12)
    reasons = dict(StaffMember.LeavingReason.choices)
    rows = StaffMember.objects.filter(
        authority=authority,
        role__in=SOCIAL_WORK_ROLES,
        team_id__in=unit.team_ids,
        leave_date__gt=start,
        leave_date__lte=day,
    ).values_list("leaving_reason", flat=True)
    counts: dict[str, int] = {}
    for reason in rows:
        label = reasons.get(reason) or "Not recorded"
        if not reason:
            label = "Not recorded"
        counts[label] = counts.get(label, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = policy(suppress=hide)
    return [(label, shown.count(n)) for label, n in ordered]
