"""The Academy: training programmes completed, ASYE and accreditation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from sightline.accounts.models import User
from sightline.organisation.models import Authority
from sightline.workforce import measures
from sightline.workforce.models import (
    SOCIAL_WORK_ROLES,
    StaffMember,
    TrainingCompletion,
    TrainingProgramme,
)

from .scope import staff_visible


@dataclass(frozen=True)
class ProgrammeRow:
    programme: TrainingProgramme
    completed: int
    eligible: int

    @property
    def share(self) -> float | None:
        return measures.share(self.completed, self.eligible)


def academy_summary(*, authority: Authority, day: date) -> dict[str, object]:
    current = StaffMember.objects.filter(
        authority=authority, role__in=SOCIAL_WORK_ROLES, start_date__lte=day
    ).exclude(leave_date__lt=day)
    ids = set(current.values_list("pk", flat=True))
    programmes = []
    for programme in TrainingProgramme.objects.filter(authority=authority):
        done = set(
            TrainingCompletion.objects.filter(programme=programme, staff_id__in=ids).values_list(
                "staff_id", flat=True
            )
        )
        programmes.append(ProgrammeRow(programme, len(done), len(ids)))
    asye = {
        label: current.filter(asye_status=code).count()
        for code, label in StaffMember.Asye.choices
        if code
    }
    accredited = current.filter(accredited_on__isnull=False).count()
    return {
        "programmes": programmes,
        "asye": asye,
        "accredited": accredited,
        "workers": len(ids),
        "accredited_share": measures.share(accredited, len(ids)),
    }


def asye_cohort(*, user: User) -> QuerySet[StaffMember]:
    return staff_visible(user=user).exclude(asye_status="").order_by("asye_start", "name")
