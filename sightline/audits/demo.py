"""A year of synthetic case-file audits for the demo authority (fictional IDs only).

Early months look like the council papers (about 30% good or outstanding, 62% requires
improvement, 8% inadequate) and improve over the year, unevenly and more in some teams than
others. Idempotent: it does nothing when the authority already has an audit programme.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.organisation.models import Authority, Team

from .models import (
    GRADE_ORDER,
    Answer,
    Audit,
    Framework,
    LearningSummary,
    LearningTheme,
    Moderation,
    Programme,
    RemedialAction,
)
from .services import auditor_refusal, frameworks_install_defaults

SEED = 5
MONTHS = 12
CASES_PER_TEAM = 2

_ACTIONS = (
    "Update the chronology and share it with the family.",
    "Hold a reflective supervision on this case within two weeks.",
    "Record the child's views in their own words after the next visit.",
    "Review the plan: make each action specific and timed.",
    "Complete direct work with the child and upload it to the record.",
    "Record how the child's culture, language and religion inform the plan.",
    "Convene a strategy discussion about the escalating concerns.",
)
_FINDINGS = {
    "outstanding": "Exemplary, child-centred practice; the child's voice runs through the record.",
    "good": "Purposeful work with a clear plan; minor gaps in recording.",
    "requires_improvement": "Visits are regular but the plan has drifted and oversight is "
    "task-focused.",
    "inadequate": "Risks are not recognised and management oversight is absent.",
}
_SUMMARY = (
    "Audits this month again found the child's voice recorded well in direct work but less "
    "so in plans. Management oversight is more often reflective than last quarter. Teams "
    "should check that every plan names who does what by when, and that chronologies are "
    "updated after each significant event."
)


def _month_start(day: date, back: int) -> date:
    year, month = day.year, day.month - back
    while month <= 0:
        month += 12
        year -= 1
    return date(year, month, 1)


def _probabilities(progress: float, team_effect: float, rng: random.Random) -> list[float]:
    """Grade probabilities (outstanding, good, RI, inadequate) moving from the papers'
    baseline towards a better mix, with noise so the improvement is not smooth."""
    good = 0.27 + 0.22 * progress + team_effect + rng.uniform(-0.08, 0.08)
    inadequate = max(0.02, 0.08 - 0.04 * progress - team_effect / 3 + rng.uniform(-0.02, 0.03))
    good = min(max(good, 0.1), 0.8)
    outstanding = good * 0.12
    return [outstanding, good - outstanding, max(0.0, 1 - good - inadequate), inadequate]


def _near(grade: str, rng: random.Random) -> str:
    index = GRADE_ORDER.index(grade) + rng.choice((-1, 0, 0, 0, 1))
    return GRADE_ORDER[min(max(index, 0), 3)]


def _aware(day: date, minutes: int) -> datetime:
    start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=timezone.get_current_timezone())
    return start + timedelta(minutes=minutes)


@dataclass(frozen=True)
class _Context:
    rng: random.Random
    framework: Framework
    themes: list[LearningTheme]
    people: dict[str, User]
    owners: list[User]
    qa: User
    manager: User | None
    today: date


def _complete(
    audit: Audit, ctx: _Context, progress: float, team_effect: float, month: date
) -> None:
    """Fill in, complete and follow up one synthetic audit."""
    rng, framework = ctx.rng, ctx.framework
    weights = _probabilities(progress, team_effect, rng)
    grade = rng.choices(GRADE_ORDER, weights=weights)[0]
    start_day = month + timedelta(days=rng.randint(2, 24))
    started = _aware(start_day, rng.randint(0, 420))
    minutes = max(6, int(rng.lognormvariate(2.95 - 0.25 * progress, 0.35)))
    audit.status = Audit.Status.COMPLETED
    audit.started_at = started
    audit.completed_at = started + timedelta(minutes=minutes)
    audit.overall_grade = grade
    audit.area_grades = {a["key"]: _near(grade, rng) for a in framework.areas}
    score = GRADE_ORDER.index(grade)
    audit.answers = {
        q["key"]: {
            "answer": rng.choices(Answer.values, weights=[4 - score, 2, 1 + score])[0],
            "comment": "",
        }
        for q in framework.questions
    }
    audit.findings = _FINDINGS[grade]
    audit.practitioner_conversation = (
        "Discussed the findings; the social worker reflected on the plan and agreed next steps."
    )
    audit.participation = rng.choice(Audit.Participation.values[:4])
    audit.participation_notes = "Views recorded in the audit conversation."
    audit.save()
    audit.themes.set(rng.sample(ctx.themes, rng.randint(1, 3)))
    _moderate(audit, ctx, grade)
    _follow_up(audit, ctx, grade)


def _moderate(audit: Audit, ctx: _Context, grade: str) -> None:
    rng, qa = ctx.rng, ctx.qa
    completed = audit.completed_at
    assert completed is not None  # noqa: S101 - completed by the caller
    sampled = grade == "inadequate" or rng.random() < 0.10
    if sampled:
        audit.selected_for_moderation = True
        audit.save(update_fields=["selected_for_moderation"])
        moderation = Moderation(
            audit=audit,
            reason_selected="Every inadequate grade is moderated"
            if grade == "inadequate"
            else "Random sample (10%)",
        )
        recent = completed.date() > ctx.today - timedelta(days=45)
        if not recent or rng.random() < 0.5:
            agreed = rng.random() < 0.8
            moderation.moderator = qa
            moderation.agreed = agreed
            moderation.moderated_grade = grade if agreed else _near(grade, rng)
            if moderation.moderated_grade == grade:
                moderation.agreed = True
            else:
                moderation.reason = "The record shows drift the auditor did not weigh."
            moderation.completed_at = completed + timedelta(days=5)
        moderation.save()


def _follow_up(audit: Audit, ctx: _Context, grade: str) -> None:
    rng, manager, owners, today, team = ctx.rng, ctx.manager, ctx.owners, ctx.today, audit.team
    assert audit.completed_at is not None  # noqa: S101 - completed above
    if GRADE_ORDER.index(grade) >= 2 and rng.random() < 0.6:
        owner = manager if manager and team.pk == manager.team_id else rng.choice(owners)
        action_due = audit.completed_at.date() + timedelta(days=rng.randint(14, 42))
        action = RemedialAction(
            authority_id=audit.authority_id,
            audit=audit,
            description=rng.choice(_ACTIONS),
            owner=owner,
            due_date=action_due,
            created_by=audit.auditor,
        )
        close_rate = 0.97 if action_due < today - timedelta(days=60) else 0.7
        if action_due < today and rng.random() < close_rate:
            action.status = RemedialAction.Status.CLOSED
            action.evidence = "Done and checked in supervision; see the case record."
            action.closed_by = owner
            action.closed_at = _aware(action_due, -rng.randint(0, 7) * 24 * 60)
        action.save()


@transaction.atomic
def demo_seed(*, authority: Authority, report: Callable[[str], None] = lambda _: None) -> int:
    """Seed a year of audits; returns how many audits were created (0 when already seeded)."""
    frameworks_install_defaults(authority=authority)
    if Programme.objects.filter(authority=authority).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - reproducible synthetic demo data, not security
    framework = Framework.objects.get(
        authority=authority, key="practice-fundamentals", is_current=True
    )
    people = {u.username: u for u in User.objects.filter(authority=authority)}
    # The QA lead moderates, so audits are done by the auditor, a head of service and a team
    # manager (never on their own locality's or team's cases).
    auditors = [people[n] for n in ("auditor", "auditor", "hos", "manager") if n in people]
    manager = people.get("manager")
    owners = [people[n] for n in ("owner", "hos") if n in people]
    qa = people.get("qa")
    if not auditors or qa is None:
        return 0
    teams = list(Team.objects.filter(authority=authority, is_active=True).order_by("name"))
    themes = list(LearningTheme.objects.filter(authority=authority))
    today = timezone.localdate()
    ctx = _Context(rng, framework, themes, people, owners, qa, manager, today)
    effects = {t.pk: rng.uniform(-0.12, 0.1) for t in teams}
    for strong in rng.sample(teams, 4):  # a few teams already practising well
        effects[strong.pk] = 0.3
    created = 0
    for back in range(MONTHS, -1, -1):
        month = _month_start(today, back)
        progress = (MONTHS - back) / MONTHS
        due = (month + timedelta(days=45)).replace(day=1) - timedelta(days=1)
        programme = Programme.objects.create(
            authority=authority,
            month=month,
            framework=framework,
            cases_per_team=CASES_PER_TEAM,
            due_date=due,
            created_by=qa,
        )
        for team in teams:
            for _ in range(CASES_PER_TEAM):
                child_id = f"DEMO{rng.randint(100000, 999999)}"
                auditor = rng.choice(auditors)
                if auditor_refusal(
                    auditor=auditor, audit=Audit(team=team, authority=authority)
                ) or (
                    auditor.role == "head_of_service" and team.locality_id == auditor.locality_id
                ):
                    auditor = auditors[0]
                audit = Audit(
                    authority=authority,
                    programme=programme,
                    framework=framework,
                    team=team,
                    child_id=child_id,
                    auditor=auditor,
                    due_date=due,
                    practitioner=f"Practitioner {rng.randint(1, 9)}",
                )
                # The current month is in progress; a few of last month's are overdue.
                in_progress = back == 0 or (back == 1 and rng.random() < 0.08)
                if in_progress:
                    if rng.random() < 0.4:
                        audit.status = Audit.Status.IN_PROGRESS
                        audit.started_at = _aware(month, rng.randint(0, 600))
                        audit.findings = "Draft: reading the record."
                    audit.save()
                    created += 1
                    continue
                _complete(audit, ctx, progress, effects[team.pk], month)
                created += 1
        if back >= 1:
            LearningSummary.objects.create(
                authority=authority,
                month=month,
                body=_SUMMARY,
                published_by=qa,
                published_at=_aware(month + timedelta(days=40), 0),
            )
    audit_record(
        actor=None,
        action="audits.demo_seed",
        authority=authority,
        changes={"audits": {"from": 0, "to": created}},
        actor_label="demo",
    )
    report(f"Case-file audits: {created} synthetic audits over {MONTHS + 1} months.")
    return created
