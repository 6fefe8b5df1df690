"""What the reports module puts on the first screen of those who read reports (found by the
home app): the latest published report for the board, elected members and the director; the
latest DfE highlight report and the improvement plan's progress by Ofsted category for the
DfE adviser (and the director)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from sightline.core.attention import HomePanel, PanelLine, home_panel_register
from sightline.core.permissions import can_read_report, can_use_reports, can_view_plan
from sightline.core.roles import Role
from sightline.plan.models import DONE, Action, Brag, Plan

from .categories import DEFAULT_FRAMEWORK, categories_of
from .models import PriorityCategory, Report

if TYPE_CHECKING:
    from sightline.accounts.models import User

#: Who reads the latest published report first (any type they may read).
REPORT_READERS = frozenset({Role.DIRECTOR, Role.BOARD_MEMBER, Role.ELECTED_MEMBER})
#: Who reads the DfE highlight report and the plan's progress by Ofsted category.
DFE_READERS = frozenset({Role.DFE_ADVISER, Role.DIRECTOR})
DFE_TYPE = "dfe_highlight"


def _latest(user: User, *, type: str | None = None) -> PanelLine | None:  # noqa: A002
    qs = Report.objects.filter(
        authority_id=user.authority_id or 0, status=Report.Status.PUBLISHED
    ).order_by("-period_end", "-published_at", "-pk")
    if type is not None:
        qs = qs.filter(type=type)
    report = next((r for r in qs[:20] if can_read_report(user, r)), None)
    if report is None:
        return None
    published = timezone.localtime(report.published_at) if report.published_at else None
    return PanelLine(
        text=report.title,
        url=reverse("reports:report", args=[report.pk]),
        detail=f"{report.type_label}, {report.period_start:%-d %b %Y} to "
        f"{report.period_end:%-d %b %Y}"
        + (f"; published {published:%-d %b %Y}" if published else "")
        + ".",
    )


def latest_report(user: User) -> HomePanel | None:
    if user.role not in REPORT_READERS or not can_use_reports(user):
        return None
    line = _latest(user)
    return HomePanel(
        key="reports.latest",
        title="The latest published report",
        lines=(line,) if line else (),
        empty="No report has been published for you to read yet.",
        more_url=reverse("reports:index"),
        more_text="Every report",
        order=25,
    )


def dfe_highlight(user: User) -> HomePanel | None:
    if user.role not in DFE_READERS or not can_use_reports(user):
        return None
    line = _latest(user, type=DFE_TYPE)
    return HomePanel(
        key="reports.dfe",
        title="The latest DfE highlight report",
        lines=(line,) if line else (),
        empty="No DfE highlight report has been published yet.",
        more_url=reverse("reports:index"),
        more_text="Every report you may read",
        order=15,
    )


def plan_by_category(user: User) -> HomePanel | None:
    """The current plan's actions by Ofsted reporting category and progress rating."""
    if user.role not in DFE_READERS or not can_use_reports(user) or user.authority is None:
        return None
    authority = user.authority
    plans = Plan.objects.filter(authority=authority)
    plan = plans.filter(status=Plan.Status.ACTIVE).first() or plans.first()
    empty = "There is no improvement plan yet."
    if plan is None:
        return HomePanel(key="reports.plan", title="Improvement plan progress", empty=empty)
    today = timezone.localdate()
    by_priority: dict[int, set[str]] = {}
    for priority_id, key in PriorityCategory.objects.filter(
        authority=authority, framework=DEFAULT_FRAMEWORK, priority__plan=plan
    ).values_list("priority_id", "category"):
        by_priority.setdefault(priority_id, set()).add(key)
    actions = list(
        Action.objects.filter(priority__plan=plan).only(
            "priority_id", "status", "due_date", "revised_due_date"
        )
    )
    lines = []
    for category in categories_of(DEFAULT_FRAMEWORK):
        mine = [a for a in actions if category.key in by_priority.get(a.priority_id, ())]
        if not mine:
            continue
        done = sum(a.status in DONE for a in mine)
        red = sum(a.status == Brag.RED for a in mine)
        amber = sum(a.status == Brag.AMBER for a in mine)
        overdue = sum(a.is_overdue(today) for a in mine)
        lines.append(
            PanelLine(
                text=category.title,
                detail=f"{len(mine)} actions: {done} complete, {red} off track, {amber} at "
                f"risk, {overdue} overdue.",
                tag="Off track" if red else "At risk" if amber else "On track",
                tag_colour="red" if red else "yellow" if amber else "green",
            )
        )
    unmapped = [a for a in actions if not by_priority.get(a.priority_id)]
    if unmapped and lines:
        lines.append(
            PanelLine(text=f"{len(unmapped)} actions in priorities not mapped to a category.")
        )
    return HomePanel(
        key="reports.plan",
        title="Improvement plan progress by Ofsted category",
        lead=f"{plan.title}; categories of the ILACS framework the reports use.",
        lines=tuple(lines),
        empty="No plan priority is mapped to an Ofsted category yet."
        if actions
        else "The plan has no actions yet.",
        more_url=reverse("plan:index") if can_view_plan(user) else "",
        more_text="The plan on a page",
        order=16,
    )


home_panel_register(dfe_highlight)
home_panel_register(plan_by_category)
home_panel_register(latest_report)
