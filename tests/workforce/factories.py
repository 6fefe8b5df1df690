"""Workforce test data built through the real services: teams either side of the head of
service's locality, a worker, an HR export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from sightline.accounts.models import User
from sightline.organisation.models import Authority, Team
from sightline.workforce import services
from sightline.workforce.models import StaffMember


def make_teams(authority: Authority, users: dict[str, User]) -> tuple[Team, Team]:
    """A team in the head of service's locality and one outside it."""
    hos = users["hos"]
    inside = Team.objects.filter(authority=authority, locality_id=hos.locality_id).order_by("pk")
    outside = Team.objects.filter(authority=authority).exclude(locality_id=hos.locality_id)
    return inside[0], outside.order_by("pk")[0]


def make_worker(authority: Authority, team: Team, **over: Any) -> StaffMember:
    values: dict[str, Any] = {
        "reference": "E1",
        "name": "Robin Ashdown",
        "role": "social_worker",
        "contract": "permanent",
        "fte": Decimal("1.00"),
        "start_date": date(2024, 1, 8),
        "leave_date": None,
        "leaving_reason": "",
        "asye_status": "",
        "asye_start": None,
        "accredited_on": None,
        "caseload": 15,
    }
    values.update(over)
    return services.staff_create(by=None, authority=authority, team=team, **values)


HEADER = ["Employee No", "Full Name", "Job Title", "Contract Type", "Team Name", "WTE",
          "Start Date", "Date Left", "Reason for leaving"]  # fmt: skip


def make_hr_csv(rows: list[list[str]]) -> SimpleUploadedFile:
    text = "\n".join(",".join(r) for r in [HEADER, *rows])
    return SimpleUploadedFile("hr_export.csv", text.encode(), content_type="text/csv")
