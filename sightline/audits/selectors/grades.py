"""What audits found: grades by month, team and locality with Wilson intervals, moderation
agreement, consistency, areas, themes and practitioners (small counts withheld by the kernel
rule)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sightline.accounts.models import User
from sightline.audits.models import (
    GOOD_OR_BETTER,
    GRADE_ORDER,
    Audit,
    Grade,
    Moderation,
)
from sightline.audits.stats import longest_run, wilson_interval
from sightline.core.permissions import unit_in_scope
from sightline.core.roles import Role
from sightline.kernel.disclosure import Policy, Sum, Withheld, policy, suppress_table
from sightline.organisation.models import Authority, Team

from .work import (
    MAIN_FRAMEWORK,
    TARGET_GOOD_MIN,
    TARGET_INADEQUATE_MAX,
    audits_visible,
    current_frameworks,
)


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
    #: why the number audited is withheld (None: shown)
    total_withheld: Withheld | None = None
    #: the rules that withheld figures in this row, in words
    rules: tuple[str, ...] = ()

    @property
    def meets_good_target(self) -> bool | None:
        share = self.good.share
        return None if share is None else share >= TARGET_GOOD_MIN

    @property
    def meets_inadequate_target(self) -> bool | None:
        share = self.inadequate.share
        return None if share is None else share <= TARGET_INADEQUATE_MAX


def _grade_row(*, label: str, grades: list[str], suppress: bool | Policy) -> GradeRow:
    """One row of grade counts, withheld as a table: the number audited is the total of the
    grades, and the shares good or better and inadequate (with their intervals) give their
    counts back (share × total), so each share follows its count, and the count not good or
    better (total minus good) is protected too (ADR 0018)."""
    counter = Counter(grades)
    total = len(grades)
    rule = suppress if isinstance(suppress, Policy) else policy(suppress=suppress)
    good = sum(counter.get(g, 0) for g in GOOD_OR_BETTER)
    inadequate = counter.get(Grade.INADEQUATE, 0)
    grade_cells = [counter.get(g, 0) for g in GRADE_ORDER]
    n = len(GRADE_ORDER)
    # cells: 0 total, 1..n grades, n+1 good or better, n+2 not good or better (never shown)
    values: list[int | None] = [total, *grade_cells, good, total - good]
    good_parts = tuple(1 + i for i, g in enumerate(GRADE_ORDER) if g in GOOD_OR_BETTER)
    other_parts = tuple(1 + i for i, g in enumerate(GRADE_ORDER) if g not in GOOD_OR_BETTER)
    sums = [
        Sum(0, tuple(range(1, n + 1))),
        Sum(n + 1, good_parts),
        Sum(n + 2, other_parts),
        Sum(0, (n + 1, n + 2)),
    ]
    withheld = suppress_table(values, sums=sums, policy=rule, published=[True] * (n + 2) + [False])
    counts = {
        g: None if withheld[1 + i] is not None else grade_cells[i]
        for i, g in enumerate(GRADE_ORDER)
    }
    inadequate_hidden = withheld[1 + GRADE_ORDER.index(Grade.INADEQUATE)] is not None
    total_hidden = withheld[0] is not None
    return GradeRow(
        label=label,
        counts=counts,
        total=total,
        good=proportion(count=0, total=0)
        if withheld[n + 1] is not None or total_hidden
        else proportion(count=good, total=total),
        inadequate=proportion(count=0, total=0)
        if inadequate_hidden or total_hidden
        else proportion(count=inadequate, total=total),
        suppressed=rule.suppress,
        total_withheld=withheld[0],
        rules=tuple(sorted({w.reason for w in withheld if w is not None})),
    )


def grade_distribution(
    *,
    authority: Authority,
    by: str = "month",
    suppress: bool | Policy = False,
    framework_key: str | None = MAIN_FRAMEWORK,
    period: Period = ALL_MONTHS,
) -> list[GradeRow]:
    """Overall grades (after moderation) by month, team or locality, with the shares good or
    better and inadequate, each with a Wilson 95% interval. With ``suppress`` (a disclosure
    policy), counts of 1–4 are hidden (None), so are the figures that would give one back
    (secondary), and a share follows its count."""
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
