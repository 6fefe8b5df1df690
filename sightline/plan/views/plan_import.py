"""Importing a plan from a spreadsheet."""

from __future__ import annotations

from dataclasses import asdict
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_manage_plan
from sightline.jobs.models import Job
from sightline.jobs.selectors import jobs_visible_to
from sightline.jobs.services import job_recover_if_lost
from sightline.plan.forms import PlanImportForm
from sightline.plan.imports import FIELDS, IMPORT_KIND, PlanImportError, plan_import_start

from ._common import _ctx


def _job_of(request: HttpRequest) -> Job | None:
    """The import job named in ``?job=`` (only the person's own, or an administrator's view)."""
    wanted = request.GET.get("job", "")
    try:
        job_id = UUID(wanted)
    except ValueError:
        return None
    job = get_object_or_404(
        jobs_visible_to(user=user_of(request)).filter(kind=IMPORT_KIND), pk=job_id
    )
    if job.status == Job.Status.RUNNING and job_recover_if_lost(job=job):
        job.refresh_from_db()
    return job


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def import_plan(request: HttpRequest) -> HttpResponse:
    """Upload the workbook; it is checked and imported in the background (``?job=`` shows the
    progress, then the report or the new plan)."""
    form = PlanImportForm(request.POST or None, request.FILES or None)
    mapping_fields = [
        (name, label, request.POST.get(f"map_{name}", default) if request.POST else default, req)
        for name, (label, default, req) in FIELDS.items()
    ]
    issues = None
    job = _job_of(request) if request.method == "GET" else None
    if job is not None and job.is_finished:
        issues = job.result.get("issues")
    if request.method == "POST" and form.is_valid():
        mapping = {name: value.strip() for name, _, value, _ in mapping_fields if value.strip()}
        try:
            job = plan_import_start(
                by=user_of(request),
                authority=authority_of(request),
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                starts_on=form.cleaned_data["starts_on"],
                reason=form.cleaned_data["reason"],
                mapping=mapping,
                sheet=request.POST.get("sheet", "").strip(),
            )
        except PlanImportError as exc:
            issues = [asdict(i) for i in exc.issues]
        else:
            return redirect(f"{reverse('plan:import')}?job={job.pk}")
    return render(
        request,
        "plan/import.html",
        _ctx(
            request,
            form=form,
            mapping_fields=mapping_fields,
            sheet=request.POST.get("sheet", ""),
            issues=issues,
            job=job,
        ),
    )
