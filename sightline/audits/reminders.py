"""The weekly audit reminder by email: each auditor's audits overdue or due soon, each owner's
remedial actions overdue or due soon, and overdue actions escalated to a head of service, the
QA lead or the director.

An email leaves Sightline, so it names no child: audits by their number, team and due date,
actions by their audit and due date, with a link to sign in and see the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.core.permissions import can_use_audits

from . import selectors
from .hooks import REMIND_DAYS
from .models import Audit, RemedialAction


@dataclass(frozen=True)
class AuditDigest:
    user: User
    audits_overdue: list[str]
    audits_soon: list[str]
    actions_overdue: list[str]
    actions_soon: list[str]
    escalated: int

    @property
    def empty(self) -> bool:
        return not (
            self.audits_overdue
            or self.audits_soon
            or self.actions_overdue
            or self.actions_soon
            or self.escalated
        )

    @property
    def overdue(self) -> int:
        return len(self.audits_overdue) + len(self.actions_overdue)


def _audit_line(audit: Audit) -> str:
    due = f"due {audit.due_date:%d/%m/%Y}" if audit.due_date else "no due date"
    return f"Audit {audit.pk}, {audit.team.name} ({due})"


def _action_line(action: RemedialAction) -> str:
    team = action.audit.team.name
    return f"Action on audit {action.audit_id}, {team} (due {action.due_date:%d/%m/%Y})"


def digest_for(*, user: User, today: date) -> AuditDigest:
    """What this person should hear about this week (nothing when they may not use audits)."""
    if not can_use_audits(user):
        return AuditDigest(user, [], [], [], [], 0)
    soon_until = today + timedelta(days=REMIND_DAYS)
    todo = list(selectors.audits_to_do(user=user).filter(due_date__lte=soon_until))
    owned = list(
        RemedialAction.objects.filter(
            owner=user, status=RemedialAction.Status.OPEN, due_date__lte=soon_until
        )
        .select_related("audit__team")
        .order_by("due_date", "pk")
    )
    return AuditDigest(
        user=user,
        audits_overdue=[_audit_line(a) for a in todo if a.due_date and a.due_date < today],
        audits_soon=[_audit_line(a) for a in todo if a.due_date and a.due_date >= today],
        actions_overdue=[_action_line(a) for a in owned if a.due_date < today],
        actions_soon=[_action_line(a) for a in owned if a.due_date >= today],
        escalated=selectors.actions_escalated_to(user=user, today=today).count(),
    )


def reminders_send(*, today: date, site_url: str = "") -> int:
    """Email everyone with something due, overdue or escalated; returns how many emails."""
    sent = 0
    users = User.objects.filter(is_active=True, authority__isnull=False).exclude(email="")
    for user in users.order_by("pk"):
        digest = digest_for(user=user, today=today)
        if digest.empty:
            continue
        body = render_to_string(
            "audits/email/reminder.txt",
            {"digest": digest, "soon_days": REMIND_DAYS, "site_url": site_url.rstrip("/")},
        )
        subject = f"Sightline audits: {digest.overdue} overdue"
        if digest.escalated:
            subject += f", {digest.escalated} escalated to you"
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    with transaction.atomic():
        audit_record(
            actor=None,
            action="audits.reminders.send",
            changes={"emails": sent, "day": today.isoformat()},
            actor_label="sightline send_audit_reminders",
        )
    return sent
