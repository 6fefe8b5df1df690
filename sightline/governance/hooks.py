"""What the governance app adds to the navigation and the home page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_view_governance
from sightline.core.reminders import ReminderLines, reminder_source_register

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.governance.models import MeetingAction


def register() -> None:
    attention_register(meeting_actions_due)
    reminder_source_register(meeting_action_reminders)
    module_register(
        Module(
            key="governance",
            title="Governance",
            url_name="governance:index",
            description="Boards and meetings with their packs and action logs, the risk "
            "register and heat map, and the inspection history.",
            allowed=can_view_governance,
            order=310,
        )
    )


def meeting_actions_due(user: User) -> Iterator[AttentionItem]:
    """For the owner of meeting actions: those overdue and due soon."""
    if not can_view_governance(user):
        return
    from .selectors import meeting_actions_needing_attention

    overdue, soon = meeting_actions_needing_attention(user=user, today=timezone.localdate())
    for action, level in [(a, "urgent") for a in overdue[:5]] + [(a, "due") for a in soon[:5]]:
        state = "overdue" if level == "urgent" else f"due by {action.due_date:%d/%m/%Y}"
        yield AttentionItem(
            title=f"{action.meeting.board.name} action {state}",
            detail=f"From the meeting of {action.meeting.date:%d/%m/%Y}: "
            f"{action.description[:120]}",
            url=reverse("governance:meeting", args=[action.meeting_id]),
            level=level,  # type: ignore[arg-type]
        )


def meeting_action_reminders(*, user: User, today: date) -> ReminderLines:
    """For the weekly reminder e-mail: this person's overdue and soon-due meeting actions."""
    from .selectors import meeting_actions_needing_attention

    overdue, soon = meeting_actions_needing_attention(user=user, today=today)

    def line(a: MeetingAction) -> str:
        m = a.meeting
        return (
            f"{m.board.name} {m.date:%d/%m/%Y} (due {a.due_date:%d/%m/%Y}): {a.description[:150]}"
        )

    return ReminderLines(overdue=[line(a) for a in overdue], soon=[line(a) for a in soon])
