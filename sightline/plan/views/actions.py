"""Plan actions: the list, my actions, one action, create and edit."""

from __future__ import annotations

from functools import partial

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import (
    can_manage_plan,
    can_update_action,
    can_view_evidence,
    can_view_plan,
    disclosure_policy_for,
)
from sightline.kernel.form_pages import add_or_edit
from sightline.plan import selectors, services
from sightline.plan.forms import ActionForm
from sightline.plan.models import Action, Brag, Plan, Priority

from ._common import _action_for_update, _ctx, _edit_initial, _int, _plan_from, _priority


@require(can_view_plan)
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    plan = _plan_from(request)
    owner = _int(request.GET.get("owner"))
    priority = _int(request.GET.get("priority"))
    status = request.GET.get("status") or None
    overdue = request.GET.get("overdue") == "1"
    today = timezone.localdate()
    actions = (
        selectors.action_list(
            authority=authority,
            plan=plan,
            today=today,
            owner=owner,
            priority=priority,
            status=status,
            overdue=overdue,
        )
        if plan
        else Action.objects.none()
    )
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "plan/actions.html",
        _ctx(
            request,
            plan=plan,
            page=page,
            today=today,
            owners=selectors.action_owners(authority=authority),
            priorities=plan.priorities.all() if plan else [],
            statuses=Brag.choices,
            chosen={
                "owner": owner,
                "priority": priority,
                "status": status,
                "overdue": overdue,
            },
        ),
    )


@require(can_view_plan)
@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    today = timezone.localdate()
    overdue, soon = selectors.actions_needing_attention(user=user, today=today)
    return render(
        request,
        "plan/my_actions.html",
        _ctx(
            request,
            actions=list(
                selectors.actions_of(user=user).filter(priority__plan__status=Plan.Status.ACTIVE)
            ),
            overdue=overdue,
            soon=soon,
            today=today,
        ),
    )


@require(can_view_plan)
@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    try:
        action = selectors.action_get(authority=authority_of(request), pk=pk)
    except Action.DoesNotExist:
        raise Http404("No such action.") from None
    return render(
        request,
        "plan/action.html",
        _ctx(
            request,
            action=action,
            today=timezone.localdate(),
            can_update=can_update_action(user, action),
            can_evidence=can_view_evidence(user),
            updates=action.updates.select_related("by").prefetch_related("evidence"),
            revisions=action.revisions.select_related("by"),
            evidence=action.evidence.select_related("uploaded_by"),
            history=selectors.action_history(action=action)[:200],
            impact=selectors.impact_for(
                authority=authority_of(request),
                links=list(action.measure_links.all()),
                since=action.start_date,
                policy=disclosure_policy_for(user),
            ),
        ),
    )


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an action to the priority ``pk``."""
    return _action_form(request, priority=_priority(request, pk), action=None)


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    return _action_form(request, priority=action.priority, action=action)


def _action_form(
    request: HttpRequest, *, priority: Priority, action: Action | None
) -> HttpResponse:
    """Add an action (``action`` None) or edit its description, owners and start date."""
    form = ActionForm(
        request.POST or None,
        initial=_edit_initial(
            action, "description", "workstream", "sro", "lead_officer", "start_date"
        ),
        priority=priority,
        editing=action is not None,
    )
    user = user_of(request)
    return add_or_edit(
        request,
        form,
        "plan/action_form.html",
        _ctx(request, priority=priority, action=action),
        create=partial(services.action_create, by=user, priority=priority),
        update=None if action is None else partial(services.action_update, by=user, action=action),
        name=lambda saved: f"Action {saved.reference}",
        url_name="plan:action",
    )
