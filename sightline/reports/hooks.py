"""What the reports app adds to the navigation and the home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_approve_report, can_prepare_reports, can_use_reports

if TYPE_CHECKING:
    from sightline.accounts.models import User


def register() -> None:
    attention_register(reports_to_approve)
    module_register(
        Module(
            key="reports",
            title="Reports",
            url_name="reports:index",
            description="Board packs, scrutiny dashboards, the DfE highlight report, the "
            "Chair's report and Cabinet papers, drafted from the data and frozen at approval.",
            allowed=can_use_reports,
            order=600,
        )
    )


def reports_to_approve(user: User) -> Iterator[AttentionItem]:
    """Reports waiting for this person's approval (the director's; the DfE adviser's own)."""
    if not can_prepare_reports(user) or user.authority_id is None:
        return
    from .models import Report

    waiting = Report.objects.filter(
        authority=user.authority, status=Report.Status.IN_REVIEW
    ).select_related("created_by", "submitted_by")
    for report in [r for r in waiting if can_approve_report(user, r)][:5]:
        by = report.submitted_by.display_name if report.submitted_by else "its author"
        yield AttentionItem(
            title=f"Report to approve: {report.title}",
            detail=f"Sent for review by {by}.",
            url=reverse("reports:report", args=[report.pk]),
            level="due",
        )
