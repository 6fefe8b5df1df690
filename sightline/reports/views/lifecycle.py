"""The lifecycle buttons: send for review, send back, approve (the figures are frozen),
publish. Each is a POST to a service; the report's page shows the outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sightline.core.access import ensure, require, user_of
from sightline.core.permissions import (
    can_approve_reports,
    can_edit_report,
    can_prepare_reports,
)
from sightline.reports import services

from ._common import readable_report


def _step(request: HttpRequest, pk: int, step: Any, allowed: Any, done: str) -> HttpResponse:
    report = readable_report(request, pk)
    ensure(allowed(user_of(request), report))
    try:
        step(report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("reports:report", pk=report.pk)


@require(can_prepare_reports)
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    return _step(
        request,
        pk,
        lambda r: services.report_submit(by=user, report=r),
        can_edit_report,
        "Report sent for review.",
    )


@require(can_approve_reports)
@require_POST
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    reason = request.POST.get("reason", "")
    return _step(
        request,
        pk,
        lambda r: services.report_return(by=user, report=r, reason=reason),
        lambda u, r: True,
        "Report sent back to its author as a draft.",
    )


@require(can_approve_reports)
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    return _step(
        request,
        pk,
        lambda r: services.report_approve(by=user, report=r),
        lambda u, r: True,
        "Report approved: its figures are frozen as they are today.",
    )


@require(can_approve_reports)
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    return _step(
        request,
        pk,
        lambda r: services.report_publish(by=user, report=r),
        lambda u, r: True,
        "Report published to its audience.",
    )
