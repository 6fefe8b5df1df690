"""Reads for the workforce module, always within the user's authority (and scope for HR
details). Measures come from :mod:`.measures`; caseloads from the performance module's
Annex A allocations (WF01-WF03) when an import exists, else from counts entered here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db.models import QuerySet

from csc_measures.allocations import caseloads_by_worker, many_workers_count
from csc_measures.spc import XmrChart, xmr_compute
from sightline.accounts.models import User
from sightline.core.permissions import can_view_hr_details, must_suppress_workforce_numbers
from sightline.organisation.models import Authority, Locality, Team
from sightline.performance import dashboard as performance_dashboard
from sightline.performance.rag import Rag, default_tolerance, rag_rate
from sightline.performance.selectors import MeasureBenchmark, benchmark_for

from . import measures
from .measures import Caseloads, Figures, OpenVacancy, Spell
from .models import (
    SOCIAL_WORK_ROLES,
    Post,
    StaffMember,
    TeamSpell,
    TrainingCompletion,
    TrainingProgramme,
    Vacancy,
    WorkforceTarget,
)

# --- scope -----------------------------------------------------------------------------------


def staff_visible(user: User) -> QuerySet[StaffMember]:
    """Named staff this person may see (HR details)."""
    qs = StaffMember.objects.filter(authority_id=user.authority_id or 0).select_related(
        "team", "team__locality"
    )
    if not can_view_hr_details(user):
        return qs.none()
    if user.role == "head_of_service":
        return qs.filter(team__locality_id=user.locality_id or 0)
    return qs


def vacancies_visible(user: User) -> QuerySet[Vacancy]:
    qs = Vacancy.objects.filter(authority_id=user.authority_id or 0).select_related("team")
    if not can_view_hr_details(user):
        return qs.none()
    if user.role == "head_of_service":
        return qs.filter(team__locality_id=user.locality_id or 0)
    return qs


def posts_visible(user: User) -> QuerySet[Post]:
    qs = Post.objects.filter(authority_id=user.authority_id or 0).select_related("team")
    if not can_view_hr_details(user):
        return qs.none()
    if user.role == "head_of_service":
        return qs.filter(team__locality_id=user.locality_id or 0)
    return qs


def teams_editable(user: User) -> QuerySet[Team]:
    qs = Team.objects.filter(authority_id=user.authority_id or 0, is_active=True)
    if user.role == "head_of_service":
        return qs.filter(locality_id=user.locality_id or 0)
    return qs


# --- units -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    key: str
    """``la``, ``locality:<id>`` or ``team:<id>``."""
    name: str
    team_ids: frozenset[int]
    performance_units: tuple[str, ...]
    """The same unit as the performance module names it (``la``, ``team:<name>``)."""


def unit_choices(*, authority: Authority) -> list[tuple[str, str]]:
    choices = [("la", f"{authority.name} (whole authority)")]
    choices.extend(
        (f"locality:{locality.pk}", locality.name)
        for locality in Locality.objects.filter(authority=authority, is_active=True)
    )
    choices.extend(
        (f"team:{team.pk}", f"Team: {team.name}")
        for team in Team.objects.filter(authority=authority, is_active=True)
    )
    return choices


def unit_default(user: User) -> str:
    """The unit a person starts on: their team or locality if their role has one."""
    if user.team_id:
        return f"team:{user.team_id}"
    if user.locality_id:
        return f"locality:{user.locality_id}"
    return "la"


def unit_resolve(*, authority: Authority, key: str) -> Unit | None:  # noqa: PLR0911
    teams = Team.objects.filter(authority=authority)
    if key == "la":
        return Unit("la", authority.name, frozenset(teams.values_list("pk", flat=True)), ("la",))
    kind, _, raw = key.partition(":")
    if not raw.isdigit():
        return None
    if kind == "locality":
        locality = Locality.objects.filter(authority=authority, pk=int(raw)).first()
        if locality is None:
            return None
        members = list(teams.filter(locality=locality))
        return Unit(
            key,
            locality.name,
            frozenset(t.pk for t in members),
            tuple(f"team:{t.name}" for t in members),
        )
    if kind == "team":
        team = teams.filter(pk=int(raw)).first()
        if team is None:
            return None
        return Unit(key, team.name, frozenset({team.pk}), (f"team:{team.name}",))
    return None


# --- figures ---------------------------------------------------------------------------------


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
        previous = measures.add_months(date(day.year, day.month, 1), -1)
        last = measures.month_end(previous.year, previous.month)
    ends = []
    for back in range(months - 1, -1, -1):
        first = measures.add_months(date(last.year, last.month, 1), -back)
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


@dataclass(frozen=True)
class CaseloadView:
    source: str
    """``annex_a`` (allocations in the latest Annex A import), ``entered`` or ``none``."""
    period: str
    summary: Caseloads


def caseloads_for(*, authority: Authority, unit: Unit) -> CaseloadView:
    """From Annex A (WF01-WF03 in the performance module) when imported, else entered counts."""
    series = performance_dashboard.series_by_measure(
        authority=authority, units=list(unit.performance_units)
    )
    wf01 = series.get("WF01") or ()
    if wf01 and wf01[-1].denominator:
        latest = wf01[-1]

        def at(measure_id: str) -> float | None:
            points = [p for p in series.get(measure_id, ()) if p.period == latest.period]
            return points[0].value if points else None

        return CaseloadView(
            "annex_a",
            latest.period,
            Caseloads(
                workers=latest.denominator or 0,
                children=latest.numerator,
                average=latest.value,
                at_or_under_18=at("WF02"),
                at_or_under_22=at("WF03"),
            ),
        )
    counts = list(
        StaffMember.objects.filter(
            authority=authority,
            team_id__in=unit.team_ids,
            leave_date__isnull=True,
            caseload__isnull=False,
        ).values_list("caseload", flat=True)
    )
    summary = measures.caseload_summary([c for c in counts if c is not None])
    return CaseloadView("entered" if summary.workers else "none", "", summary)


# --- the measures page ------------------------------------------------------------------------


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
    hide = must_suppress_workforce_numbers(user)
    lines = []
    for key, (title, unit_label, polarity, benchmark_id, definition) in _DEFINITIONS.items():
        values: list[float | None] = []
        for fig in series:
            small = 1 <= _small(fig, key) <= 4
            values.append(None if hide and small else _value(fig, key))
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


# --- team stability ---------------------------------------------------------------------------


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
    hide = must_suppress_workforce_numbers(user)
    spells = spells_for(authority=authority)
    vacancies = vacancies_for(authority=authority)
    grades = audit_grades_by_team(authority=authority, day=day, hide=hide)
    rows = []
    for team in Team.objects.filter(authority=authority, is_active=True).select_related("locality"):
        unit = Unit(f"team:{team.pk}", team.name, frozenset({team.pk}), (f"team:{team.name}",))
        fig = figures_series(unit=unit, days=[day], spells=spells, vacancies=vacancies)[0]
        caseload = caseloads_for(authority=authority, unit=unit)
        agency_small = hide and 1 <= fig.agency <= 4
        leavers_small = hide and 1 <= fig.leavers <= 4
        concern = bool(
            (fig.agency_rate or 0) > DEFAULT_TARGETS["agency_rate"] * 2
            or (fig.vacancy_rate or 0) > DEFAULT_TARGETS["vacancy_rate"] * 2
            or (caseload.summary.average or 0) > 22
        )
        rows.append(
            TeamRow(
                team=team,
                permanent=measures.suppress(fig.permanent, hide=hide),
                agency=measures.suppress(fig.agency, hide=hide),
                agency_rate=None if agency_small else fig.agency_rate,
                vacancies=measures.suppress(fig.vacancies, hide=hide),
                turnover_rate=None if leavers_small else fig.turnover_rate,
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
    from sightline.audits.selectors import Period, grade_distribution

    start = measures.add_months(day.replace(day=1), -5)
    rows = grade_distribution(
        authority=authority,
        by="team",
        period=Period(start=start, end=day.replace(day=1)),
    )
    out = {}
    for row in rows:
        if hide and row.total < 5:  # the small-number rule
            out[row.label] = "Fewer than 5 audits"
            continue
        share = row.good.share
        out[row.label] = f"{row.good.count} of {row.total} good or better" + (
            f" ({share:.0%})" if share is not None else ""
        )
    return out


# --- academy ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeRow:
    programme: TrainingProgramme
    completed: int
    eligible: int

    @property
    def share(self) -> float | None:
        return measures.share(self.completed, self.eligible)


def academy_summary(*, authority: Authority, day: date) -> dict[str, object]:
    current = StaffMember.objects.filter(
        authority=authority, role__in=SOCIAL_WORK_ROLES, start_date__lte=day
    ).exclude(leave_date__lt=day)
    ids = set(current.values_list("pk", flat=True))
    programmes = []
    for programme in TrainingProgramme.objects.filter(authority=authority):
        done = set(
            TrainingCompletion.objects.filter(programme=programme, staff_id__in=ids).values_list(
                "staff_id", flat=True
            )
        )
        programmes.append(ProgrammeRow(programme, len(done), len(ids)))
    asye = {
        label: current.filter(asye_status=code).count()
        for code, label in StaffMember.Asye.choices
        if code
    }
    accredited = current.filter(accredited_on__isnull=False).count()
    return {
        "programmes": programmes,
        "asye": asye,
        "accredited": accredited,
        "workers": len(ids),
        "accredited_share": measures.share(accredited, len(ids)),
    }


def asye_cohort(*, user: User) -> QuerySet[StaffMember]:
    return staff_visible(user).exclude(asye_status="").order_by("asye_start", "name")


def leavers_by_reason(
    *, authority: Authority, unit: Unit, day: date, hide: bool
) -> list[tuple[str, int | None]]:
    """Social workers who left the authority in the 12 months to ``day`` from this unit, by
    leaving reason (largest first; counts of 1-4 hidden when ``hide``)."""
    start = measures.add_months(day, -12)
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
    return [(label, measures.suppress(n, hide=hide)) for label, n in ordered]


# --- children with many workers ---------------------------------------------------------------


def annex_a_lists(
    *, authority: Authority, after: date | None = None, until: date | None = None
) -> list[tuple[date, Path]]:
    """The performance module's imported Annex A extracts that kept their lists: each
    extract date with the folder of its ``list_<n>.parquet`` files, oldest first (optionally
    extracts after ``after`` and up to ``until``). The one place this module reads the
    performance module's storage."""
    from sightline.performance.imports import lists_dir_for, private_path
    from sightline.performance.models import AnnexAImport

    imports = AnnexAImport.objects.filter(
        authority=authority, status=AnnexAImport.Status.IMPORTED
    ).exclude(children_file="")
    if after is not None:
        imports = imports.filter(extract_date__gt=after)
    if until is not None:
        imports = imports.filter(extract_date__lte=until)
    return [
        (imp.extract_date, private_path(lists_dir_for(imp.children_file)))
        for imp in imports.order_by("extract_date", "pk")
    ]


def _teams_of(unit: Unit) -> list[str] | None:
    """The performance module's team names of a unit (None for the whole authority)."""
    if unit.key == "la":
        return None
    return [u.removeprefix("team:") for u in unit.performance_units]


@dataclass(frozen=True)
class ManyWorkers:
    """Children allocated to 3 or more different workers across the extracts of 12 months."""

    children: int | None
    """with 3 or more workers (None: suppressed)"""
    of: int | None
    """children with any allocated worker in those extracts (None: suppressed)"""
    extracts: int
    first: date
    last: date

    @property
    def share(self) -> float | None:
        if self.children is None or not self.of:
            return None
        return round(100 * self.children / self.of, 1)


def many_workers(*, user: User, authority: Authority, unit: Unit, day: date) -> ManyWorkers | None:
    """From the successive Annex A imports of the 12 months to ``day``: each child's distinct
    ``Allocated Worker`` names in lists 6-8 (children in need, on a plan, looked after), and
    the share with 3 or more. None when no import of those months kept its lists."""
    found = many_workers_count(
        annex_a_lists(authority=authority, after=measures.add_months(day, -12), until=day),
        teams=_teams_of(unit),
    )
    if found is None:
        return None
    hide = must_suppress_workforce_numbers(user)
    return ManyWorkers(
        children=measures.suppress(found.children, hide=hide),
        of=measures.suppress(found.of, hide=hide),
        extracts=len(found.extracts),
        first=found.extracts[0],
        last=found.extracts[-1],
    )


@dataclass(frozen=True)
class CaseloadDistribution:
    source: str
    """``annex_a`` (latest import's list 6) or ``entered``."""
    extract: date | None
    bands: list[tuple[str, int | None]]


def caseload_distribution(
    *, user: User, authority: Authority, unit: Unit
) -> CaseloadDistribution | None:
    """Workers by caseload band: from the latest Annex A import's children in need open on its
    extract date (list 6) per allocated worker, as WF01-WF03 count them; else entered counts.
    None when there are neither."""
    hide = must_suppress_workforce_numbers(user)
    kept = annex_a_lists(authority=authority)
    if kept:
        extract, folder = kept[-1]
        counts = caseloads_by_worker(folder, extract_date=extract, teams=_teams_of(unit))
        if counts is not None:
            bands = measures.caseload_bands(counts)
            return CaseloadDistribution(
                "annex_a",
                extract,
                [(label, measures.suppress(n, hide=hide)) for label, n in bands],
            )
    entered = list(
        StaffMember.objects.filter(
            authority=authority,
            team_id__in=unit.team_ids,
            leave_date__isnull=True,
            caseload__gt=0,
        ).values_list("caseload", flat=True)
    )
    if not entered:
        return None
    bands = measures.caseload_bands([c for c in entered if c is not None])
    return CaseloadDistribution(
        "entered", None, [(label, measures.suppress(n, hide=hide)) for label, n in bands]
    )
