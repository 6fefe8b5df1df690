"""Meeting actions: the action log, adding and closing actions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_manage_governance,
    can_update_meeting_action,
    can_view_governance,
)
from sightline.governance import selectors, services
from sightline.governance.forms import CloseForm, MeetingActionForm
from sightline.governance.models import MeetingAction

from ._common import _ctx, _meeting, _meeting_form_page


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def meeting_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MeetingActionForm(request.POST or None, meeting=meeting)
    return _meeting_form_page(
        request,
        form,
        save=lambda data: services.meeting_action_add(by=user_of(request), meeting=meeting, **data),
        success="The action was added to the action log.",
        meeting=meeting,
        heading="Add a meeting action",
        button="Add",
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
    return _meeting_form_page(
        request,
        form,
        save=lambda data: services.meeting_action_close(
            by=user_of(request),
            meeting_action=action,
            closed_on=data["closed_on"],
            note=data["note"],
            seen_version=data["version"] or None,
        ),
        success="The action was closed.",
        meeting=action.meeting,
        heading="Close a meeting action",
        button="Close action",
        lead=action.description,
    )
