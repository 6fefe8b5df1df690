"""Team stability: each team's workforce, caseloads and recent case-file audit grades."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csc_measures.dates import add_months
from sightline.accounts.models import User
from sightline.audits.selectors import Period, grade_distribution
from sightline.core.permissions import disclosure_policy_for, withholds_small_numbers
from sightline.kernel.disclosure import policy
from sightline.organisation.models import Authority, Team
from sightline.organisation.units import unit_of_team

from .caseloads import CaseloadView, caseloads_for
from .figures import figures_series, spells_for, vacancies_for
from .lines import DEFAULT_TARGETS
from .suppression import figure_withheld, workforce_withheld


@dataclass(frozen=True)
class TeamRow:
    team: Team
    permanent: int | None
    agency: int | None
    agency_rate: float | None
    vacancies: int | None
    turnover_rate: float | None
    caseload: CaseloadView
    audit_grades: str | None
    """The team's case-file audits good or better over the last 6 months (audits module)."""
    concern: bool


def team_stability(*, user: User, authority: Authority, day: date) -> list[TeamRow]:
    hide = withholds_small_numbers(user)
    spells = spells_for(authority=authority)
    vacancies = vacancies_for(authority=authority)
    grades = audit_grades_by_team(authority=authority, day=day, hide=hide)
    # primary and secondary: no team's count is the authority's (or its locality's, both
    # reachable by ?unit=) minus the other teams', nor its headcount minus the rest
    withheld = workforce_withheld(
        authority=authority,
        days=[day],
        policy=disclosure_policy_for(user),
        spells=spells,
        vacancies=vacancies,
    )
    rows = []
    for team in Team.objects.filter(authority=authority, is_active=True).select_related("locality"):
        unit = unit_of_team(team)
        fig = figures_series(unit=unit, days=[day], spells=spells, vacancies=vacancies)[0]
        caseload = caseloads_for(authority=authority, unit=unit)
        concern = bool(
            (fig.agency_rate or 0) > DEFAULT_TARGETS["agency_rate"] * 2
            or (fig.vacancy_rate or 0) > DEFAULT_TARGETS["vacancy_rate"] * 2
            or (caseload.summary.average or 0) > 22
        )

        def hidden(key: str, unit_key: str = unit.key) -> bool:
            return figure_withheld(withheld, unit=unit_key, day=day, key=key) is not None

        rows.append(
            TeamRow(
                team=team,
                permanent=None if hidden("permanent") else fig.permanent,
                agency=None if hidden("agency") else fig.agency,
                agency_rate=None if hidden("agency_rate") else fig.agency_rate,
                vacancies=None if hidden("vacancies") else fig.vacancies,
                turnover_rate=None if hidden("turnover_rate") else fig.turnover_rate,
                caseload=caseload,
                audit_grades=grades.get(team.name),
                concern=concern,
            )
        )
    return rows


def audit_grades_by_team(*, authority: Authority, day: date, hide: bool) -> dict[str, str]:
    """Team name → its case-file audits graded good or better over the 6 months to ``day``
    (after moderation), e.g. "7 of 12 good or better (58%)". Teams without audits are absent.
    With ``hide``, teams with fewer than 5 audits say so instead of showing counts."""

    start = add_months(day.replace(day=1), -5)
    rows = grade_distribution(
        authority=authority,
        by="team",
        period=Period(start=start, end=day.replace(day=1)),
    )
    out = {}
    for row in rows:
        if policy(suppress=hide).hides(row.total):
            out[row.label] = "Fewer than 5 audits"
            continue
        share = row.good.share
        out[row.label] = f"{row.good.count} of {row.total} good or better" + (
            f" ({share:.0%})" if share is not None else ""
        )
    return out
