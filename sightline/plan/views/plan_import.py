"""Importing a plan from a spreadsheet."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_manage_plan
from sightline.plan.forms import PlanImportForm
from sightline.plan.imports import FIELDS, PlanImportError, plan_import
from sightline.plan.models import Action

from ._common import _ctx


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def import_plan(request: HttpRequest) -> HttpResponse:
    form = PlanImportForm(request.POST or None, request.FILES or None)
    mapping_fields = [
        (name, label, request.POST.get(f"map_{name}", default) if request.POST else default, req)
        for name, (label, default, req) in FIELDS.items()
    ]
    issues = None
    if request.method == "POST" and form.is_valid():
        mapping = {name: value.strip() for name, _, value, _ in mapping_fields if value.strip()}
        try:
            plan = plan_import(
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
            issues = exc.issues
        else:
            count = Action.objects.filter(priority__plan=plan).count()
            messages.success(request, f"{plan} was imported with {count} actions.")
            return redirect("plan:index")
    return render(
        request,
        "plan/import.html",
        _ctx(
            request,
            form=form,
            mapping_fields=mapping_fields,
            sheet=request.POST.get("sheet", ""),
            issues=issues,
        ),
    )
