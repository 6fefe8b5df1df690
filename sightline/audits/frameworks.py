"""The frameworks every authority starts with. They are data: the QA lead edits them in the
app, which makes a new version (see :func:`sightline.audits.services.framework_revise`)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sightline.audits.models import Framework
    from sightline.organisation.models import Authority

GRADE_WORDS = {
    "outstanding": "Practice is consistently strong and makes a demonstrable difference: "
    "{x} is exemplary and could be shared as good practice.",
    "good": "{x} is of good quality, timely and proportionate; the child's circumstances "
    "are improving or they are kept safe. Any gaps are minor.",
    "requires_improvement": "{x} is not yet consistently good: there are gaps, drift or "
    "delay, though children are not left at risk of harm because of them.",
    "inadequate": "{x} is poor or absent, and leaves the child at risk of harm or without "
    "the help they need. Escalate to the team manager the same day.",
}


def _area(key: str, title: str, subject: str, specifics: dict[str, str]) -> dict[str, Any]:
    guidance = {grade: text.format(x=subject) for grade, text in GRADE_WORDS.items()}
    for grade, extra in specifics.items():
        guidance[grade] = f"{guidance[grade]} {extra}"
    return {"key": key, "title": title, "guidance": guidance}


#: Questions several frameworks ask (installing copies them, so sharing them here is safe).
CHILD_QUESTIONS: tuple[dict[str, str], ...] = (
    {"key": "voice", "text": "Is the child's voice and lived experience evident?"},
    {
        "key": "identity",
        "text": "Are the child's race, ethnicity, culture, language and religion "
        "considered in the record?",
    },
)
OVERSIGHT: dict[str, str] = {
    "key": "oversight",
    "text": "Is management oversight recorded, and is it reflective?",
}


def framework_unsaved(*, authority: Authority, spec: dict[str, Any], **fields: Any) -> Framework:
    """A framework row built from a default ``spec`` (not saved)."""
    from .models import Framework

    return Framework(
        authority=authority,
        key=spec["key"],
        title=spec["title"],
        kind=spec["kind"],
        description=spec["description"],
        definition=copy.deepcopy(spec["definition"]),
        **fields,
    )


PRACTICE_FUNDAMENTALS: dict[str, Any] = {
    "key": "practice-fundamentals",
    "title": "Practice Fundamentals",
    "kind": "practice",
    "description": "The monthly case-file audit: five areas of practice and an overall grade.",
    "definition": {
        "areas": [
            _area(
                "supervision",
                "Supervision and management oversight",
                "Management oversight",
                {
                    "good": "Supervision is regular, reflective and sets clear, timed actions.",
                    "requires_improvement": "Supervision is recorded but is task-focused "
                    "or actions are not followed up.",
                },
            ),
            _area(
                "visiting",
                "Visiting and direct work",
                "Visiting and direct work",
                {
                    "good": "Visits are within timescales, the child is seen alone where "
                    "appropriate and direct work is recorded.",
                },
            ),
            _area(
                "assessment",
                "Assessment of needs, risks and circumstances",
                "Assessment",
                {
                    "good": "The assessment is current, analytical and considers history, "
                    "identity and the views of the child and family.",
                },
            ),
            _area(
                "planning",
                "Planning and reviewing",
                "Planning and reviewing",
                {
                    "good": "The plan is SMART, understood by the family and reviewed on time "
                    "with progress measured against it.",
                },
            ),
            _area(
                "recording",
                "Case recording",
                "Case recording",
                {
                    "good": "Records are up to date, written to the child and "
                    "understandable by them in future.",
                },
            ),
        ],
        "questions": [
            *CHILD_QUESTIONS,
            OVERSIGHT,
            {"key": "seen", "text": "Has the child been seen, and seen alone, within timescales?"},
            {"key": "chronology", "text": "Is there an up-to-date chronology?"},
            {
                "key": "partners",
                "text": "Are partner agencies involved in assessment and planning?",
            },
        ],
    },
}

NEGLECT_DIP_SAMPLE: dict[str, Any] = {
    "key": "neglect-dip-sample",
    "title": "Neglect dip sample",
    "kind": "thematic",
    "description": "A thematic look at children where neglect is the main concern.",
    "definition": {
        "areas": [
            _area(
                "recognition",
                "Recognition of neglect",
                "Recognition of cumulative neglect",
                {"good": "A neglect assessment tool is used and its findings drive the plan."},
            ),
            _area(
                "impact",
                "Impact on the child",
                "Understanding of the impact of neglect on the child",
                {},
            ),
        ],
        "questions": [
            *CHILD_QUESTIONS,
            {"key": "tool", "text": "Has a recognised neglect assessment tool been used?"},
            {
                "key": "drift",
                "text": "Is there evidence of drift (repeated plans without change)?",
            },
            OVERSIGHT,
        ],
    },
}

PATHWAY_PLANS: dict[str, Any] = {
    "key": "care-leavers-pathway-plans",
    "title": "Care leavers' pathway plans",
    "kind": "thematic",
    "description": "A dip sample of care leavers' pathway plans.",
    "definition": {
        "areas": [
            _area("plan", "Quality of the pathway plan", "The pathway plan", {}),
            _area("contact", "Keeping in touch", "Contact with the young person", {}),
        ],
        "questions": [
            {"key": "voice", "text": "Is the young person's voice evident, in their words?"},
            {
                "key": "identity",
                "text": "Are the young person's race, ethnicity, culture, language and "
                "religion considered?",
            },
            {"key": "accommodation", "text": "Is the accommodation suitable, and recorded?"},
            {"key": "eet", "text": "Is there a plan for education, employment or training?"},
            {"key": "health", "text": "Does the young person have their health history?"},
            OVERSIGHT,
        ],
    },
}

DEFAULT_FRAMEWORKS = (PRACTICE_FUNDAMENTALS, NEGLECT_DIP_SAMPLE, PATHWAY_PLANS)

DEFAULT_THEMES = (
    "Child's voice",
    "Identity and diversity",
    "Management oversight",
    "Drift and delay",
    "Chronologies",
    "Plans not SMART",
    "Partnership working",
    "Visits out of timescale",
    "Good direct work",
)
