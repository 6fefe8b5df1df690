"""Statutory returns: upload and check, one upload's report and decision, the figures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import can_import_data, can_view_imports
from sightline.kernel.form_pages import upload_page

from . import selectors
from .forms import ReturnUploadForm
from .services import return_abandon, return_accept, return_rules_start, return_upload


@require(can_view_imports)
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    user, authority = user_of(request), authority_of(request)
    return upload_page(
        request,
        form_class=ReturnUploadForm,
        may_upload=can_import_data(user),
        uploads=selectors.return_imports(authority=authority),
        template="returns/imports.html",
        upload=lambda form: return_upload(
            by=user,
            authority=authority,
            kind=form.cleaned_data["kind"],
            files=form.cleaned_data["upload"],
        ),
        url_name="returns:import_detail",
    )


@require(can_view_imports)
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    assert user.authority is not None  # noqa: S101
    imp = get_object_or_404(
        selectors.return_imports(authority=user.authority).select_related("job", "rules_job"),
        pk=pk,
    )
    if request.method == "POST":
        ensure(can_import_data(user))
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                return_accept(by=user, return_import=imp)
                messages.success(request, f"Accepted: the {imp.source} figures are stored.")
            elif decision == "abandon":
                return_abandon(by=user, return_import=imp)
                messages.success(request, "Abandoned: no figures were stored.")
            elif decision == "rules":
                return_rules_start(by=user, return_import=imp)
                messages.success(request, "Running the DfE's validation rules in the background.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("returns:import_detail", pk=imp.pk)
    return render(
        request,
        "returns/import_detail.html",
        {
            "imp": imp,
            "groups": selectors.report_groups(return_import=imp),
            "counts": selectors.severity_counts(return_import=imp),
            "can_decide": can_import_data(user),
            "rules_running": imp.rules_job is not None and not imp.rules_job.is_finished,
        },
    )


@require(can_view_imports)
def figures(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    assert user.authority is not None  # noqa: S101
    return render(
        request,
        "returns/figures.html",
        {"figures": selectors.accepted_figures(authority=user.authority)},
    )
