"""What the plan app adds to the navigation and the home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_view_plan

if TYPE_CHECKING:
    from sightline.accounts.models import User


def register() -> None:
    from . import imports  # noqa: F401 - registers the import job kinds

    attention_register(actions_due)
    module_register(
        Module(
            key="plan",
            title="Improvement plan",
            url_name="plan:index",
            description="Priorities and actions with BRAG status, progress, evidence and "
            "impact on the measures: the \u201cso what?\u201d.",
            allowed=can_view_plan,
            order=300,
        )
    )


def actions_due(user: User) -> Iterator[AttentionItem]:
    """For an action's SRO or lead officer: their overdue and soon-due actions."""
    if not can_view_plan(user):
        return
    from .selectors import SOON_DAYS, actions_needing_attention

    today = timezone.localdate()
    overdue, soon = actions_needing_attention(user=user, today=today)
    for action in overdue[:5]:
        yield AttentionItem(
            title=f"Action {action.reference} is overdue",
            detail=f"Due {action.current_due:%d/%m/%Y}: {action.description[:120]}",
            url=reverse("plan:action", args=[action.pk]),
            level="urgent",
        )
    for action in soon[:5]:
        yield AttentionItem(
            title=f"Action {action.reference} is due by {action.current_due:%d/%m/%Y}",
            detail=f"Due within {SOON_DAYS} days: {action.description[:120]}",
            url=reverse("plan:action", args=[action.pk]),
            level="due",
        )
    if len(overdue) > 5 or len(soon) > 5:
        yield AttentionItem(
            title="More of your actions need attention",
            detail=f"{len(overdue)} overdue and {len(soon)} due soon.",
            url=reverse("plan:my_actions"),
            level="info",
        )
