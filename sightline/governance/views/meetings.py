"""Meetings: list, detail, agenda, minutes and decisions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
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
from sightline.kernel.form_pages import form_page

from ._common import _ctx, _form_page, _meeting, _meeting_form_page, _priorities


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board, pk=pk, authority=authority_of(request))
    form = MeetingForm(request.POST or None)
    return _form_page(
        request,
        form,
        save=lambda data: services.meeting_create(by=user_of(request), board=board, **data),
        success="The meeting was added. Now add its agenda.",
        redirect_to=lambda meeting: reverse("governance:meeting", args=[meeting.pk]),
        heading="Add a meeting",
        button="Add meeting",
        back=reverse("governance:board", args=[board.pk]),
        back_text=f"Back to {board.name}",
        caption=board.name,
    )


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
    return _meeting_form_page(
        request,
        form,
        save=lambda data: services.agenda_item_add(by=user_of(request), meeting=meeting, **data),
        success="The agenda item was added.",
        meeting=meeting,
        heading="Add an agenda item",
        button="Add item",
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MinutesForm(
        request.POST or None,
        initial={"version": version_of(meeting.updated_at), "minutes": meeting.minutes},
    )
    return form_page(
        request,
        form,
        "governance/minutes.html",
        _ctx(request, meeting=meeting, decision_form=DecisionForm(prefix="decision")),
        save=lambda data: services.meeting_minutes_save(
            by=user_of(request),
            meeting=meeting,
            minutes=data["minutes"],
            seen_version=data["version"] or None,
        ),
        success="The minutes were saved.",
        redirect_to=reverse("governance:meeting", args=[meeting.pk]),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = DecisionForm(request.POST or None)
    return _meeting_form_page(
        request,
        form,
        save=lambda data: services.decision_add(
            by=user_of(request), meeting=meeting, text=data["text"]
        ),
        success="The decision was recorded.",
        meeting=meeting,
        heading="Record a decision",
        button="Save",
    )
