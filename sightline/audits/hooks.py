"""What the audit module adds to the navigation and to the home page's attention list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_run_audit_programme, can_use_audits

if TYPE_CHECKING:
    from sightline.accounts.models import User

REMIND_DAYS = 7


def register() -> None:
    attention_register(audit_attention)
    module_register(
        Module(
            key="audits",
            title="Case-file audits",
            url_name="audits:home",
            description="Monthly audits of children's records, moderation, remedial actions "
            "followed up to the end, and the learning shared across teams.",
            allowed=can_use_audits,
            order=200,
        )
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def audit_attention(user: User) -> Iterator[AttentionItem]:
    """Audits due or overdue, actions owned (overdue ones urgent), escalated overdue actions
    and, for the QA lead, audits waiting for moderation."""
    if not can_use_audits(user):
        return
    from . import selectors

    today = timezone.localdate()
    todo = selectors.audits_to_do(user=user)
    overdue = todo.filter(due_date__lt=today).count()
    if overdue:
        yield AttentionItem(
            title=f"{_plural(overdue, 'audit')} overdue",
            detail="Audits assigned to you whose due date has passed.",
            url=reverse("audits:home"),
            level="urgent",
        )
    soon = todo.filter(due_date__gte=today, due_date__lte=today + timedelta(days=REMIND_DAYS))
    if soon.exists():
        yield AttentionItem(
            title=f"{_plural(soon.count(), 'audit')} due within {REMIND_DAYS} days",
            detail="Audits assigned to you; each saves as you go.",
            url=reverse("audits:home"),
            level="due",
        )
    from .models import RemedialAction

    mine = RemedialAction.objects.filter(owner=user, status=RemedialAction.Status.OPEN)
    late = mine.filter(due_date__lt=today).count()
    if late:
        yield AttentionItem(
            title=f"{_plural(late, 'audit action')} you own overdue",
            detail="Close each with a note of the evidence that it was done.",
            url=reverse("audits:actions"),
            level="urgent",
        )
    open_count = mine.filter(due_date__gte=today).count()
    if open_count:
        yield AttentionItem(
            title=f"{_plural(open_count, 'open audit action')} you own",
            detail="Raised from case-file audits.",
            url=reverse("audits:actions"),
            level="due",
        )
    escalated = selectors.actions_escalated_to(user=user, today=today).count()
    if escalated:
        yield AttentionItem(
            title=f"{_plural(escalated, 'overdue audit action')} escalated to you",
            detail="Actions past their due date in the teams you oversee.",
            url=reverse("audits:actions") + "?show=overdue",
            level="urgent",
        )
    if can_run_audit_programme(user) and user.authority is not None:
        waiting = selectors.moderation_queue(authority=user.authority).count()
        if waiting:
            yield AttentionItem(
                title=f"{_plural(waiting, 'audit')} waiting for moderation",
                detail="Agree or regrade with a reason.",
                url=reverse("audits:moderation"),
                level="due",
            )
