"""Ofsted's inspection frameworks for local authority children's services, as data.

Loaded by a data migration (``0002_frameworks``) and by :func:`frameworks_ensure`; a framework
is never edited in place once inspections use it: a change is a new framework.
"""

from __future__ import annotations

from datetime import date
from typing import Any

FOUR_POINT = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]

FRAMEWORKS: list[dict[str, Any]] = [
    {
        "code": "SIF-2013",
        "name": "Single inspection framework (SIF)",
        "in_force_from": date(2013, 11, 1),
        "in_force_to": date(2017, 12, 31),
        "has_overall_judgement": True,
        "grades": FOUR_POINT,
        "notes": "Kept for history: inspections before ILACS.",
        "areas": [
            ("overall", "Overall effectiveness"),
            ("help_protection", "Children who need help and protection"),
            ("looked_after", "Children looked after and achieving permanence"),
            ("adoption", "Adoption performance"),
            ("care_leavers", "Experiences and progress of care leavers"),
            ("leadership", "Leadership, management and governance"),
        ],
    },
    {
        "code": "ILACS-2018",
        "name": "Inspecting local authority children's services (ILACS) 2018",
        "in_force_from": date(2018, 1, 1),
        "in_force_to": date(2022, 12, 31),
        "has_overall_judgement": True,
        "grades": FOUR_POINT,
        "notes": "Care leavers judged within children in care.",
        "areas": [
            ("overall", "Overall effectiveness"),
            ("leaders", "The impact of leaders on social work practice with children and families"),
            (
                "help_protection",
                "The experiences and progress of children who need help and protection",
            ),
            ("in_care", "The experiences and progress of children in care and care leavers"),
        ],
    },
    {
        "code": "ILACS-2023",
        "name": "Inspecting local authority children's services (ILACS) 2023",
        "in_force_from": date(2023, 1, 1),
        "in_force_to": date(2025, 12, 31),
        "has_overall_judgement": True,
        "grades": FOUR_POINT,
        "notes": "Adds a separate judgement for the experiences and progress of care leavers.",
        "areas": [
            ("overall", "Overall effectiveness"),
            ("leaders", "The impact of leaders on social work practice with children and families"),
            (
                "help_protection",
                "The experiences and progress of children who need help and protection",
            ),
            ("in_care", "The experiences and progress of children in care"),
            ("care_leavers", "The experiences and progress of care leavers"),
        ],
    },
    {
        "code": "ILACS-2026",
        "name": "Inspecting local authority children's services (ILACS) 2026",
        "in_force_from": date(2026, 1, 1),
        "in_force_to": None,
        "has_overall_judgement": False,
        "grades": FOUR_POINT,
        "notes": "No single overall effectiveness judgement: each area is graded on its own. "
        "Check the grade wording against Ofsted's published framework before first use.",
        "areas": [
            ("leaders", "The impact of leaders on social work practice with children and families"),
            (
                "help_protection",
                "The experiences and progress of children who need help and protection",
            ),
            ("in_care", "The experiences and progress of children in care"),
            ("care_leavers", "The experiences and progress of care leavers"),
        ],
    },
]


def frameworks_load(framework_model: Any, area_model: Any) -> None:
    """Create any framework (and its areas) not yet present. Used by the data migration with
    historical models, and by :func:`frameworks_ensure`."""
    for spec in FRAMEWORKS:
        framework, _ = framework_model.objects.get_or_create(
            code=spec["code"],
            defaults={
                k: spec[k]
                for k in (
                    "name",
                    "in_force_from",
                    "in_force_to",
                    "has_overall_judgement",
                    "grades",
                    "notes",
                )
            },
        )
        for order, (key, title) in enumerate(spec["areas"], start=1):
            area_model.objects.get_or_create(
                framework=framework, key=key, defaults={"title": title, "order": order}
            )


def frameworks_ensure() -> None:
    from .models import Framework, JudgementArea

    frameworks_load(Framework, JudgementArea)
