"""The weekly reminder: each owner's overdue and soon-due actions by email (plan actions, and
the lines other modules register in ``sightline.core.reminders``, e.g. meeting actions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.core.permissions import can_view_plan
from sightline.core.reminders import reminder_lines_for

from .models import Action
from .selectors import SOON_DAYS, actions_needing_attention


@dataclass(frozen=True)
class Digest:
    user: User
    overdue: list[str]
    soon: list[str]

    @property
    def empty(self) -> bool:
        return not self.overdue and not self.soon


def digest_for(*, user: User, today: date) -> Digest:
    """This person's overdue and soon-due plan actions, then the lines other modules add
    (governance: their meeting actions) through ``sightline.core.reminders``."""
    plan_overdue, plan_soon = actions_needing_attention(user=user, today=today)
    more = reminder_lines_for(user=user, today=today)

    def plan_line(a: Action) -> str:
        return f"Action {a.reference} (due {a.current_due:%d/%m/%Y}): {a.description[:150]}"

    return Digest(
        user=user,
        overdue=[plan_line(a) for a in plan_overdue] + more.overdue,
        soon=[plan_line(a) for a in plan_soon] + more.soon,
    )


def reminders_send(*, today: date, site_url: str = "") -> int:
    """Email every active owner who has overdue or soon-due actions; returns how many emails."""
    sent = 0
    users = User.objects.filter(is_active=True, authority__isnull=False).exclude(email="")
    for user in users.order_by("pk"):
        if not can_view_plan(user):
            continue
        digest = digest_for(user=user, today=today)
        if digest.empty:
            continue
        body = render_to_string(
            "plan/email/reminder.txt",
            {"digest": digest, "soon_days": SOON_DAYS, "site_url": site_url.rstrip("/")},
        )
        subject = f"Sightline: {len(digest.overdue)} overdue, {len(digest.soon)} due soon"
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    with transaction.atomic():
        audit_record(
            actor=None,
            action="plan.reminders.send",
            changes={"emails": sent, "day": today.isoformat()},
            actor_label="sightline send_action_reminders",
        )
    return sent
