"""The lifecycle buttons: send for review, send back, approve (the figures are frozen),
publish. One view and a table of steps: each is a POST to a service, allowed by one
predicate of ``sightline.core.permissions`` (the service asks the same); the report's page
shows the outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sightline.accounts.models import User
from sightline.core.access import ensure, require, user_of
from sightline.core.permissions import can_approve_report, can_edit_report, can_use_reports
from sightline.reports import services
from sightline.reports.models import Report

from ._common import readable_report


@dataclass(frozen=True)
class Step:
    #: ``(by, report, POST data)`` → the service call.
    run: Callable[[User, Report, Any], Report]
    allowed: Callable[[User, Report], bool]
    done: str


STEPS: dict[str, Step] = {
    "submit": Step(
        lambda by, r, post: services.report_submit(by=by, report=r),
        can_edit_report,
        "Report sent for review.",
    ),
    "return": Step(
        lambda by, r, post: services.report_return(by=by, report=r, reason=post.get("reason", "")),
        can_approve_report,
        "Report sent back to its author as a draft.",
    ),
    "approve": Step(
        lambda by, r, post: services.report_approve(by=by, report=r),
        can_approve_report,
        "Report approved: its figures are frozen as they are today.",
    ),
    "publish": Step(
        lambda by, r, post: services.report_publish(by=by, report=r),
        can_approve_report,
        "Report published to its audience.",
    ),
}


@require(can_use_reports)
@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Take the lifecycle step ``name`` (a key of ``STEPS``, fixed by the URL)."""
    user = user_of(request)
    taken = STEPS[name]
    report = readable_report(request, pk)
    ensure(taken.allowed(user, report))
    try:
        taken.run(user, report, request.POST)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, taken.done)
    return redirect("reports:report", pk=report.pk)
