"""Small factories for the audit tests: frameworks, audits, completed audits, programmes,
remedial actions and learning themes, built by the real services where there is one."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from sightline.accounts.models import User
from sightline.audits import services
from sightline.audits.models import Audit, Framework, LearningTheme, Programme, RemedialAction
from sightline.audits.services import AuditInput
from sightline.organisation.models import Authority, Team


def framework(authority: Authority, key: str = "practice-fundamentals") -> Framework:
    """The authority's current framework ``key`` (the defaults are installed if missing)."""
    services.frameworks_install_defaults(authority=authority)
    return Framework.objects.get(authority=authority, key=key, is_current=True)


def audit(
    *,
    framework: Framework,
    team: Team,
    auditor: User | None,
    child_id: str = "T0001",
    due_date: date | None = None,
    **fields: Any,
) -> Audit:
    """An audit of ``child_id`` in ``team`` (due in ten days unless ``due_date``)."""
    return Audit.objects.create(
        authority=framework.authority,
        framework=framework,
        team=team,
        child_id=child_id,
        auditor=auditor,
        due_date=due_date or timezone.localdate() + timedelta(days=10),
        **fields,
    )


def audit_input(framework: Framework, grade: str = "good", **fields: Any) -> AuditInput:
    """A complete audit form: every area and the overall grade ``grade``, every question
    answered yes; ``fields`` override parts of it."""
    data = AuditInput(
        area_grades={a["key"]: grade for a in framework.areas},
        answers={q["key"]: {"answer": "yes", "comment": "Seen."} for q in framework.questions},
        overall_grade=grade,
        findings="A clear, purposeful plan.",
    )
    for key, value in fields.items():
        setattr(data, key, value)
    return data


def completed(
    audit: Audit, grade: str = "good", *, seed: int | None = None, **fields: Any
) -> Audit:
    """``audit`` completed by its auditor with every grade ``grade`` (``seed`` fixes the
    moderation sample)."""
    assert audit.auditor is not None
    fields.setdefault("practitioner", audit.practitioner)
    return services.audit_complete(
        by=audit.auditor,
        audit=audit,
        data=audit_input(audit.framework, grade, **fields),
        rng=None if seed is None else random.Random(seed),
    )


def completed_many(
    framework: Framework, *, team: Team, auditor: User, grades: Sequence[str], **fields: Any
) -> list[Audit]:
    """One completed audit per grade in ``grades`` (children G0, G1, …)."""
    return [
        completed(
            audit(framework=framework, team=team, auditor=auditor, child_id=f"G{i}", **fields),
            grade,
            seed=99,
        )
        for i, grade in enumerate(grades)
    ]


def programme(
    framework: Framework, *, month: date, due_date: date = date(2026, 12, 1), **fields: Any
) -> Programme:
    """An empty programme of ``framework`` for ``month``; ``fields`` set the rest."""
    return Programme.objects.create(
        authority=framework.authority, month=month, framework=framework, due_date=due_date, **fields
    )


def action(
    audit: Audit,
    *,
    by: User,
    owner: User,
    due_date: date | None = None,
    description: str = "Update the chronology.",
) -> RemedialAction:
    """A remedial action raised from ``audit`` (due in a week unless ``due_date``)."""
    return services.remedial_action_raise(
        by=by,
        audit=audit,
        description=description,
        owner=owner,
        due_date=due_date or timezone.localdate() + timedelta(days=7),
    )


def theme(authority: Authority, name: str = "Child's voice") -> LearningTheme:
    """A learning theme of the authority (a default one unless ``name`` is new)."""
    return LearningTheme.objects.get_or_create(authority=authority, name=name)[0]
