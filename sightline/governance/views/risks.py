"""The risk register: list and heat map, one risk, adding or editing one."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.auditlog.models import AuditEvent
from sightline.core.access import authority_of, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import can_manage_governance, can_view_governance
from sightline.governance import selectors, services
from sightline.governance.forms import RiskForm
from sightline.governance.models import Risk
from sightline.kernel.form_pages import add_or_edit

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
def risk_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a risk, or (with ``pk``) edit one."""
    authority = authority_of(request)
    risk = None if pk is None else get_object_or_404(Risk, pk=pk, authority=authority)
    form = RiskForm(
        request.POST or None,
        authority_id=authority.pk,
        editing=risk is not None,
        initial={"trend": Risk.Trend.STABLE} if risk is None else _risk_initial(risk),
    )
    user = user_of(request)
    return add_or_edit(
        request,
        form,
        "governance/risk_form.html",
        _ctx(request, risk=risk),
        create=partial(services.risk_create, by=user, authority=authority),
        update=None if risk is None else partial(services.risk_update, by=user, risk=risk),
        name=lambda saved: f"Risk {saved.reference}",
        url_name="governance:risk",
    )
