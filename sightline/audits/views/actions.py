"""Remedial actions: raising one from an audit, the list, closing one with its evidence."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.audits import selectors, services
from sightline.audits.forms import ActionForm, CloseActionForm
from sightline.audits.models import RemedialAction
from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import (
    can_close_remedial_action,
    can_raise_remedial_action,
    can_use_audits,
)
from sightline.kernel.forms import handle_form

from .common import audit_for, form_page


@require_http_methods(["GET", "POST"])
def action_raise(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_for(request, pk)
    user = user_of(request)
    ensure(can_raise_remedial_action(user, audit))
    form = ActionForm(request.POST or None, authority=authority_of(request))
    response = handle_form(
        request,
        form,
        save=lambda data: services.remedial_action_raise(by=user, audit=audit, **data),
        success="Action raised. Its owner sees it on their home page.",
        redirect_to=reverse("audits:audit_detail", args=[audit.pk]),
    )
    return response or form_page(
        request,
        form,
        title="Raise a remedial action",
        caption=f"Audit {audit.pk}",
        submit="Raise action",
    )


@require_GET
@require(can_use_audits)
def actions(request: HttpRequest) -> HttpResponse:
    """Remedial actions the person owns or oversees, overdue ones first and in red."""
    user = user_of(request)
    qs = selectors.actions_visible(user=user)
    show = request.GET.get("show", "open")
    today = timezone.localdate()
    if show == "overdue":
        qs = selectors.actions_overdue(qs=qs, today=today)
    elif show == "closed":
        qs = qs.filter(status=RemedialAction.Status.CLOSED)
    elif show != "all":
        show = "open"
        qs = qs.filter(status=RemedialAction.Status.OPEN)
    page = Paginator(qs.order_by("status", "due_date", "pk"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "audits/actions.html",
        {
            "page": page,
            "show": show,
            "today": today,
            "escalated": selectors.actions_escalated_to(user=user, today=today).count(),
        },
    )


@require_http_methods(["GET", "POST"])
@require(can_use_audits)
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        RemedialAction.objects.select_related("audit__team", "owner"),
        pk=pk,
        authority_id=user_of(request).authority_id,
    )
    user = user_of(request)
    ensure(can_close_remedial_action(user, action))
    form = CloseActionForm(request.POST or None)
    response = handle_form(
        request,
        form,
        save=lambda data: services.remedial_action_close(
            by=user, action=action, evidence=data["evidence"]
        ),
        success="Action closed with its evidence.",
        redirect_to="audits:actions",
    )
    return response or form_page(
        request,
        form,
        title="Close an action",
        caption=action.audit.team.name,
        lead=action.description,
        submit="Close action",
        back="audits:actions",
    )
