"""Meetings: list, detail, agenda, minutes and decisions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_manage_governance,
    can_update_meeting_action,
    can_view_governance,
)
from sightline.governance import selectors, services
from sightline.governance.forms import AgendaItemForm, DecisionForm, MeetingForm, MinutesForm
from sightline.governance.models import Board
from sightline.kernel.forms import form_add_service_errors

from ._common import _ctx, _meeting, _priorities


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
