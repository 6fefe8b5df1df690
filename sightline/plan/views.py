"""Improvement plan pages: plan on a page, actions, priorities, progress, evidence, import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_manage_plan,
    can_update_action,
    can_view_evidence,
    can_view_plan,
)
from sightline.kernel.forms import form_add_service_errors
from sightline.voice.selectors import impact_visible

from . import selectors, services
from .evidence import evidence_path
from .forms import (
    ActionForm,
    MeasureLinkForm,
    PlanImportForm,
    PriorityForm,
    ProgressForm,
    RevisionForm,
    ThemesForm,
    WorkstreamForm,
)
from .imports import FIELDS, PlanImportError, plan_import
from .models import Action, Brag, Evidence, MeasureLink, Plan, Priority


def _plan_from(request: HttpRequest) -> Plan | None:
    authority = authority_of(request)
    version = request.GET.get("version", "")
    if version.isdigit():
        return get_object_or_404(Plan, authority=authority, version=int(version))
    return selectors.plan_current(authority=authority)


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    return {"can_manage": can_manage_plan(user), **extra}


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


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


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
            ),
        ),
    )


def _action_for_update(request: HttpRequest, pk: int) -> Action:
    action = get_object_or_404(
        Action.objects.select_related("priority", "priority__plan"),
        pk=pk,
        authority=authority_of(request),
    )
    ensure(can_update_action(user_of(request), action))
    return action


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(
        Priority.objects.select_related("plan"), pk=pk, plan__authority=authority_of(request)
    )
    form = ActionForm(request.POST or None, priority=priority)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            action = services.action_create(by=user_of(request), priority=priority, **data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Action {action.reference} was added.")
            return redirect("plan:action", pk=action.pk)
    return render(
        request,
        "plan/action_form.html",
        _ctx(request, form=form, priority=priority, action=None),
    )


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    initial = {
        "version": version_of(action.updated_at),
        "description": action.description,
        "workstream": action.workstream_id,
        "sro": action.sro_id,
        "lead_officer": action.lead_officer_id,
        "start_date": action.start_date,
    }
    form = ActionForm(request.POST or None, initial=initial, priority=action.priority, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_update(
                by=user_of(request),
                action=action,
                seen_version=data["version"] or None,
                description=data["description"],
                sro=data["sro"],
                lead_officer=data["lead_officer"],
                start_date=data["start_date"],
                workstream=data["workstream"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Action {action.reference} was saved.")
            return redirect("plan:action", pk=action.pk)
    return render(
        request,
        "plan/action_form.html",
        _ctx(request, form=form, priority=action.priority, action=action),
    )


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_revise(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    form = RevisionForm(request.POST or None, initial={"version": version_of(action.updated_at)})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_revise_due(
                by=user_of(request),
                action=action,
                seen_version=form.cleaned_data["version"] or None,
                new_due=form.cleaned_data["new_due"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The due date was changed and the reason kept.")
            return redirect("plan:action", pk=action.pk)
    return render(request, "plan/revise.html", _ctx(request, form=form, action=action))


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    initial = {
        "version": version_of(action.updated_at),
        "status": action.status,
        "percent_complete": action.percent_complete,
    }
    form = ProgressForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_update_add(
                by=user_of(request),
                action=action,
                seen_version=data["version"] or None,
                on=data["on"],
                status=data["status"],
                percent_complete=data["percent_complete"],
                commentary=data["commentary"],
                rating_reason=data["rating_reason"],
                files=data["evidence_files"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Your progress update was saved.")
            return redirect("plan:action", pk=action.pk)
    return render(request, "plan/progress.html", _ctx(request, form=form, action=action))


@require(can_view_plan)
@require_http_methods(["GET", "POST"])
def action_measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_update(request, pk)
    return _measure_add(request, action=action, priority=None)


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
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_themes_set(
                by=user_of(request), priority=priority, themes=list(form.cleaned_data["themes"])
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The audit themes were saved.")
            return redirect("plan:priority", pk=priority.pk)
    return render(request, "plan/themes_form.html", _ctx(request, form=form, priority=priority))


@require(can_manage_plan)
@require_http_methods(["GET", "POST"])
def priority_measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(Priority, pk=pk, plan__authority=authority_of(request))
    return _measure_add(request, action=None, priority=priority)


def _measure_add(
    request: HttpRequest, *, action: Action | None, priority: Priority | None
) -> HttpResponse:
    form = MeasureLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_link_add(
                by=user_of(request), action=action, priority=priority, **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The measure was linked.")
            if action is not None:
                return redirect("plan:action", pk=action.pk)
            assert priority is not None  # noqa: S101
            return redirect("plan:priority", pk=priority.pk)
    return render(
        request,
        "plan/measure_form.html",
        _ctx(request, form=form, action=action, priority=priority),
    )


@require(can_view_evidence)
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence is always a download with the type we chose, never rendered in the browser."""
    evidence = get_object_or_404(Evidence, pk=pk, action__authority=authority_of(request))
    path = evidence_path(evidence.stored_file)
    if path is None:
        raise Http404("The file is no longer available.")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=evidence.original_name)
    response["Content-Type"] = evidence.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


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


def _priority(request: HttpRequest, pk: int) -> Priority:
    return get_object_or_404(
        Priority.objects.select_related("plan"), pk=pk, plan__authority=authority_of(request)
    )


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
    if link.action is not None:
        return redirect("plan:action", pk=link.action.pk)
    assert link.priority is not None  # noqa: S101
    return redirect("plan:priority", pk=link.priority.pk)
