"""What every reports view shares: the report the person may read or edit, its snapshot."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from sightline.core.access import authority_of, ensure, user_of
from sightline.core.permissions import can_edit_report, can_read_report
from sightline.reports import selectors
from sightline.reports.build import snapshot_build
from sightline.reports.models import Report, ReportSection
from sightline.reports.snapshot import Snapshot


def readable_report(request: HttpRequest, pk: int) -> Report:
    report = selectors.report_get(authority=authority_of(request), pk=pk)
    ensure(can_read_report(user_of(request), report))
    return report


def editable_report(request: HttpRequest, pk: int) -> Report:
    report = selectors.report_get(authority=authority_of(request), pk=pk)
    ensure(can_edit_report(user_of(request), report))
    return report


def editable_section(request: HttpRequest, pk: int) -> ReportSection:
    section = (
        ReportSection.objects.select_related("report")
        .filter(pk=pk, report__authority=authority_of(request))
        .first()
    )
    ensure(section is not None)
    assert section is not None  # noqa: S101 - ensured above
    ensure(can_edit_report(user_of(request), section.report))
    return section


def snapshot_of(report: Report) -> Snapshot:
    """The frozen snapshot of an approved report, else the report as it reads now."""
    if report.is_frozen and report.snapshot:
        return cast(Snapshot, report.snapshot)
    return snapshot_build(report=report)
