"""Small plan fixtures built by the real services (shared by the plan, governance and voice
tests and the URL × role test). Idempotent: calling again returns the same objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from sightline.accounts.models import User
from sightline.organisation.models import Authority
from sightline.plan import services
from sightline.plan.models import Action, Evidence, Plan, Priority


@dataclass
class PlanObjects:
    plan: Plan
    priority: Priority
    action: Action  # owned by the demo user "owner"
    other_action: Action  # owned by the director only


def plan_objects(authority: Authority) -> PlanObjects:
    plan = Plan.objects.filter(authority=authority, title="Test plan").first()
    if plan is None:
        director = User.objects.get(username="director")
        owner = User.objects.get(username="owner")
        today = timezone.localdate()
        plan = services.plan_create(
            by=director, authority=authority, title="Test plan", starts_on=date(2025, 4, 1)
        )
        priority = services.priority_create(
            by=director, plan=plan, number=1, title="Practice fundamentals", sro=owner
        )
        services.action_create(
            by=director,
            priority=priority,
            reference="1.1",
            description="Strategy meetings within one working day",
            sro=owner,
            start_date=today - timedelta(days=100),
            due_date=today - timedelta(days=5),
        )
        services.action_create(
            by=director,
            priority=priority,
            reference="1.2",
            description="Supervision every four weeks",
            sro=director,
            start_date=today - timedelta(days=100),
            due_date=today + timedelta(days=60),
        )
    priority = plan.priorities.get(number=1)
    return PlanObjects(
        plan=plan,
        priority=priority,
        action=priority.actions.get(reference="1.1"),
        other_action=priority.actions.get(reference="1.2"),
    )


def missing_evidence(authority: Authority) -> Evidence:
    """An evidence row whose file is not on disk (enough to test who may ask for it)."""
    action = plan_objects(authority).action
    evidence, _ = Evidence.objects.get_or_create(
        action=action,
        original_name="gone.pdf",
        defaults={
            "stored_file": "plan-evidence/gone.pdf",
            "content_type": "application/pdf",
            "size": 1,
            "sha256": "0" * 64,
        },
    )
    return evidence


def kw(**values: Any) -> dict[str, Any]:
    return values
