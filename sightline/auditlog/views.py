"""Search the audit trail (every write) and the access log (every view of child-level data)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from sightline.core.access import require, user_of
from sightline.core.permissions import can_view_audit_trail
from sightline.jobs.services import job_start

from . import selectors
from .exports import EXPORT_KIND
from .forms import TrailSearchForm
from .models import AccessLogEntry, AuditEvent


@require(can_view_audit_trail)
@require_GET
def trail(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    assert user.authority is not None  # noqa: S101
    tab = "access" if request.GET.get("tab") == "access" else "changes"
    form = TrailSearchForm(request.GET or None)
    filters = selectors.TrailFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.TrailFilter(
            who=data["who"].strip(),
            text=data["text"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    rows: QuerySet[AccessLogEntry] | QuerySet[AuditEvent]
    if tab == "access":
        rows = selectors.access_log_search(authority=user.authority, filters=filters)
    else:
        rows = selectors.audit_event_search(authority=user.authority, filters=filters)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "auditlog/trail.html", {"form": form, "page": page, "tab": tab})


@require(can_view_audit_trail)
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    """Start a background export of the whole audit trail, then show its progress."""
    job = job_start(
        by=user_of(request),
        kind=EXPORT_KIND,
        title="Export of the audit trail (CSV)",
    )
    return redirect("jobs:detail", pk=job.pk)
