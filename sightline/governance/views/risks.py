"""The risk register: list and heat map, one risk, create and edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import can_manage_governance, can_view_governance
from sightline.governance import selectors, services
from sightline.governance.forms import RiskForm
from sightline.governance.models import Risk
from sightline.kernel.forms import form_add_service_errors

from ._common import _ctx


@require(can_view_governance)
@require_GET
def risk_list(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    include_closed = request.GET.get("closed") == "1"
    risks = list(selectors.risks_for(authority=authority, include_closed=include_closed))
    open_risks = [r for r in risks if r.status == Risk.Status.OPEN]
    return render(
        request,
        "governance/risks.html",
        _ctx(
            request,
            risks=sorted(risks, key=lambda r: (-r.score, r.reference)),
            heat=selectors.heat_map(risks=open_risks),
            include_closed=include_closed,
            today=timezone.localdate(),
        ),
    )


@require(can_view_governance)
@require_GET
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from sightline.auditlog.models import AuditEvent

    risk = get_object_or_404(
        Risk.objects.select_related("owner"), pk=pk, authority=authority_of(request)
    )
    history = AuditEvent.objects.filter(
        authority_id=risk.authority_id, object_type="governance.risk", object_id=str(risk.pk)
    ).order_by("-at", "-pk")[:100]
    return render(
        request,
        "governance/risk.html",
        _ctx(request, risk=risk, history=history, priorities=risk.priorities.all()),
    )


def _risk_initial(risk: Risk) -> dict[str, Any]:
    return {
        "version": version_of(risk.updated_at),
        "title": risk.title,
        "cause": risk.cause,
        "consequence": risk.consequence,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "trend": risk.trend,
        "owner": risk.owner_id,
        "mitigations": risk.mitigations,
        "review_date": risk.review_date,
        "status": risk.status,
        "priorities": list(risk.priorities.values_list("pk", flat=True)),
        "measure_ids": ", ".join(risk.measure_ids),
    }


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def risk_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = RiskForm(
        request.POST or None, authority_id=authority.pk, initial={"trend": Risk.Trend.STABLE}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            risk = services.risk_create(by=user_of(request), authority=authority, **data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Risk {risk.reference} was added.")
            return redirect("governance:risk", pk=risk.pk)
    return render(request, "governance/risk_form.html", _ctx(request, form=form, risk=None))


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    authority = authority_of(request)
    risk = get_object_or_404(Risk, pk=pk, authority=authority)
    form = RiskForm(
        request.POST or None, authority_id=authority.pk, editing=True, initial=_risk_initial(risk)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen = data.pop("version") or None
        try:
            services.risk_update(by=user_of(request), risk=risk, seen_version=seen, **data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Risk {risk.reference} was saved.")
            return redirect("governance:risk", pk=risk.pk)
    return render(request, "governance/risk_form.html", _ctx(request, form=form, risk=risk))
