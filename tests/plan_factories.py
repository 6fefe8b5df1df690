"""Small plan and governance fixtures built by the real services (shared by the plan tests and
the URL × role test). Idempotent: calling again returns the same objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from sightline.accounts.models import User
from sightline.governance import services as gov
from sightline.governance.models import (
    Board,
    Inspection,
    Meeting,
    MeetingAction,
    Recommendation,
    Risk,
)
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


@dataclass
class GovObjects:
    board: Board
    meeting: Meeting
    owner_action: MeetingAction
    risk: Risk
    inspection: Inspection
    recommendation: Recommendation


def gov_objects(authority: Authority) -> GovObjects:
    from sightline.governance.models import Framework

    board = Board.objects.filter(authority=authority, name="Test board").first()
    if board is None:
        director = User.objects.get(username="director")
        owner = User.objects.get(username="owner")
        today = timezone.localdate()
        board = gov.board_create(
            by=director, authority=authority, name="Test board", kind=Board.Kind.IMPROVEMENT
        )
        meeting = gov.meeting_create(by=director, board=board, date=today)
        gov.meeting_action_add(
            by=director,
            meeting=meeting,
            description="Report on re-referrals",
            owner=owner,
            due_date=today - timedelta(days=1),
        )
        gov.risk_create(
            by=director,
            authority=authority,
            reference="R1",
            title="Ransomware at the ICT provider",
            cause="Cyber attack",
            consequence="No case recording",
            likelihood=3,
            impact=5,
            owner=director,
            review_date=today,
        )
        gov.inspection_record(
            by=director,
            authority=authority,
            framework=Framework.objects.get(code="ILACS-2023"),
            kind=Inspection.Kind.STANDARD,
            start_date=date(2024, 2, 5),
            judgements={"overall": "Good", "care_leavers": "Requires improvement to be good"},
        )
        gov.recommendation_add(
            by=director,
            inspection=Inspection.objects.get(authority=authority),
            number=1,
            text="Improve the suitability of care leavers' accommodation.",
        )
    meeting = board.meetings.get()
    inspection = Inspection.objects.get(authority=authority, start_date=date(2024, 2, 5))
    return GovObjects(
        board=board,
        meeting=meeting,
        owner_action=meeting.actions.get(),
        risk=Risk.objects.get(authority=authority, reference="R1"),
        inspection=inspection,
        recommendation=inspection.recommendations.get(),
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
