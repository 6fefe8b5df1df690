"""Reads of the improvement plan, always within the user's authority."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from csc_measures import REGISTRY
from csc_measures.dates import add_months
from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.audits.models import Audit
from sightline.kernel.disclosure import SUPPRESSED, Policy
from sightline.organisation.models import Authority
from sightline.performance.dashboard import disclose, measure_row

from .models import DONE, SHORT_LABEL, TAG_CLASS, Action, Brag, MeasureLink, Plan, Priority

#: An action due within this many days is "due soon".
SOON_DAYS = 14


def plan_current(*, authority: Authority) -> Plan | None:
    """The active plan (the newest version when several are active), else the newest."""
    plans = Plan.objects.filter(authority=authority)
    return plans.filter(status=Plan.Status.ACTIVE).first() or plans.first()


def plan_list(*, authority: Authority) -> QuerySet[Plan]:
    return Plan.objects.filter(authority=authority)


def _not_done() -> Q:
    return ~Q(status__in=list(DONE))


def _overdue(today: date) -> Q:
    return _not_done() & (
        Q(revised_due_date__lt=today) | Q(revised_due_date__isnull=True, due_date__lt=today)
    )


def _due_by(day: date) -> Q:
    return Q(revised_due_date__lte=day) | Q(revised_due_date__isnull=True, due_date__lte=day)


@dataclass
class BragCell:
    status: str
    label: str
    tag_class: str
    count: int


@dataclass
class PriorityRow:
    priority: Priority
    cells: list[BragCell]
    total: int
    overdue: int


@dataclass
class PlanOnAPage:
    plan: Plan
    rows: list[PriorityRow]
    totals: list[BragCell]
    total: int
    overdue: int
    statuses: list[tuple[str, str]] = field(default_factory=list)


def plan_on_a_page(*, plan: Plan, today: date) -> PlanOnAPage:
    """Each priority × BRAG status: how many actions, and how many are overdue."""
    actions = list(
        Action.objects.filter(priority__plan=plan).only(
            "priority_id", "status", "due_date", "revised_due_date"
        )
    )
    order = list(Brag)
    rows = []
    for priority in plan.priorities.select_related("sro"):
        mine = [a for a in actions if a.priority_id == priority.pk]
        rows.append(
            PriorityRow(
                priority=priority,
                cells=[
                    BragCell(s, SHORT_LABEL[s], TAG_CLASS[s], sum(a.status == s for a in mine))
                    for s in order
                ],
                total=len(mine),
                overdue=sum(a.is_overdue(today) for a in mine),
            )
        )
    totals = [
        BragCell(s, SHORT_LABEL[s], TAG_CLASS[s], sum(a.status == s for a in actions))
        for s in order
    ]
    return PlanOnAPage(
        plan=plan,
        rows=rows,
        totals=totals,
        total=len(actions),
        overdue=sum(a.is_overdue(today) for a in actions),
        statuses=[(s.value, SHORT_LABEL[s]) for s in order],
    )


def action_list(
    *,
    authority: Authority,
    plan: Plan | None = None,
    today: date,
    owner: int | None = None,
    priority: int | None = None,
    status: str | None = None,
    overdue: bool = False,
) -> QuerySet[Action]:
    """Actions, filtered: by owner (SRO or lead officer), priority, status, or overdue."""
    qs = Action.objects.filter(authority=authority).select_related(
        "priority", "sro", "lead_officer", "workstream"
    )
    if plan is not None:
        qs = qs.filter(priority__plan=plan)
    if owner:
        qs = qs.filter(Q(sro_id=owner) | Q(lead_officer_id=owner))
    if priority:
        qs = qs.filter(priority_id=priority)
    if status in Brag.values:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(_overdue(today))
    return qs.order_by("priority__number", "reference")


def action_owners(*, authority: Authority) -> QuerySet[User]:
    """People who own (SRO) or lead at least one action."""
    return (
        User.objects.filter(authority=authority)
        .filter(Q(plan_actions_sro__isnull=False) | Q(plan_actions_led__isnull=False))
        .distinct()
        .order_by("first_name", "last_name")
    )


def actions_of(*, user: User) -> QuerySet[Action]:
    """The actions this person is SRO or lead officer for, in their authority."""
    if user.authority_id is None:
        return Action.objects.none()
    return (
        Action.objects.filter(authority_id=user.authority_id)
        .filter(Q(sro=user) | Q(lead_officer=user))
        .select_related("priority", "priority__plan", "sro", "lead_officer")
        .order_by("priority__number", "reference")
    )


def actions_needing_attention(*, user: User, today: date) -> tuple[list[Action], list[Action]]:
    """(overdue, due within SOON_DAYS) among this person's unfinished actions."""
    mine = actions_of(user=user).filter(priority__plan__status=Plan.Status.ACTIVE)
    overdue = list(mine.filter(_overdue(today)))
    soon = list(
        mine.filter(_not_done())
        .filter(_due_by(today + timedelta(days=SOON_DAYS)))
        .exclude(pk__in=[a.pk for a in overdue])
    )
    return overdue, soon


def action_get(*, authority: Authority, pk: int) -> Action:
    return Action.objects.select_related(
        "priority", "priority__plan", "sro", "lead_officer", "workstream"
    ).get(authority=authority, pk=pk)


def action_history(*, action: Action) -> QuerySet[AuditEvent]:
    """Every recorded change of the action, newest first (who, when, each field from → to)."""
    return AuditEvent.objects.filter(
        authority_id=action.authority_id, object_type="plan.action", object_id=str(action.pk)
    ).order_by("-at", "-pk")


# --- impact: the measures a priority or an action should move ------------------------------


@dataclass(frozen=True)
class Impact:
    measure_id: str
    title: str
    unit: str
    direction: str
    target: float | None
    latest_period: str | None
    latest_value: float | None
    variation: str | None
    variation_label: str | None
    before: float | None
    after: float | None
    before_months: int
    after_months: int
    known: bool
    link_id: int | None = None

    @property
    def moved(self) -> str:
        """Whether the mean since the start moved the way it should ("better", "worse",
        "no change") or "not enough data"."""
        if self.before is None or self.after is None:
            return "not enough data"
        if self.after == self.before:
            return "no change"
        up = self.after > self.before
        return "better" if up == (self.direction == MeasureLink.Direction.UP) else "worse"

    @property
    def target_met(self) -> bool | None:
        if self.target is None or self.latest_value is None:
            return None
        if self.direction == MeasureLink.Direction.UP:
            return self.latest_value >= self.target
        return self.latest_value <= self.target


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def impact_for(
    *,
    authority: Authority,
    links: list[MeasureLink],
    since: date,
    policy: Policy = SUPPRESSED,
) -> list[Impact]:
    """Each linked measure's latest value, SPC variation and its mean before and after
    ``since`` (by month), as the reader's disclosure ``policy`` allows (withheld months are
    left out of the means). Works with no performance data: the figures are then empty."""

    start_period = f"{since:%Y-%m}"
    out = []
    for link in links:
        spec = REGISTRY.get(link.measure_id)
        if spec is None:
            out.append(
                Impact(
                    link.measure_id,
                    "Unknown measure",
                    "",
                    link.direction,
                    link.target,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    0,
                    0,
                    known=False,
                    link_id=link.pk,
                )
            )
            continue
        row = disclose(measure_row(authority=authority, measure_id=link.measure_id), policy)
        values = [(p.period, p.value) for p in row.series if p.value is not None]
        before = [v for period, v in values if period < start_period]
        after = [v for period, v in values if period >= start_period]
        summary = row.chart.summary if row.chart is not None else None
        latest = row.latest
        out.append(
            Impact(
                measure_id=link.measure_id,
                title=spec.title,
                unit=spec.unit,
                direction=link.direction,
                target=link.target,
                latest_period=latest.period if latest else None,
                latest_value=latest.value if latest else None,
                variation=summary.variation.value if summary and summary.variation else None,
                variation_label=summary.variation_label if summary else None,
                before=_mean(before),
                after=_mean(after),
                before_months=len(before),
                after_months=len(after),
                known=True,
                link_id=link.pk,
            )
        )
    return out


#: The longest window compared before and since a priority's work started.
THEME_WINDOW_MONTHS = 6


@dataclass(frozen=True)
class ThemeWindow:
    """Two windows of equal length either side of the day a priority's work started: the six
    calendar months before it (fewer days while the work is young) and as many days from it.
    Both ends are inclusive, as the page states them."""

    started: date
    days: int
    before_from: date
    before_to: date
    since_from: date
    since_to: date


def theme_window(*, since: date, today: date) -> ThemeWindow | None:
    """The windows to compare, or ``None`` while the work has not started (``since`` after
    ``today``). The window since the start never runs past ``today``, so both hold only days
    that have happened."""
    if since > today:
        return None
    longest = (since - add_months(since, -THEME_WINDOW_MONTHS)).days
    days = min(longest, (today - since).days + 1)
    return ThemeWindow(
        started=since,
        days=days,
        before_from=since - timedelta(days=days),
        before_to=since - timedelta(days=1),
        since_from=since,
        since_to=since + timedelta(days=days - 1),
    )


@dataclass(frozen=True)
class ThemeTrend:
    """How often a learning theme was found in completed audits in each window of a
    ``ThemeWindow`` (``None`` for both while there is no window: the work has not started)."""

    name: str
    before: int | None
    since: int | None
    #: the words of the rule that withheld a count ("" when both are shown)
    withheld: str = ""


def theme_trends(
    *, priority: Priority, window: ThemeWindow | None, policy: Policy = SUPPRESSED
) -> list[ThemeTrend]:
    """The counts are withheld by the reader's disclosure ``policy`` (primary: the two windows
    are not parts of a published total)."""

    themes = priority.audit_themes.all().order_by("name")
    if window is None:
        return [ThemeTrend(name=theme.name, before=None, since=None) for theme in themes]
    out = []
    for theme in themes:
        tagged = Audit.objects.filter(
            status=Audit.Status.COMPLETED, themes=theme, authority_id=priority.plan.authority_id
        )
        before = tagged.filter(
            completed_at__date__gte=window.before_from,
            completed_at__date__lte=window.before_to,
        ).count()
        since = tagged.filter(
            completed_at__date__gte=window.since_from,
            completed_at__date__lte=window.since_to,
        ).count()
        hidden = policy.primary(before) or policy.primary(since)
        out.append(
            ThemeTrend(
                name=theme.name,
                before=policy.count(before),
                since=policy.count(since),
                withheld=hidden.reason if hidden else "",
            )
        )
    return out
