"""Governance pages: boards, meetings and packs, meeting actions, risks, inspections."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_manage_governance,
    can_update_meeting_action,
    can_view_governance,
)
from sightline.kernel.forms import form_add_service_errors
from sightline.kernel.pdf import html_to_pdf
from sightline.organisation.models import Authority
from sightline.plan.models import Action, Priority

from . import selectors, services
from .forms import (
    AgendaItemForm,
    BoardForm,
    BoardMemberForm,
    CloseForm,
    DecisionForm,
    InspectionForm,
    InterventionForm,
    MeetingActionForm,
    MeetingForm,
    MinutesForm,
    RecommendationForm,
    RecommendationProgressForm,
    RiskForm,
)
from .models import Board, Framework, Inspection, Meeting, MeetingAction, Recommendation, Risk


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"can_manage": can_manage_governance(user_of(request)), **extra}


@require(can_view_governance)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    today = timezone.localdate()
    meetings = selectors.meetings_for(authority=authority)
    return render(
        request,
        "governance/index.html",
        _ctx(
            request,
            boards=selectors.boards_for(authority=authority),
            next_meetings=meetings.filter(date__gte=today).order_by("date")[:3],
            last_meetings=meetings.filter(date__lt=today)[:3],
            overdue=selectors.meeting_actions_for(authority=authority, overdue_on=today).count(),
            open_actions=selectors.meeting_actions_for(authority=authority, open_only=True).count(),
            risks=sorted(
                selectors.risks_for(authority=authority), key=lambda r: (-r.score, r.reference)
            )[:5],
            inspection=selectors.inspections_for(authority=authority).first(),
            intervention=selectors.intervention_now(authority=authority),
        ),
    )


@require(can_view_governance)
@require_GET
def board_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/boards.html",
        _ctx(request, boards=selectors.boards_for(authority=authority_of(request))),
    )


@require(can_view_governance)
@require_GET
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board, pk=pk, authority=authority_of(request))
    return render(
        request,
        "governance/board.html",
        _ctx(
            request,
            board=board,
            members=board.members.select_related("user"),
            meetings=board.meetings.all(),
            today=timezone.localdate(),
        ),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board, pk=pk, authority=authority_of(request))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(by=user_of(request), board=board, **form.cleaned_data)
        messages.success(request, "The meeting was added. Now add its agenda.")
        return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "governance/meeting_form.html", _ctx(request, form=form, board=board))


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    try:
        return selectors.meeting_get(authority=authority_of(request), pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None


@require(can_view_governance)
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/meetings.html",
        _ctx(request, meetings=selectors.meetings_for(authority=authority_of(request))),
    )


@require(can_view_governance)
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    user = user_of(request)
    actions = list(meeting.actions.select_related("owner"))
    return render(
        request,
        "governance/meeting.html",
        _ctx(
            request,
            meeting=meeting,
            items=meeting.items.prefetch_related("priorities"),
            decisions=meeting.decisions.select_related("item"),
            actions=[(a, can_update_meeting_action(user, a)) for a in actions],
            submissions=list(meeting.submissions.order_by("title")),
            today=timezone.localdate(),
        ),
    )


def _priorities(authority: Authority) -> Any:
    return Priority.objects.filter(plan__authority=authority, plan__status="active").select_related(
        "plan"
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AgendaItemForm(request.POST or None, priorities=_priorities(authority_of(request)))
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(by=user_of(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The agenda item was added.")
            return redirect("governance:meeting", pk=meeting.pk)
    return render(
        request,
        "governance/simple_form.html",
        _ctx(
            request,
            form=form,
            meeting=meeting,
            heading="Add an agenda item",
            button="Add item",
        ),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MinutesForm(
        request.POST or None,
        initial={"version": version_of(meeting.updated_at), "minutes": meeting.minutes},
    )
    decision_form = DecisionForm(prefix="decision")
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_minutes_save(
                by=user_of(request),
                meeting=meeting,
                seen_version=form.cleaned_data["version"] or None,
                minutes=form.cleaned_data["minutes"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The minutes were saved.")
            return redirect("governance:meeting", pk=meeting.pk)
    return render(
        request,
        "governance/minutes.html",
        _ctx(request, form=form, meeting=meeting, decision_form=decision_form),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.decision_add(by=user_of(request), meeting=meeting, text=form.cleaned_data["text"])
        messages.success(request, "The decision was recorded.")
        return redirect("governance:meeting", pk=meeting.pk)
    return render(
        request,
        "governance/simple_form.html",
        _ctx(request, form=form, meeting=meeting, heading="Record a decision", button="Save"),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def meeting_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MeetingActionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_action_add(by=user_of(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The action was added to the action log.")
            return redirect("governance:meeting", pk=meeting.pk)
    return render(
        request,
        "governance/simple_form.html",
        _ctx(request, form=form, meeting=meeting, heading="Add a meeting action", button="Add"),
    )


@require(can_view_governance)
@require_GET
def meeting_action_list(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    if show == "overdue":
        actions = selectors.meeting_actions_for(authority=authority, overdue_on=today)
    elif show == "all":
        actions = selectors.meeting_actions_for(authority=authority)
    else:
        show = "open"
        actions = selectors.meeting_actions_for(authority=authority, open_only=True)
    return render(
        request,
        "governance/meeting_actions.html",
        _ctx(request, actions=actions, today=today, show=show),
    )


@require(can_view_governance)
@require_http_methods(["GET", "POST"])
def meeting_action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        MeetingAction.objects.select_related("meeting", "meeting__board"),
        pk=pk,
        meeting__board__authority=authority_of(request),
    )
    ensure(can_update_meeting_action(user_of(request), action))
    form = CloseForm(request.POST or None, initial={"version": version_of(action.updated_at)})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_action_close(
                by=user_of(request),
                meeting_action=action,
                seen_version=form.cleaned_data["version"] or None,
                closed_on=form.cleaned_data["closed_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The action was closed.")
            return redirect("governance:meeting", pk=action.meeting_id)
    return render(
        request,
        "governance/simple_form.html",
        _ctx(
            request,
            form=form,
            meeting=action.meeting,
            heading="Close a meeting action",
            lead=action.description,
            button="Close action",
        ),
    )


@require(can_view_governance)
@require_GET
def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    pack = selectors.meeting_pack(meeting=meeting, today=timezone.localdate())
    return render(request, "governance/pack.html", _ctx(request, pack=pack))


@require(can_view_governance)
@require_GET
def meeting_pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same pack as a PDF (WeasyPrint, fetching nothing from the network)."""
    meeting = _meeting(request, pk)
    pack = selectors.meeting_pack(meeting=meeting, today=timezone.localdate())
    html = render_to_string("governance/pack_print.html", {"pack": pack})
    pdf = html_to_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"meeting-pack-{meeting.board.kind}-{meeting.date:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


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


@require(can_view_governance)
@require_GET
def inspection_list(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    return render(
        request,
        "governance/inspections.html",
        _ctx(
            request,
            inspections=selectors.inspections_for(authority=authority),
            interventions=selectors.interventions_for(authority=authority),
            frameworks=Framework.objects.prefetch_related("areas"),
        ),
    )


@require(can_view_governance)
@require_GET
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(
        selectors.inspections_for(authority=authority_of(request)), pk=pk
    )
    recommendations = inspection.recommendations.prefetch_related(
        "priorities", "actions", "progress__visit"
    )
    return render(
        request,
        "governance/inspection.html",
        _ctx(request, inspection=inspection, recommendations=recommendations),
    )


def _form_page(
    request: HttpRequest, form: Any, *, heading: str, button: str, back: str, caption: str = ""
) -> HttpResponse:
    return render(
        request,
        "governance/form_page.html",
        _ctx(request, form=form, heading=heading, button=button, back=back, caption=caption),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def board_create(request: HttpRequest) -> HttpResponse:
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.board_create(
                by=user_of(request), authority=authority_of(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"{board.name} was added. Now add its members.")
            return redirect("governance:board", pk=board.pk)
    return _form_page(
        request, form, heading="Add a board", button="Add board", back=reverse("governance:boards")
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def board_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board, pk=pk, authority=authority_of(request))
    form = BoardMemberForm(request.POST or None, authority_id=board.authority_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.board_member_add(by=user_of(request), board=board, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The member was added.")
            return redirect("governance:board", pk=board.pk)
    return _form_page(
        request,
        form,
        heading="Add a member",
        button="Add member",
        back=reverse("governance:board", args=[board.pk]),
        caption=board.name,
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    """Record an inspection event: first choose the framework (its judgements differ)."""
    frameworks = Framework.objects.all()
    code = request.POST.get("framework") or request.GET.get("framework")
    framework = frameworks.filter(code=code).first() if code else None
    if framework is None:
        return render(
            request,
            "governance/inspection_framework.html",
            _ctx(request, frameworks=frameworks),
        )
    form = InspectionForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("grade_")}
        try:
            inspection = services.inspection_record(
                by=user_of(request),
                authority=authority_of(request),
                framework=framework,
                judgements=form.judgements(),
                **data,
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"{inspection} was recorded.")
            return redirect("governance:inspection", pk=inspection.pk)
    return render(
        request,
        "governance/inspection_form.html",
        _ctx(request, form=form, framework=framework),
    )


def _inspection(request: HttpRequest, pk: int) -> Inspection:
    return get_object_or_404(Inspection, pk=pk, authority=authority_of(request))


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    authority = authority_of(request)
    form = RecommendationForm(
        request.POST or None,
        priorities=_priorities(authority),
        actions=Action.objects.filter(authority=authority, priority__plan__status="active"),
        initial={"number": inspection.recommendations.count() + 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add(
                by=user_of(request), inspection=inspection, **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The recommendation was added.")
            return redirect("governance:inspection", pk=inspection.pk)
    return _form_page(
        request,
        form,
        heading="Add a recommendation",
        button="Add recommendation",
        back=reverse("governance:inspection", args=[inspection.pk]),
        caption=str(inspection),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def recommendation_progress_add(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("inspection"),
        pk=pk,
        inspection__authority=authority_of(request),
    )
    form = RecommendationProgressForm(
        request.POST or None,
        visits=Inspection.objects.filter(
            authority=authority_of(request), start_date__gt=recommendation.inspection.start_date
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_progress_add(
                by=user_of(request), recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The recommendation's status was recorded.")
            return redirect("governance:inspection", pk=recommendation.inspection_id)
    return _form_page(
        request,
        form,
        heading=f"Status of recommendation {recommendation.number}",
        button="Save status",
        back=reverse("governance:inspection", args=[recommendation.inspection_id]),
        caption=recommendation.text[:200],
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def intervention_set(request: HttpRequest) -> HttpResponse:
    form = InterventionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_set(
                by=user_of(request), authority=authority_of(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The intervention status was recorded.")
            return redirect("governance:inspections")
    return _form_page(
        request,
        form,
        heading="Record a change of intervention status",
        button="Save status",
        back=reverse("governance:inspections"),
    )
