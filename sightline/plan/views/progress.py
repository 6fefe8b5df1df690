"""Progress on an action: revised due dates, progress updates and their evidence."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import can_view_evidence, can_view_plan
from sightline.kernel.forms import form_add_service_errors
from sightline.plan import services
from sightline.plan.evidence import evidence_path
from sightline.plan.forms import ProgressForm, RevisionForm
from sightline.plan.models import Evidence

from ._common import _action_for_update, _ctx


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_revise(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    form = RevisionForm(request.POST or None, initial={"version": version_of(action.updated_at)})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_revise_due(
                by=user_of(request),
                action=action,
                seen_version=form.cleaned_data["version"] or None,
                new_due=form.cleaned_data["new_due"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The due date was changed and the reason kept.")
            return redirect("plan:action", pk=action.pk)
    return render(request, "plan/revise.html", _ctx(request, form=form, action=action))


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    initial = {
        "version": version_of(action.updated_at),
        "status": action.status,
        "percent_complete": action.percent_complete,
    }
    form = ProgressForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_update_add(
                by=user_of(request),
                action=action,
                seen_version=data["version"] or None,
                on=data["on"],
                status=data["status"],
                percent_complete=data["percent_complete"],
                commentary=data["commentary"],
                rating_reason=data["rating_reason"],
                files=data["evidence_files"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Your progress update was saved.")
            return redirect("plan:action", pk=action.pk)
    return render(request, "plan/progress.html", _ctx(request, form=form, action=action))


@require(can_view_evidence)
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence is always a download with the type we chose, never rendered in the browser."""
    evidence = get_object_or_404(Evidence, pk=pk, action__authority=authority_of(request))
    path = evidence_path(evidence.stored_file)
    if path is None:
        raise Http404("The file is no longer available.")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=evidence.original_name)
    response["Content-Type"] = evidence.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
