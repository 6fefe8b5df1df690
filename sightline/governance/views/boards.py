"""Governance home and boards with their members."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_manage_governance, can_view_governance
from sightline.governance import selectors, services
from sightline.governance.forms import BoardForm, BoardMemberForm
from sightline.governance.models import Board

from ._common import _ctx, _form_page


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
def board_create(request: HttpRequest) -> HttpResponse:
    form = BoardForm(request.POST or None)
    return _form_page(
        request,
        form,
        save=lambda data: services.board_create(
            by=user_of(request), authority=authority_of(request), **data
        ),
        success=lambda board: f"{board.name} was added. Now add its members.",
        redirect_to=lambda board: reverse("governance:board", args=[board.pk]),
        heading="Add a board",
        button="Add board",
        back=reverse("governance:boards"),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def board_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board, pk=pk, authority=authority_of(request))
    form = BoardMemberForm(request.POST or None, authority_id=board.authority_id)
    return _form_page(
        request,
        form,
        save=lambda data: services.board_member_add(by=user_of(request), board=board, **data),
        success="The member was added.",
        redirect_to=reverse("governance:board", args=[board.pk]),
        heading="Add a member",
        button="Add member",
        back=reverse("governance:board", args=[board.pk]),
        caption=board.name,
    )
