"""Small governance fixtures built by the real services (shared by the governance, plan and
voice tests and the URL × role test). Idempotent: calling again returns the same objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

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
