"""One audit: the overview of audits to do, an audit's page, the audit form (with its autosave)
and assigning it to an auditor."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.models import User
from sightline.audits import selectors, services
from sightline.audits.forms import AssignForm, AuditForm
from sightline.audits.models import Audit, RemedialAction
from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_complete_audit,
    can_raise_remedial_action,
    can_run_audit_programme,
    can_see_audit_cases,
    can_use_audits,
)
from sightline.kernel.forms import handle_form

from .common import answer_rows, area_rows, audit_for, form_page, log_access


@require_GET
@require(can_use_audits)
def home(request: HttpRequest) -> HttpResponse:
    """Everyone's starting point: their audits to do, the audits in their scope, and for the
    QA lead the programme's health (overdue audits and actions in red, median time to complete,
    moderation agreement)."""
    user = user_of(request)
    authority = authority_of(request)
    today = timezone.localdate()
    context: dict[str, Any] = {"today": today, "is_qa": can_run_audit_programme(user)}
    if can_see_audit_cases(user):
        todo = list(selectors.audits_to_do(user=user))
        visible = selectors.audits_visible(user=user).order_by("-created_at")
        status = request.GET.get("status", "")
        if status in Audit.Status.values:
            visible = visible.filter(status=status)
        page = Paginator(visible, 25).get_page(request.GET.get("page"))
        log_access(request, [*todo, *page.object_list], "audit lists")
        context.update(todo=todo, page=page, status=status, statuses=Audit.Status.choices)
    if context["is_qa"]:
        overdue_actions = selectors.actions_overdue(
            qs=selectors.actions_visible(user=user), today=today
        )
        context.update(
            overdue_audits=selectors.audits_overdue(authority=authority, today=today).count(),
            overdue_actions=list(overdue_actions[:20]),
            overdue_actions_count=overdue_actions.count(),
            median_minutes=selectors.median_completion_minutes(authority=authority),
            agreement=selectors.moderation_agreement(authority=authority),
            open_actions=RemedialAction.objects.filter(
                authority=authority, status=RemedialAction.Status.OPEN
            ).count(),
        )
    return render(request, "audits/home.html", context)


@require_GET
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_for(request, pk)
    log_access(request, [audit], "audit record")
    user = user_of(request)
    return render(
        request,
        "audits/audit_detail.html",
        {
            "audit": audit,
            "areas": area_rows(audit),
            "answers": answer_rows(audit),
            "actions": audit.actions.select_related("owner"),
            "moderation": getattr(audit, "moderation", None),
            "can_edit": can_complete_audit(user, audit),
            "can_raise": can_raise_remedial_action(user, audit),
            "can_assign": can_run_audit_programme(user) and audit.status != Audit.Status.COMPLETED,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def audit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page audit form. Save keeps it in progress; Complete checks every grade."""
    audit = audit_for(request, pk)
    user = user_of(request)
    ensure(can_complete_audit(user, audit))
    log_access(request, [audit], "audit form")
    if request.method == "POST":
        form = AuditForm(request.POST, audit=audit)
    else:
        audit.refresh_from_db()
        form = AuditForm(
            initial=AuditForm.initial_for(audit, version_of(audit.updated_at)), audit=audit
        )
    completing = "complete" in request.POST

    def save(data: dict[str, Any]) -> Audit:
        seen = data["version"] or None
        if completing:
            return services.audit_complete(
                by=user, audit=audit, data=form.to_input(), seen_version=seen
            )
        return services.audit_save(by=user, audit=audit, data=form.to_input(), seen_version=seen)

    response = handle_form(
        request,
        form,
        save=save,
        success="Audit completed. Raise any actions it needs."
        if completing
        else "Audit saved. You can come back to it at any time.",
        redirect_to=reverse(
            "audits:audit_detail" if completing else "audits:audit_edit", args=[audit.pk]
        ),
    )
    if response:
        return response
    return render(request, "audits/audit_form.html", {"audit": audit, "form": form})


@require_POST
def audit_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Autosave (posted by audit-autosave.js): saves the form as it stands, returns the new
    version so the next save is checked against it."""
    audit = audit_for(request, pk)
    user = user_of(request)
    ensure(can_complete_audit(user, audit))
    form = AuditForm(request.POST, audit=audit)
    if not form.is_valid():
        return JsonResponse({"saved": False, "error": "The form could not be read."}, status=400)
    try:
        saved = services.audit_save(
            by=user,
            audit=audit,
            data=form.to_input(),
            seen_version=form.cleaned_data["version"] or None,
            autosave=True,
        )
    except ValidationError as exc:
        return JsonResponse({"saved": False, "error": " ".join(exc.messages)}, status=409)
    return JsonResponse(
        {
            "saved": True,
            "version": version_of(saved.updated_at),
            "at": timezone.localtime(saved.autosaved_at).strftime("%H:%M:%S"),
        }
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def audit_assign(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_for(request, pk)
    people = selectors.assignable_auditors(audit=audit)
    form = AssignForm(
        request.POST or None,
        people=people,
        initial={"auditor": audit.auditor_id, "due_date": audit.due_date},
    )

    def save(data: dict[str, Any]) -> Audit:
        auditor = User.objects.get(pk=data["auditor"])
        return services.audit_assign(
            by=user_of(request), audit=audit, auditor=auditor, due_date=data["due_date"]
        )

    response = handle_form(
        request,
        form,
        save=save,
        success=lambda assigned: f"Audit assigned to {assigned.auditor.display_name}.",
        redirect_to=reverse("audits:programme_detail", args=[audit.programme_id])
        if audit.programme_id
        else reverse("audits:audit_detail", args=[audit.pk]),
    )
    if response:
        return response
    log_access(request, [audit], "assign audit")
    return form_page(
        request,
        form,
        title=f"Assign the audit of child {audit.child_id}",
        caption=audit.team.name,
        back="audits:programmes",
        submit="Assign",
    )
