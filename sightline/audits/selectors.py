"""Reads for case-file audits, always filtered by the person's authority and scope."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from sightline.accounts.models import User
from sightline.core.permissions import can_see_audit_cases, unit_in_scope
from sightline.core.roles import Role
from sightline.kernel.disclosure import policy
from sightline.organisation.models import Authority, Team

from .frameworks import DEFAULT_FRAMEWORKS, framework_unsaved
from .models import (
    GOOD_OR_BETTER,
    GRADE_ORDER,
    Audit,
    Framework,
    Grade,
    LearningSummary,
    Moderation,
    RemedialAction,
)
from .stats import longest_run, median, wilson_interval

#: Targets from the council papers (DfE adviser's tracker).
TARGET_INADEQUATE_MAX = 0.12
TARGET_GOOD_MIN = 0.42
#: The framework the figures are about unless another is chosen.
MAIN_FRAMEWORK = "practice-fundamentals"


def _aid(*, user: User) -> int:
    """The user's authority (0, which matches nothing, for a platform superuser)."""
    return user.authority_id or 0


def audits_visible(*, user: User) -> QuerySet[Audit]:
    """The audits this person may see one by one (none for aggregates-only roles)."""
    qs = Audit.objects.filter(authority_id=_aid(user=user)).select_related(
        "team", "auditor", "framework"
    )
    if not can_see_audit_cases(user):
        return qs.none()
    if user.role in (Role.QA_LEAD, Role.DIRECTOR):
        return qs
    if user.role == Role.AUDITOR:
        return qs.filter(auditor=user)
    if user.role == Role.HEAD_OF_SERVICE:
        return qs.filter(Q(team__locality_id=user.locality_id) | Q(auditor=user))
    if user.role == Role.TEAM_MANAGER:
        return qs.filter(Q(team_id=user.team_id) | Q(auditor=user))
    return qs.none()


def audits_to_do(*, user: User) -> QuerySet[Audit]:
    """Audits assigned to this person and not completed, soonest due first."""
    return (
        Audit.objects.filter(authority_id=_aid(user=user), auditor=user)
        .exclude(status=Audit.Status.COMPLETED)
        .select_related("team", "framework")
        .order_by("due_date", "pk")
    )


def audits_overdue(*, authority: Authority, today: date | None = None) -> QuerySet[Audit]:
    today = today or timezone.localdate()
    return (
        Audit.objects.filter(authority=authority, due_date__lt=today)
        .exclude(status=Audit.Status.COMPLETED)
        .select_related("team", "auditor")
    )


def actions_visible(*, user: User) -> QuerySet[RemedialAction]:
    """Actions this person owns, plus those in their scope (team, locality, or all)."""
    qs = RemedialAction.objects.filter(authority_id=_aid(user=user)).select_related(
        "owner", "audit__team"
    )
    mine = Q(owner=user)
    if user.role in (Role.QA_LEAD, Role.DIRECTOR):
        return qs
    if user.role == Role.HEAD_OF_SERVICE:
        return qs.filter(mine | Q(audit__team__locality_id=user.locality_id))
    if user.role == Role.TEAM_MANAGER:
        return qs.filter(mine | Q(audit__team_id=user.team_id))
    if user.role == Role.AUDITOR:
        return qs.filter(mine | Q(audit__auditor=user))
    return qs.filter(mine)


def actions_overdue(
    *, qs: QuerySet[RemedialAction], today: date | None = None
) -> QuerySet[RemedialAction]:
    return qs.filter(status=RemedialAction.Status.OPEN, due_date__lt=today or timezone.localdate())


def actions_escalated_to(*, user: User, today: date | None = None) -> QuerySet[RemedialAction]:
    """Overdue actions that escalate to this person: to the head of service of the audited
    team's locality (the next manager up from team managers and social workers), and to the
    QA lead and director for every team."""
    today = today or timezone.localdate()
    qs = actions_overdue(
        qs=RemedialAction.objects.filter(authority_id=_aid(user=user)), today=today
    ).select_related("owner", "audit__team")
    if user.role in (Role.QA_LEAD, Role.DIRECTOR):
        return qs
    if user.role == Role.HEAD_OF_SERVICE:
        return qs.filter(Q(audit__team__locality_id=user.locality_id)).exclude(owner=user)
    return qs.none()


def current_frameworks(*, authority: Authority) -> list[Framework]:
    """The authority's current frameworks, with any default one it does not have yet as an
    unsaved row (the defaults are installed when an authority is created; a page that reads
    them never writes them)."""
    found = list(Framework.objects.filter(authority=authority, is_current=True))
    keys = set(Framework.objects.filter(authority=authority).values_list("key", flat=True))
    missing = [
        framework_unsaved(authority=authority, spec=spec)
        for spec in DEFAULT_FRAMEWORKS
        if spec["key"] not in keys
    ]
    if not missing:
        return found
    return sorted([*found, *missing], key=lambda f: (f.kind, f.title, -f.version))


def moderation_queue(*, authority: Authority) -> QuerySet[Moderation]:
    return Moderation.objects.filter(
        audit__authority=authority, completed_at__isnull=True
    ).select_related("audit__team", "audit__auditor")


@dataclass(frozen=True)
class Proportion:
    count: int
    total: int
    low: float | None
    high: float | None

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None

    @property
    def percent(self) -> float | None:
        return None if self.share is None else 100 * self.share


def proportion(*, count: int, total: int) -> Proportion:
    interval = wilson_interval(count, total)
    return Proportion(count, total, *(interval or (None, None)))


@dataclass(frozen=True)
class AgreementRate:
    agreed: int
    moderated: int
    waiting: int
    rate: Proportion


def moderation_agreement(*, authority: Authority) -> AgreementRate:
    done = Moderation.objects.filter(audit__authority=authority, completed_at__isnull=False)
    moderated = done.count()
    agreed = done.filter(agreed=True).count()
    waiting = Moderation.objects.filter(audit__authority=authority, completed_at__isnull=True)
    return AgreementRate(
        agreed, moderated, waiting.count(), proportion(count=agreed, total=moderated)
    )


def median_completion_minutes(*, authority: Authority, since: date | None = None) -> float | None:
    """Median minutes from first opening an audit to completing it (as the app records)."""
    qs = Audit.objects.filter(
        authority=authority, completed_at__isnull=False, started_at__isnull=False
    )
    if since:
        qs = qs.filter(completed_at__date__gte=since)
    minutes = [
        (done - started).total_seconds() / 60
        for started, done in qs.values_list("started_at", "completed_at")
        if started is not None and done is not None
    ]
    return median(minutes)


# --- Analytics ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    month: date
    team_id: int
    team: str
    locality: str
    grade: str
    areas: dict[str, str]


@dataclass(frozen=True)
class Period:
    """Months from ``start`` to ``end`` inclusive (first days of months); None = open."""

    start: date | None = None
    end: date | None = None

    def __contains__(self, month: date) -> bool:
        return (self.start is None or month >= self.start) and (
            self.end is None or month <= self.end
        )

    @property
    def label(self) -> str:
        if self.start is None and self.end is None:
            return "all months"
        start = f"{self.start:%B %Y}" if self.start else "the first audit"
        end = f"{self.end:%B %Y}" if self.end else "the latest"
        return f"{start} to {end}"


ALL_MONTHS = Period()


def _completed(
    *, authority: Authority, framework_key: str | None, period: Period = ALL_MONTHS
) -> list[_Row]:
    qs = (
        Audit.objects.filter(authority=authority, status=Audit.Status.COMPLETED)
        .select_related("team__locality", "moderation", "programme")
        .order_by("completed_at")
    )
    if framework_key:
        qs = qs.filter(framework__key=framework_key)
    rows = []
    for audit in qs:
        if audit.programme is not None:
            month = audit.programme.month
        elif audit.completed_at is not None:
            month = audit.completed_at.date()
        else:  # a completed audit always has its time; a row without one has no month
            continue
        rows.append(
            _Row(
                month=month.replace(day=1),
                team_id=audit.team_id,
                team=audit.team.name,
                locality=audit.team.locality.name if audit.team.locality else "No locality",
                grade=audit.final_grade,
                areas=dict(audit.area_grades),
            )
        )
    return [row for row in rows if row.month in period]


@dataclass(frozen=True)
class GradeRow:
    label: str
    counts: dict[str, int | None]
    total: int
    good: Proportion
    inadequate: Proportion
    suppressed: bool

    @property
    def meets_good_target(self) -> bool | None:
        share = self.good.share
        return None if share is None else share >= TARGET_GOOD_MIN

    @property
    def meets_inadequate_target(self) -> bool | None:
        share = self.inadequate.share
        return None if share is None else share <= TARGET_INADEQUATE_MAX


def _grade_row(*, label: str, grades: list[str], suppress: bool) -> GradeRow:
    counter = Counter(grades)
    total = len(grades)
    rule = policy(suppress=suppress)
    counts = {g: rule.count(counter.get(g, 0)) for g in GRADE_ORDER}
    good = sum(counter.get(g, 0) for g in GOOD_OR_BETTER)
    return GradeRow(
        label=label,
        counts=counts,
        total=total,
        good=proportion(count=good, total=total),
        inadequate=proportion(count=counter.get(Grade.INADEQUATE, 0), total=total),
        suppressed=suppress,
    )


def grade_distribution(
    *,
    authority: Authority,
    by: str = "month",
    suppress: bool = False,
    framework_key: str | None = MAIN_FRAMEWORK,
    period: Period = ALL_MONTHS,
) -> list[GradeRow]:
    """Overall grades (after moderation) by month, team or locality, with the shares good or
    better and inadequate, each with a Wilson 95% interval. With ``suppress``, counts of 1–4
    are hidden (None) and groups with fewer than 5 audits show no shares."""
    rows = _completed(authority=authority, framework_key=framework_key, period=period)
    groups: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if by == "month":
            key = row.month.isoformat()
        elif by == "team":
            key = row.team
        elif by == "locality":
            key = row.locality
        else:
            raise ValueError(f"unknown grouping {by!r}")
        groups[key].append(row.grade)
    result = []
    for key in sorted(groups):
        label = date.fromisoformat(key).strftime("%b %Y") if by == "month" else key
        grade_row = _grade_row(label=label, grades=groups[key], suppress=suppress)
        if policy(suppress=suppress).hides(grade_row.total):
            grade_row = GradeRow(
                label=label,
                counts=dict.fromkeys(GRADE_ORDER),
                total=grade_row.total,
                good=proportion(count=0, total=0),
                inadequate=proportion(count=0, total=0),
                suppressed=True,
            )
        result.append(grade_row)
    return result


@dataclass(frozen=True)
class Consistency:
    team: str
    months: int
    longest: int
    current: int

    @property
    def consistent(self) -> bool:
        return self.current >= 6


def team_consistency(*, authority: Authority, period: Period = ALL_MONTHS) -> list[Consistency]:
    """For each team, runs of consecutive audited months in which at least half of its
    audits were graded good or better. A team is *consistent* with a current run of 6+."""
    rows = _completed(authority=authority, framework_key=MAIN_FRAMEWORK, period=period)
    by_team: dict[str, dict[date, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_team[row.team][row.month].append(row.grade)
    result = []
    for team, months in by_team.items():
        ordered = [months[m] for m in sorted(months)]
        flags = [sum(g in GOOD_OR_BETTER for g in grades) * 2 >= len(grades) for grades in ordered]
        longest, current = longest_run(flags)
        result.append(Consistency(team, len(ordered), longest, current))
    return sorted(result, key=lambda c: (-c.current, -c.longest, c.team))


@dataclass(frozen=True)
class AreaRow:
    key: str
    title: str
    by_group: dict[str, Proportion]
    overall: Proportion


def area_grades(
    *, authority: Authority, by: str = "locality", period: Period = ALL_MONTHS
) -> tuple[list[str], list[AreaRow]]:
    """For each area of the current Practice Fundamentals framework: the share graded good or
    better, overall and by locality (or team). The weakest area has the lowest share."""
    framework = next(
        (f for f in current_frameworks(authority=authority) if f.key == MAIN_FRAMEWORK), None
    )
    if framework is None:
        return [], []
    rows = _completed(authority=authority, framework_key=MAIN_FRAMEWORK, period=period)
    groups = sorted({getattr(r, by) for r in rows})
    result = []
    for area in framework.areas:
        key = area["key"]
        graded = [r for r in rows if key in r.areas]
        by_group = {}
        for group in groups:
            in_group = [r for r in graded if getattr(r, by) == group]
            good = sum(r.areas[key] in GOOD_OR_BETTER for r in in_group)
            by_group[group] = proportion(count=good, total=len(in_group))
        overall = proportion(
            count=sum(r.areas[key] in GOOD_OR_BETTER for r in graded), total=len(graded)
        )
        result.append(AreaRow(key, area["title"], by_group, overall))
    return groups, result


def weakest_area(*, rows: list[AreaRow]) -> AreaRow | None:
    scored = [r for r in rows if r.overall.share is not None]
    return min(scored, key=lambda r: r.overall.share or 0) if scored else None


@dataclass(frozen=True)
class ThemeTable:
    columns: list[str]
    rows: list[tuple[str, list[int], int]]


def theme_frequency(
    *, authority: Authority, by: str = "team", user: User | None = None
) -> ThemeTable:
    """How often each learning theme was tagged on completed audits, by team or by month."""
    qs = Audit.objects.filter(authority=authority, status=Audit.Status.COMPLETED)
    if user is not None and user.role in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        qs = qs.filter(
            team__in=[t for t in Team.objects.filter(authority=authority) if unit_in_scope(user, t)]
        )
    pairs = qs.values_list("themes__name", "team__name", "completed_at")
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    columns: set[str] = set()
    for theme, team, completed in pairs:
        if theme is None or completed is None:
            continue
        column = team if by == "team" else completed.date().replace(day=1).strftime("%Y-%m")
        counts[theme][column] += 1
        columns.add(column)
    ordered = sorted(columns)
    rows = [
        (theme, [c[col] for col in ordered], sum(c.values()))
        for theme, c in sorted(counts.items(), key=lambda item: -sum(item[1].values()))
    ]
    return ThemeTable(ordered, rows)


@dataclass(frozen=True)
class PractitionerRow:
    practitioner: str
    team: str
    good: Proportion


def practitioner_grades(*, user: User) -> list[PractitionerRow]:
    """Overall grades per practitioner, for managers within their scope only (team managers
    their team, heads of service their locality, the QA lead and director all teams)."""
    if user.role not in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.QA_LEAD, Role.DIRECTOR):
        return []
    qs = audits_visible(user=user).filter(status=Audit.Status.COMPLETED).exclude(practitioner="")
    if user.role == Role.TEAM_MANAGER:
        qs = qs.filter(team_id=user.team_id or 0)
    elif user.role == Role.HEAD_OF_SERVICE:
        qs = qs.filter(team__locality_id=user.locality_id or 0)
    grades: dict[tuple[str, str], list[str]] = defaultdict(list)
    for audit in qs.select_related("moderation"):
        grades[(audit.practitioner, audit.team.name)].append(audit.final_grade)
    return [
        PractitionerRow(
            name,
            team,
            proportion(count=sum(g in GOOD_OR_BETTER for g in gs), total=len(gs)),
        )
        for (name, team), gs in sorted(grades.items(), key=lambda item: (item[0][1], item[0][0]))
    ]


def learning_summaries(*, authority: Authority) -> QuerySet[LearningSummary]:
    return LearningSummary.objects.filter(authority=authority).select_related("published_by")


def assignable_auditors(*, audit: Audit) -> list[User]:
    """People who may be given this audit (never the case's own team manager)."""
    from .services import AUDITOR_ROLES, auditor_refusal

    people = User.objects.filter(
        authority_id=audit.authority_id, is_active=True, role__in=AUDITOR_ROLES
    ).order_by("last_name", "first_name")
    return [p for p in people if auditor_refusal(auditor=p, audit=audit) is None]


def candidates_from_measure(
    *, authority: Authority, measure_id: str, month: date | None, part: str
) -> dict[Team, list[str]]:
    """Each team's children counted in ``part`` of a measure's figure for ``month`` (the
    latest month with figures when None), from the performance module's stored imports.

    Raises a ValidationError when there are no figures or no children to sample from.
    """
    from django.core.exceptions import ValidationError

    from sightline.performance.children import DrillDownError, children_by_team
    from sightline.performance.figures import latest_period

    period = (
        month.strftime("%Y-%m")
        if month
        else latest_period(authority=authority, measure_id=measure_id)
    )
    if period is None:
        raise ValidationError({"measure": f"There are no figures for {measure_id} yet."})
    try:
        found = children_by_team(
            authority=authority, measure_id=measure_id, period=period, part=part
        )
    except DrillDownError as exc:
        raise ValidationError({"measure": str(exc)}) from exc
    result: dict[Team, list[str]] = {
        team: list(found[team.name])
        for team in Team.objects.filter(authority=authority).order_by("name")
        if found.get(team.name)
    }
    if not result:
        raise ValidationError(
            {"measure": f"No children are counted in the {part} of {measure_id} in {period}."}
        )
    return result
