"""Case-file audit pages: thin views over selectors and services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.models import User
from sightline.auditlog.services import access_record
from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_close_remedial_action,
    can_complete_audit,
    can_raise_remedial_action,
    can_run_audit_programme,
    can_see_audit_cases,
    can_use_audits,
    can_view_audit,
    must_suppress_audit_figures,
)
from sightline.kernel.forms import form_add_service_errors
from sightline.organisation.models import Authority

from . import exports, selectors, services
from .forms import (
    ActionForm,
    AssignEvenlyForm,
    AssignForm,
    AuditForm,
    CloseActionForm,
    FrameworkReviseForm,
    ModerationForm,
    ProgrammeForm,
    SummaryForm,
)
from .models import Audit, Framework, Moderation, Programme, RemedialAction


def _log(request: HttpRequest, audits: list[Audit], purpose: str) -> None:
    if audits:
        access_record(
            user=user_of(request),
            path=request.get_full_path(),
            subject_type="child",
            subject_ids=[a.child_id for a in audits],
            purpose=purpose,
        )


def _audit_for(request: HttpRequest, pk: int) -> Audit:
    audit = get_object_or_404(
        Audit.objects.select_related("team__locality", "auditor", "framework", "programme"),
        pk=pk,
        authority_id=user_of(request).authority_id,
    )
    ensure(can_view_audit(user_of(request), audit))
    return audit


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
        _log(request, [*todo, *page.object_list], "audit lists")
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
    audit = _audit_for(request, pk)
    _log(request, [audit], "audit record")
    user = user_of(request)
    return render(
        request,
        "audits/audit_detail.html",
        {
            "audit": audit,
            "areas": _area_rows(audit),
            "answers": _answer_rows(audit),
            "actions": audit.actions.select_related("owner"),
            "moderation": getattr(audit, "moderation", None),
            "can_edit": can_complete_audit(user, audit),
            "can_raise": can_raise_remedial_action(user, audit),
            "can_assign": can_run_audit_programme(user) and audit.status != Audit.Status.COMPLETED,
            "today": timezone.localdate(),
        },
    )


def _area_rows(audit: Audit) -> list[dict[str, str]]:
    from .models import Grade

    labels = dict(Grade.choices)
    return [
        {
            "title": a["title"],
            "grade": labels.get(audit.area_grades.get(a["key"], ""), "Not graded"),
        }
        for a in audit.framework.areas
    ]


def _answer_rows(audit: Audit) -> list[dict[str, str]]:
    from .models import Answer

    labels = dict(Answer.choices)
    rows = []
    for q in audit.framework.questions:
        answer = audit.answers.get(q["key"], {})
        rows.append(
            {
                "text": q["text"],
                "answer": labels.get(answer.get("answer", ""), "Not answered"),
                "comment": answer.get("comment", ""),
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
def audit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page audit form. Save keeps it in progress; Complete checks every grade."""
    audit = _audit_for(request, pk)
    user = user_of(request)
    ensure(can_complete_audit(user, audit))
    _log(request, [audit], "audit form")
    if request.method == "POST":
        form = AuditForm(request.POST, audit=audit)
        if form.is_valid():
            completing = "complete" in request.POST
            try:
                if completing:
                    services.audit_complete(
                        by=user,
                        audit=audit,
                        data=form.to_input(),
                        seen_version=form.cleaned_data["version"] or None,
                    )
                else:
                    services.audit_save(
                        by=user,
                        audit=audit,
                        data=form.to_input(),
                        seen_version=form.cleaned_data["version"] or None,
                    )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                if completing:
                    messages.success(request, "Audit completed. Raise any actions it needs.")
                    return redirect("audits:audit_detail", pk=audit.pk)
                messages.success(request, "Audit saved. You can come back to it at any time.")
                return redirect("audits:audit_edit", pk=audit.pk)
    else:
        audit.refresh_from_db()
        form = AuditForm(
            initial=AuditForm.initial_for(audit, version_of(audit.updated_at)), audit=audit
        )
    return render(request, "audits/audit_form.html", {"audit": audit, "form": form})


@require_POST
def audit_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Autosave (posted by audit-autosave.js): saves the form as it stands, returns the new
    version so the next save is checked against it."""
    audit = _audit_for(request, pk)
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


@require_GET
def audit_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit_for(request, pk)
    _log(request, [audit], "audit PDF")
    pdf = exports.audit_pdf(audit=audit, areas=_area_rows(audit), answers=_answer_rows(audit))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="audit-{audit.pk}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def audit_assign(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit_for(request, pk)
    people = selectors.assignable_auditors(audit=audit)
    form = AssignForm(
        request.POST or None,
        people=people,
        initial={"auditor": audit.auditor_id, "due_date": audit.due_date},
    )
    if request.method == "POST" and form.is_valid():
        auditor = User.objects.get(pk=form.cleaned_data["auditor"])
        try:
            services.audit_assign(
                by=user_of(request),
                audit=audit,
                auditor=auditor,
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Audit assigned to {auditor.display_name}.")
            if audit.programme_id:
                return redirect("audits:programme_detail", pk=audit.programme_id)
            return redirect("audits:audit_detail", pk=audit.pk)
    _log(request, [audit], "assign audit")
    return render(
        request,
        "audits/form.html",
        {
            "form": form,
            "title": f"Assign the audit of child {audit.child_id}",
            "caption": audit.team.name,
            "back": "audits:programmes",
            "submit": "Assign",
        },
    )


@require_http_methods(["GET", "POST"])
def action_raise(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit_for(request, pk)
    user = user_of(request)
    ensure(can_raise_remedial_action(user, audit))
    form = ActionForm(request.POST or None, authority=authority_of(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remedial_action_raise(by=user, audit=audit, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Action raised. Its owner sees it on their home page.")
            return redirect("audits:audit_detail", pk=audit.pk)
    return render(
        request,
        "audits/form.html",
        {
            "form": form,
            "title": "Raise a remedial action",
            "caption": f"Audit {audit.pk}",
            "submit": "Raise action",
        },
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
    if request.method == "POST" and form.is_valid():
        try:
            services.remedial_action_close(
                by=user, action=action, evidence=form.cleaned_data["evidence"]
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Action closed with its evidence.")
            return redirect("audits:actions")
    return render(
        request,
        "audits/form.html",
        {
            "form": form,
            "title": "Close an action",
            "caption": action.audit.team.name,
            "lead": action.description,
            "submit": "Close action",
            "back": "audits:actions",
        },
    )


# --- Programmes -----------------------------------------------------------------------------


@require_GET
@require(can_run_audit_programme)
def programmes(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    rows = (
        Programme.objects.filter(authority=authority)
        .select_related("framework")
        .annotate(
            audits_total=Count("audits"),
            audits_done=Count("audits", filter=Q(audits__status=Audit.Status.COMPLETED)),
            unassigned=Count("audits", filter=Q(audits__auditor__isnull=True)),
        )
    )
    return render(request, "audits/programmes.html", {"programmes": rows})


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def programme_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = ProgrammeForm(request.POST or None, authority=authority)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["source"] == "measure":
                candidates = selectors.candidates_from_measure(
                    authority=authority,
                    measure_id=data["measure"],
                    month=data["measure_month"],
                    part=data["measure_part"] or "numerator",
                )
            else:
                candidates = services.candidates_parse(authority=authority, text=data["candidates"])
            programme = services.programme_create(
                by=user_of(request),
                authority=authority,
                month=data["month"],
                framework=data["framework"],
                cases_per_team=data["cases_per_team"],
                due_date=data["due_date"],
                candidates=candidates,
                moderation_percent=data["moderation_percent"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Programme set up. Now assign an auditor to each case.")
            return redirect("audits:programme_detail", pk=programme.pk)
    return render(
        request,
        "audits/form.html",
        {
            "form": form,
            "title": "Set up a monthly audit programme",
            "caption": "Case-file audits",
            "submit": "Pick the cases",
            "back": "audits:programmes",
        },
    )


def _auditor_pool(authority: Authority) -> list[User]:
    return list(
        User.objects.filter(
            authority=authority, is_active=True, role__in=services.AUDITOR_ROLES
        ).order_by("last_name", "first_name")
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    authority = authority_of(request)
    programme = get_object_or_404(Programme, pk=pk, authority=authority)
    form = AssignEvenlyForm(request.POST or None, people=_auditor_pool(authority))
    if request.method == "POST" and form.is_valid():
        chosen = list(User.objects.filter(pk__in=form.cleaned_data["auditors"]).order_by("pk"))
        try:
            count = services.programme_assign_evenly(
                by=user_of(request), programme=programme, auditors=chosen
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"{count} case{'s' if count != 1 else ''} assigned.")
            return redirect("audits:programme_detail", pk=programme.pk)
    audits = list(programme.audits.select_related("team", "auditor").order_by("team__name", "pk"))
    _log(request, audits, "audit programme")
    return render(
        request,
        "audits/programme_detail.html",
        {
            "programme": programme,
            "audits": audits,
            "form": form,
            "unassigned": sum(1 for a in audits if a.auditor_id is None),
            "today": timezone.localdate(),
        },
    )


# --- Moderation -----------------------------------------------------------------------------


@require_GET
@require(can_run_audit_programme)
def moderation(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    queue = list(selectors.moderation_queue(authority=authority))
    _log(request, [m.audit for m in queue], "moderation queue")
    recent = (
        Moderation.objects.filter(audit__authority=authority, completed_at__isnull=False)
        .select_related("audit__team", "moderator")
        .order_by("-completed_at")[:15]
    )
    return render(
        request,
        "audits/moderation.html",
        {
            "queue": queue,
            "recent": recent,
            "agreement": selectors.moderation_agreement(authority=authority),
        },
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Moderation.objects.select_related("audit__team", "audit__framework", "audit__auditor"),
        pk=pk,
        audit__authority=authority_of(request),
    )
    audit = item.audit
    _log(request, [audit], "moderation")
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.moderation_record(
                by=user_of(request),
                moderation=item,
                agreed=data["decision"] == "agree",
                grade=data["grade"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Moderation recorded. Both grades are kept.")
            return redirect("audits:moderation")
    return render(
        request,
        "audits/moderate.html",
        {
            "item": item,
            "audit": audit,
            "form": form,
            "areas": _area_rows(audit),
            "answers": _answer_rows(audit),
        },
    )


# --- Analytics, themes, learning, frameworks, exports ---------------------------------------


@require_GET
@require(can_use_audits)
def analytics(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    user = user_of(request)
    suppress = must_suppress_audit_figures(user)
    by = request.GET.get("by", "month")
    if by not in {"month", "team", "locality"}:
        by = "month"
    period, framework = _period_and_framework(request, authority)
    groups, areas = selectors.area_grades(authority=authority, period=period)
    rows = selectors.grade_distribution(
        authority=authority, by=by, suppress=suppress, framework_key=framework.key, period=period
    )
    return render(
        request,
        "audits/analytics.html",
        {
            "by": by,
            "by_choices": [("month", "Month"), ("team", "Team"), ("locality", "Locality")],
            "period": period,
            "framework": framework,
            "frameworks": Framework.objects.filter(authority=authority, is_current=True),
            "query": request.GET.urlencode(),
            "rows": rows,
            "chart_svg": _good_share_chart(rows) if by == "month" else "",
            "practitioners": selectors.practitioner_grades(user=user),
            "suppress": suppress,
            "consistency": []
            if suppress
            else selectors.team_consistency(authority=authority, period=period),
            "area_groups": groups,
            "area_rows": areas,
            "weakest": selectors.weakest_area(areas),
            "target_good": int(selectors.TARGET_GOOD_MIN * 100),
            "target_inadequate": int(selectors.TARGET_INADEQUATE_MAX * 100),
            "agreement": selectors.moderation_agreement(authority=authority),
        },
    )


def _month(text: str) -> date | None:
    try:
        year, month = (int(part) for part in text.split("-")[:2])
        return date(year, month, 1)
    except ValueError:
        return None


def _period_and_framework(
    request: HttpRequest, authority: Authority
) -> tuple[selectors.Period, Framework]:
    """The months and framework chosen on the page (bad values fall back to all months and
    Practice Fundamentals)."""
    period = selectors.Period(
        _month(request.GET.get("from", "")), _month(request.GET.get("to", ""))
    )
    key = request.GET.get("framework") or "practice-fundamentals"
    framework = (
        Framework.objects.filter(authority=authority, key=key, is_current=True).first()
        or Framework.objects.filter(
            authority=authority, key="practice-fundamentals", is_current=True
        ).first()
    )
    if framework is None:
        services.frameworks_install_defaults(authority=authority, by=None)
        framework = Framework.objects.get(
            authority=authority, key="practice-fundamentals", is_current=True
        )
    return period, framework


def _good_share_chart(rows: list[selectors.GradeRow]) -> str:
    """The monthly share good or better as an SPC (XmR) chart with the target, drawn by the
    performance module's chart code when that module is installed."""
    from django.apps import apps

    series = [(r.label, r.good.percent) for r in rows if r.good.percent is not None]
    if len(series) < 2 or not apps.is_installed("sightline.performance"):
        return ""
    from csc_measures.spc import xmr_compute
    from sightline.performance.charts import spc_svg

    target = selectors.TARGET_GOOD_MIN * 100
    return spc_svg(xmr_compute(series, direction="up", target=target), target=target)


@require_GET
@require(can_use_audits)
def themes(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    user = user_of(request)
    by = "month" if request.GET.get("by") == "month" else "team"
    table = selectors.theme_frequency(authority=authority, by=by, user=user)
    suppress = must_suppress_audit_figures(user)
    rows = [
        (
            theme,
            [None if suppress and 1 <= c <= 4 else c for c in cells],
            None if suppress and 1 <= total <= 4 else total,
        )
        for theme, cells, total in table.rows
    ]
    return render(
        request,
        "audits/themes.html",
        {
            "by": by,
            "columns": table.columns,
            "rows": rows,
            "suppress": suppress,
        },
    )


@require_GET
@require(can_use_audits)
def learning(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "audits/learning.html",
        {
            "summaries": selectors.learning_summaries(authority=authority_of(request)),
            "can_publish": can_run_audit_programme(user_of(request)),
        },
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def learning_publish(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = SummaryForm(request.POST or None, initial={"month": f"{today:%Y-%m}"})
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_summary_publish(
                by=user_of(request),
                authority=authority_of(request),
                month=form.cleaned_data["month"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Learning summary published. Team managers can read it.")
            return redirect("audits:learning")
    return render(
        request,
        "audits/form.html",
        {
            "form": form,
            "title": "Publish a learning summary",
            "caption": "Case-file audits",
            "submit": "Publish",
            "back": "audits:learning",
        },
    )


@require_GET
@require(can_use_audits)
def frameworks(request: HttpRequest) -> HttpResponse:
    rows = Framework.objects.filter(authority=authority_of(request)).annotate(used=Count("audits"))
    return render(request, "audits/frameworks.html", {"frameworks": rows})


@require_GET
@require(can_use_audits)
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(Framework, pk=pk, authority=authority_of(request))
    return render(
        request,
        "audits/framework_detail.html",
        {
            "framework": framework,
            "can_edit": can_run_audit_programme(user_of(request)) and framework.is_current,
        },
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def framework_revise(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(Framework, pk=pk, authority=authority_of(request))
    form = FrameworkReviseForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid():
        try:
            revised = services.framework_revise(
                by=user_of(request),
                framework=framework,
                title=form.cleaned_data["title"],
                definition=form.definition(),
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Saved as version {revised.version}. Audits already "
                "done keep the version they used.",
            )
            return redirect("audits:framework_detail", pk=revised.pk)
    return render(
        request,
        "audits/form.html",
        {
            "form": form,
            "title": f"Edit {framework.title}",
            "caption": f"Saving makes version {framework.version + 1}",
            "submit": "Save new version",
            "back": "audits:frameworks",
        },
    )


@require_GET
@require(can_use_audits)
def export_summary(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    suppress = must_suppress_audit_figures(user_of(request))
    period, framework = _period_and_framework(request, authority)
    content = exports.summary_xlsx(
        authority=authority,
        suppress=suppress,
        today=timezone.localdate(),
        period=period,
        framework=framework,
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="audit-summary.xlsx"'
    return response
