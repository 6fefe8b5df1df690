"""Plan on a page and its priorities: one priority, adding or editing one, workstreams."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_manage_plan, can_view_plan, disclosure_policy_for
from sightline.core.sections import page_sections
from sightline.kernel.form_pages import add_or_edit, form_page
from sightline.plan import selectors, services
from sightline.plan.forms import PriorityForm, WorkstreamForm
from sightline.plan.models import Priority

from ._common import _ctx, _edit_initial, _plan_from, _priority


@require(can_view_plan)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Plan on a page: each priority with how many actions are Blue, Complete, Green, Amber,
    Red, and overdue."""
    plan = _plan_from(request)
    page = selectors.plan_on_a_page(plan=plan, today=timezone.localdate()) if plan else None
    return render(
        request,
        "plan/index.html",
        _ctx(
            request,
            plan=plan,
            page=page,
            versions=selectors.plan_list(authority=authority_of(request)),
        ),
    )


@require(can_view_plan)
@require_GET
def priority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(
        Priority.objects.select_related("plan", "sro"), pk=pk, plan__authority=authority_of(request)
    )
    today = timezone.localdate()
    actions = list(
        priority.actions.select_related("sro", "lead_officer", "workstream").order_by("reference")
    )
    since = min((a.start_date for a in actions), default=priority.plan.starts_on)
    theme_window = selectors.theme_window(since=since, today=today)
    impact = selectors.impact_for(
        authority=authority_of(request),
        links=list(priority.measure_links.all()),
        since=since,
        policy=disclosure_policy_for(user_of(request)),
    )
    return render(
        request,
        "plan/priority.html",
        _ctx(
            request,
            priority=priority,
            actions=actions,
            today=today,
            impact=impact,
            impact_since=since,
            theme_window=theme_window,
            themes=selectors.theme_trends(
                priority=priority,
                window=theme_window,
                policy=disclosure_policy_for(user_of(request)),
            ),
            overdue=sum(a.is_overdue(today) for a in actions),
            sections=page_sections("plan.priority", request=request, obj=priority),
        ),
    )


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def priority_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a priority to the current plan, or (with ``pk``) edit one."""
    if pk is None:
        priority = None
        current = selectors.plan_current(authority=authority_of(request))
        if current is None:
            messages.error(request, "Import or create a plan first.")
            return redirect("plan:import")
        plan = current
    else:
        priority = _priority(request, pk)
        plan = priority.plan
    form = PriorityForm(
        request.POST or None,
        initial=_edit_initial(priority, "title", "description", "sro"),
        authority_id=plan.authority_id,
        editing=priority is not None,
    )
    user = user_of(request)
    return add_or_edit(
        request,
        form,
        "plan/priority_form.html",
        _ctx(request, plan=plan, priority=priority),
        create=partial(services.priority_create, by=user, plan=plan),
        update=None
        if priority is None
        else partial(services.priority_update, by=user, priority=priority),
        name=lambda saved: f"Priority {saved.number}",
        url_name="plan:priority",
    )


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def workstream_create(request: HttpRequest, pk: int) -> HttpResponse:
    priority = _priority(request, pk)
    form = WorkstreamForm(request.POST or None)
    return form_page(
        request,
        form,
        "plan/priority_form.html",
        _ctx(request, plan=priority.plan, priority=priority, workstream=True),
        save=lambda data: services.workstream_create(
            by=user_of(request), priority=priority, title=data["title"]
        ),
        success="The workstream was added.",
        redirect_to=reverse("plan:priority", args=[priority.pk]),
    )
