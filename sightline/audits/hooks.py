"""What the audit module adds to the navigation and to the home page's attention list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from django.urls import reverse
from django.utils import timezone

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_run_audit_programme, can_use_audits

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.organisation.models import Authority

REMIND_DAYS = 7
Level = Literal["urgent", "due", "info"]


def register() -> None:
    from django.db.models.signals import post_save

    from sightline.organisation.models import Authority

    post_save.connect(authority_created, sender=Authority, dispatch_uid="audits.authority_created")
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


def authority_created(
    sender: type, instance: Authority, created: bool, raw: bool = False, **kwargs: object
) -> None:
    """A new authority starts with the default frameworks and learning themes (installed in
    the transaction that creates it, so no page ever writes them while being read)."""
    if created and not raw:
        from .services import frameworks_install_defaults

        frameworks_install_defaults(authority=instance, by=None)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def audit_attention(user: User) -> Iterator[AttentionItem]:
    """Audits due or overdue, actions owned (overdue ones urgent), escalated overdue actions
    and, for the QA lead, audits waiting for moderation."""
    if not can_use_audits(user):
        return
    from . import selectors
    from .models import RemedialAction

    today = timezone.localdate()
    home, actions = reverse("audits:home"), reverse("audits:actions")
    todo = selectors.audits_to_do(user=user)
    mine = RemedialAction.objects.filter(owner=user, status=RemedialAction.Status.OPEN)
    # (how many, what they are, the rest of the title, the detail, where, how urgent)
    rows: list[tuple[int, str, str, str, str, Level]] = [
        (
            todo.filter(due_date__lt=today).count(),
            "audit",
            "overdue",
            "Audits assigned to you whose due date has passed.",
            home,
            "urgent",
        ),
        (
            todo.filter(
                due_date__gte=today, due_date__lte=today + timedelta(days=REMIND_DAYS)
            ).count(),
            "audit",
            f"due within {REMIND_DAYS} days",
            "Audits assigned to you; each saves as you go.",
            home,
            "due",
        ),
        (
            mine.filter(due_date__lt=today).count(),
            "audit action",
            "you own overdue",
            "Close each with a note of the evidence that it was done.",
            actions,
            "urgent",
        ),
        (
            mine.filter(due_date__gte=today).count(),
            "open audit action",
            "you own",
            "Raised from case-file audits.",
            actions,
            "due",
        ),
        (
            selectors.actions_escalated_to(user=user, today=today).count(),
            "overdue audit action",
            "escalated to you",
            "Actions past their due date in the teams you oversee.",
            actions + "?show=overdue",
            "urgent",
        ),
    ]
    if can_run_audit_programme(user) and user.authority is not None:
        rows.append(
            (
                selectors.moderation_queue(authority=user.authority).count(),
                "audit",
                "waiting for moderation",
                "Agree or regrade with a reason.",
                reverse("audits:moderation"),
                "due",
            )
        )
    for count, word, rest, detail, url, level in rows:
        if count:
            yield AttentionItem(
                title=f"{_plural(count, word)} {rest}", detail=detail, url=url, level=level
            )
