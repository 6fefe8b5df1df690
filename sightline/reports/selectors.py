"""Reads of reports, always within the reader's authority and what they may read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from sightline.core.permissions import can_read_report

from .models import PriorityCategory, Report

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.organisation.models import Authority
    from sightline.plan.models import Priority


def reports_visible(*, user: User) -> list[Report]:
    """The reports this person may read, newest period first."""
    qs = Report.objects.filter(authority_id=user.authority_id or 0).select_related(
        "created_by", "approved_by", "published_by"
    )
    return [r for r in qs if can_read_report(user, r)]


def report_get(*, authority: Authority, pk: int) -> Report:
    report = (
        Report.objects.filter(authority=authority, pk=pk)
        .select_related("authority__benchmark_as", "created_by", "approved_by")
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_latest_of_type(
    *,
    authority: Authority,
    type: str,  # noqa: A002
    reader: User | None = None,
) -> Report | None:
    """The newest report of ``type`` (the next one starts from it); with ``reader``, the
    newest they may read (the DfE adviser never starts from an officer's board version)."""
    reports = (
        Report.objects.filter(authority=authority, type=type)
        .select_related("created_by")
        .order_by("-period_end", "-pk")
    )
    if reader is None:
        return reports.first()
    return next((r for r in reports.iterator() if can_read_report(reader, r)), None)


def reports_published(*, authority: Authority) -> QuerySet[Report]:
    return Report.objects.filter(authority=authority, status=Report.Status.PUBLISHED)


def priority_categories(*, authority: Authority, framework: str) -> dict[int, set[str]]:
    """priority pk → the categories it is mapped to in ``framework``."""
    out: dict[int, set[str]] = {}
    for priority_id, category in PriorityCategory.objects.filter(
        authority=authority, framework=framework
    ).values_list("priority_id", "category"):
        out.setdefault(priority_id, set()).add(category)
    return out


def plan_priorities(*, authority: Authority) -> list[Priority]:
    from sightline.plan.selectors import plan_current

    plan = plan_current(authority=authority)
    return list(plan.priorities.all()) if plan else []
