"""What the voice app adds to the navigation and the home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sightline.core.access import user_of
from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_manage_plan, can_respond_to_ambassadors, can_view_voice
from sightline.core.sections import page_section_register

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.utils.safestring import SafeString

    from sightline.accounts.models import User
    from sightline.plan.models import Priority


def register() -> None:
    attention_register(overdue_responses)
    page_section_register("plan.priority", priority_impact_statements)
    module_register(
        Module(
            key="voice",
            title="Voice",
            url_name="voice:overview",
            description="What children, young people, care leavers and families tell us, "
            "impact statements, and the Ambassadors' submissions with the Board's responses.",
            allowed=can_view_voice,
            order=500,
        )
    )


def overdue_responses(user: User) -> Iterator[AttentionItem]:
    """For the chair and the director: Ambassadors' submissions waiting past their due date."""
    if not can_respond_to_ambassadors(user):
        return
    from .models import BoardSubmission

    overdue = BoardSubmission.objects.filter(
        authority_id=user.authority_id or 0,
        responded_on__isnull=True,
        response_due__lt=timezone.localdate(),
    )
    for sub in overdue[:5]:
        yield AttentionItem(
            title=f"Response to the {sub.group} overdue: {sub.title}",
            detail=f"Due {sub.response_due:%d/%m/%Y}, from {sub.meeting}.",
            url=reverse("voice:submission_detail", args=[sub.pk]),
            level="due",
        )


def priority_impact_statements(request: HttpRequest, priority: Priority) -> SafeString:
    """On a plan priority's page: the impact statements linked to it that this person may
    read (those without consent to share only for who records feedback)."""
    from .selectors import impact_visible

    user = user_of(request)
    voices = list(impact_visible(user=user).filter(plan_priority=priority).order_by("-given_on"))
    return render_to_string(
        "voice/_priority_impact_statements.html",
        {"voices": voices, "can_manage": can_manage_plan(user)},
        request=request,
    )
