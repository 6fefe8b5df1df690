"""Targets and tolerances, with their history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from csc_measures import REGISTRY
from sightline.core.access import ensure, user_of
from sightline.core.permissions import (
    can_set_targets,
)
from sightline.kernel.forms import form_add_service_errors
from sightline.performance import selectors, services
from sightline.performance.forms import TargetForm

from .access import _authority_for_figures


@require_GET
def targets(request: HttpRequest) -> HttpResponse:
    authority = _authority_for_figures(request)
    rows = selectors.target_table(authority=authority, day=timezone.localdate())
    return render(
        request,
        "performance/targets.html",
        {"rows": rows, "can_edit": can_set_targets(user_of(request))},
    )


@require_http_methods(["GET", "POST"])
def target_detail(request: HttpRequest, measure_id: str) -> HttpResponse:
    authority = _authority_for_figures(request)
    if measure_id not in REGISTRY:
        raise Http404("No such measure.")
    user = user_of(request)
    can_edit = can_set_targets(user)
    if request.method == "POST":
        ensure(can_edit)
    current = selectors.target_on(
        authority=authority, measure_id=measure_id, day=timezone.localdate()
    )
    initial = {
        "target": current.target,
        "tolerance": current.tolerance,
        "polarity": current.polarity,
    }
    form = TargetForm(request.POST or None, initial=initial) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.target_set(
                by=user,
                authority=authority,
                measure_id=measure_id,
                target=data["target"],
                tolerance=data["tolerance"],
                polarity=data["polarity"],
                effective_from=data["effective_from"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"The target for {measure_id} was saved.")
            return redirect("performance:target_detail", measure_id=measure_id)
    return render(
        request,
        "performance/target_detail.html",
        {
            "current": current,
            "history": selectors.target_history(authority=authority, measure_id=measure_id),
            "form": form,
        },
    )
