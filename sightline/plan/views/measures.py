"""What a priority or action should move: linked measures and audit themes."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import can_manage_plan, can_update_action, can_view_plan
from sightline.kernel.form_pages import form_page
from sightline.plan import services
from sightline.plan.forms import MeasureLinkForm, ThemesForm
from sightline.plan.models import Action, MeasureLink, Priority

from ._common import _action_for_update, _ctx


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def priority_themes(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a priority to the audit learning themes it should reduce."""
    priority = get_object_or_404(Priority, pk=pk, plan__authority=authority_of(request))
    form = ThemesForm(
        request.POST or None,
        authority_id=priority.plan.authority_id,
        initial={"themes": list(priority.audit_themes.all())},
    )
    return form_page(
        request,
        form,
        "plan/themes_form.html",
        _ctx(request, priority=priority),
        save=lambda data: services.priority_themes_set(
            by=user_of(request), priority=priority, themes=list(data["themes"])
        ),
        success="The audit themes were saved.",
        redirect_to=reverse("plan:priority", args=[priority.pk]),
    )


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    return _measure_add(request, action=action, priority=None)


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def priority_measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(Priority, pk=pk, plan__authority=authority_of(request))
    return _measure_add(request, action=None, priority=priority)


def _measure_add(
    request: HttpRequest, *, action: Action | None, priority: Priority | None
) -> HttpResponse:
    form = MeasureLinkForm(request.POST or None)
    return form_page(
        request,
        form,
        "plan/measure_form.html",
        _ctx(request, action=action, priority=priority),
        save=lambda data: services.measure_link_add(
            by=user_of(request), action=action, priority=priority, **data
        ),
        success="The measure was linked.",
        redirect_to=_page_of(action=action, priority=priority),
    )


@require(can_view_plan)
@require_POST
def measure_link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a measure link: the director, or (for an action's link) who may update it."""
    authority = authority_of(request)
    link = get_object_or_404(
        MeasureLink.objects.select_related("priority__plan", "action"),
        Q(priority__plan__authority=authority) | Q(action__authority=authority),
        pk=pk,
    )
    user = user_of(request)
    if link.action is not None:
        ensure(can_update_action(user, link.action))
    else:
        ensure(can_manage_plan(user))
    services.measure_link_remove(by=user, link=link)
    messages.success(request, f"{link.measure_id} is no longer linked.")
    return redirect(_page_of(action=link.action, priority=link.priority))


def _page_of(*, action: Action | None, priority: Priority | None) -> str:
    """The page of the action, else of the priority, a measure is linked to."""
    if action is not None:
        return reverse("plan:action", args=[action.pk])
    assert priority is not None  # noqa: S101
    return reverse("plan:priority", args=[priority.pk])
