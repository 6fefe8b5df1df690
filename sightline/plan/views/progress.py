"""Progress on an action: revised due dates, progress updates and their evidence."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_view_evidence, can_view_plan
from sightline.kernel.form_pages import form_page
from sightline.plan import services
from sightline.plan.evidence import evidence_path
from sightline.plan.forms import ProgressForm, RevisionForm
from sightline.plan.models import DueDateRevision, Evidence, ProgressUpdate

from ._common import _action_for_update, _ctx, _edit_initial, _without_version


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_revise(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    form = RevisionForm(request.POST or None, initial=_edit_initial(action))

    def save(data: dict[str, Any]) -> DueDateRevision:
        seen, fields = _without_version(data)
        return services.action_revise_due(
            by=user_of(request), action=action, seen_version=seen, **fields
        )

    return form_page(
        request,
        form,
        "plan/revise.html",
        _ctx(request, action=action),
        save=save,
        success="The due date was changed and the reason kept.",
        redirect_to=reverse("plan:action", args=[action.pk]),
    )


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial=_edit_initial(action, "status", "percent_complete"),
    )

    def save(data: dict[str, Any]) -> ProgressUpdate:
        seen, fields = _without_version(data)
        files = fields.pop("evidence_files")
        return services.progress_update_add(
            by=user_of(request), action=action, seen_version=seen, files=files, **fields
        )

    return form_page(
        request,
        form,
        "plan/progress.html",
        _ctx(request, action=action),
        save=save,
        success="Your progress update was saved.",
        redirect_to=reverse("plan:action", args=[action.pk]),
    )


@require(can_view_evidence)
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence is always a download with the type we chose, never rendered in the browser."""
    evidence = get_object_or_404(Evidence, pk=pk, action__authority=authority_of(request))
    path = evidence_path(stored_file=evidence.stored_file)
    if path is None:
        raise Http404("The file is no longer available.")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=evidence.original_name)
    response["Content-Type"] = evidence.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
