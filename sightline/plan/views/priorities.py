"""Plan on a page and its priorities: detail, create, edit, workstreams."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import can_manage_plan, can_view_plan
from sightline.kernel.forms import form_add_service_errors
from sightline.plan import selectors, services
from sightline.plan.forms import PriorityForm, WorkstreamForm
from sightline.plan.models import Priority
from sightline.voice.selectors import impact_visible

from ._common import _ctx, _plan_from, _priority


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
        authority=authority_of(request), links=list(priority.measure_links.all()), since=since
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
            themes=selectors.theme_trends(priority=priority, window=theme_window),
            overdue=sum(a.is_overdue(today) for a in actions),
            voices=list(
                impact_visible(user_of(request))
                .filter(plan_priority=priority)
                .order_by("-given_on")
            ),
        ),
    )


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def priority_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    plan = selectors.plan_current(authority=authority)
    if plan is None:
        messages.error(request, "Import or create a plan first.")
        return redirect("plan:import")
    form = PriorityForm(request.POST or None, authority_id=authority.pk)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            priority = services.priority_create(by=user_of(request), plan=plan, **data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Priority {priority.number} was added.")
            return redirect("plan:priority", pk=priority.pk)
    return render(request, "plan/priority_form.html", _ctx(request, form=form, plan=plan))


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = _priority(request, pk)
    initial = {
        "version": version_of(priority.updated_at),
        "title": priority.title,
        "description": priority.description,
        "sro": priority.sro_id,
    }
    form = PriorityForm(
        request.POST or None,
        initial=initial,
        authority_id=priority.plan.authority_id,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.priority_update(
                by=user_of(request),
                priority=priority,
                seen_version=data["version"] or None,
                title=data["title"],
                description=data["description"],
                sro=data["sro"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Priority {priority.number} was saved.")
            return redirect("plan:priority", pk=priority.pk)
    return render(
        request,
        "plan/priority_form.html",
        _ctx(request, form=form, plan=priority.plan, priority=priority),
    )


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def workstream_create(request: HttpRequest, pk: int) -> HttpResponse:
    priority = _priority(request, pk)
    form = WorkstreamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.workstream_create(
            by=user_of(request), priority=priority, title=form.cleaned_data["title"]
        )
        messages.success(request, "The workstream was added.")
        return redirect("plan:priority", pk=priority.pk)
    return render(
        request,
        "plan/priority_form.html",
        _ctx(request, form=form, plan=priority.plan, priority=priority, workstream=True),
    )
