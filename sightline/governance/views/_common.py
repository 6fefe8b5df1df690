"""Helpers shared by the governance pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from sightline.core.access import authority_of, user_of
from sightline.core.permissions import can_manage_governance
from sightline.governance import selectors
from sightline.governance.models import Inspection, Meeting
from sightline.kernel.form_pages import form_page
from sightline.organisation.models import Authority
from sightline.plan.models import Priority


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"can_manage": can_manage_governance(user_of(request)), **extra}


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    try:
        return selectors.meeting_get(authority=authority_of(request), pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None


def _priorities(authority: Authority) -> Any:
    return Priority.objects.filter(plan__authority=authority, plan__status="active").select_related(
        "plan"
    )


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    heading: str,
    button: str,
    back: str,
    caption: str = "",
    back_text: str = "Back",
    lead: str = "",
    **handling: Any,
) -> HttpResponse:
    """A form on the plain form page (``handling``: save, success, redirect_to)."""
    return form_page(
        request,
        form,
        "governance/form_page.html",
        _ctx(
            request,
            heading=heading,
            button=button,
            back=back,
            back_text=back_text,
            caption=caption,
            lead=lead,
        ),
        **handling,
    )


def _meeting_form_page(
    request: HttpRequest,
    form: Any,
    *,
    meeting: Meeting,
    heading: str,
    button: str,
    save: Callable[[dict[str, Any]], Any],
    success: str,
    lead: str = "",
) -> HttpResponse:
    """A form about one meeting, with the way back to it (where a success returns too)."""
    back = reverse("governance:meeting", args=[meeting.pk])
    return _form_page(
        request,
        form,
        heading=heading,
        button=button,
        back=back,
        back_text="Back to the meeting",
        caption=str(meeting),
        lead=lead,
        save=save,
        success=success,
        redirect_to=back,
    )


def _inspection(request: HttpRequest, pk: int) -> Inspection:
    return get_object_or_404(Inspection, pk=pk, authority=authority_of(request))
