"""Writes for case-file audits. Each runs in one transaction and records who did what."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.core.concurrency import ensure_unchanged
from sightline.core.roles import Role
from sightline.organisation.models import Authority, Team

from .frameworks import DEFAULT_FRAMEWORKS, DEFAULT_THEMES, framework_unsaved
from .models import (
    GRADE_ORDER,
    Answer,
    Audit,
    Framework,
    Grade,
    LearningSummary,
    LearningTheme,
    Moderation,
    Programme,
    RemedialAction,
)

#: Roles that may be given audits to do.
AUDITOR_ROLES = frozenset(
    {Role.AUDITOR, Role.QA_LEAD, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR}
)
CHILD_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,63}$")


# --- Frameworks -----------------------------------------------------------------------------


@transaction.atomic
def frameworks_install_defaults(*, by: User | None = None, authority: Authority) -> int:
    """Give the authority the default frameworks and learning themes it does not have yet.
    Returns how many frameworks were created (running it again creates none)."""
    created = 0
    for spec in DEFAULT_FRAMEWORKS:
        if Framework.objects.filter(authority=authority, key=spec["key"]).exists():
            continue
        framework = framework_unsaved(authority=authority, spec=spec, created_by=by)
        framework.save()
        audit_record(actor=by, action="audits.framework_create", obj=framework, authority=authority)
        created += 1
    for name in DEFAULT_THEMES:
        LearningTheme.objects.get_or_create(authority=authority, name=name)
    return created


def _definition_check(*, definition: dict[str, Any]) -> None:
    areas = definition.get("areas") or []
    if not areas:
        raise ValidationError("A framework needs at least one area to grade.")
    keys = [a.get("key") for a in areas]
    if len(set(keys)) != len(keys) or not all(keys):
        raise ValidationError("Each area needs its own key.")
    for area in areas:
        if not area.get("title"):
            raise ValidationError(f"Area {area['key']!r} needs a title.")
        guidance = area.get("guidance") or {}
        missing = [g for g in GRADE_ORDER if not str(guidance.get(g, "")).strip()]
        if missing:
            labels = ", ".join(Grade(g).label for g in missing)
            raise ValidationError(f"{area['title']}: give guidance for {labels}.")
    qkeys = [q.get("key") for q in definition.get("questions") or []]
    if len(set(qkeys)) != len(qkeys) or not all(qkeys):
        raise ValidationError("Each question needs its own key.")


@transaction.atomic
def framework_revise(
    *, by: User, framework: Framework, title: str, definition: dict[str, Any]
) -> Framework:
    """Save an edit as a new version; the old version stays for the audits that used it."""
    current = Framework.objects.select_for_update().get(pk=framework.pk)
    if not current.is_current:
        raise ValidationError(
            "This is not the current version of the framework: edit the current one."
        )
    _definition_check(definition=definition)
    latest = (
        Framework.objects.filter(authority=current.authority, key=current.key)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    )
    current.is_current = False
    current.save(update_fields=["is_current"])
    revised = Framework.objects.create(
        authority=current.authority,
        key=current.key,
        title=title.strip() or current.title,
        kind=current.kind,
        description=current.description,
        version=latest + 1,
        is_current=True,
        definition=definition,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="audits.framework_revise",
        obj=revised,
        changes={"version": {"from": current.version, "to": revised.version}},
    )
    return revised


# --- Programme and assignment ---------------------------------------------------------------


def candidates_parse(*, authority: Authority, text: str) -> dict[Team, list[str]]:
    """Read the children to sample from: one per line, ``team name, child ID``.

    Raises a ValidationError naming the line and value when a line cannot be read.
    """
    teams = {t.name.casefold(): t for t in Team.objects.filter(authority=authority)}
    result: dict[Team, list[str]] = {}
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if "," not in line:
            errors.append(f"Line {number} ({line!r}): write the team name, a comma, the child ID.")
            continue
        team_name, child_id = (part.strip() for part in line.rsplit(",", 1))
        team = teams.get(team_name.casefold())
        if team is None:
            errors.append(f"Line {number}: no team called {team_name!r} in {authority.name}.")
            continue
        if not CHILD_ID.match(child_id):
            errors.append(
                f"Line {number}: {child_id!r} is not a child ID (letters, digits, - _ / . only)."
            )
            continue
        ids = result.setdefault(team, [])
        if child_id not in ids:
            ids.append(child_id)
    if errors:
        raise ValidationError({"candidates": errors})
    if not result:
        raise ValidationError({"candidates": ["List at least one child to sample from."]})
    return result


@transaction.atomic
def programme_create(
    *,
    by: User,
    authority: Authority,
    month: date,
    framework: Framework,
    cases_per_team: int,
    due_date: date,
    candidates: dict[Team, list[str]],
    moderation_percent: int = 10,
    rng: random.Random | None = None,
) -> Programme:
    """Set up a month's audits: pick ``cases_per_team`` children at random from each team's
    candidates (all of them when there are fewer). Auditors are assigned afterwards."""
    if framework.authority_id != authority.pk or not framework.is_current:
        raise ValidationError({"framework": "Choose a current framework of this authority."})
    if not 1 <= cases_per_team <= 50:
        raise ValidationError({"cases_per_team": "Choose between 1 and 50 cases per team."})
    if not 0 <= moderation_percent <= 100:
        raise ValidationError({"moderation_percent": "Give a percentage from 0 to 100."})
    month = month.replace(day=1)
    if due_date < month:
        raise ValidationError({"due_date": "The due date must be in or after the month."})
    picker = rng or random.SystemRandom()
    programme = Programme.objects.create(
        authority=authority,
        month=month,
        framework=framework,
        cases_per_team=cases_per_team,
        due_date=due_date,
        moderation_percent=moderation_percent,
        created_by=by,
    )
    picked = 0
    for team, ids in sorted(candidates.items(), key=lambda item: item[0].name):
        if team.authority_id != authority.pk:
            raise ValidationError({"candidates": f"{team.name} is not in {authority.name}."})
        chosen = picker.sample(sorted(ids), min(cases_per_team, len(ids)))
        for child_id in chosen:
            Audit.objects.create(
                authority=authority,
                programme=programme,
                framework=framework,
                team=team,
                child_id=child_id,
                due_date=due_date,
            )
            picked += 1
    audit_record(
        actor=by,
        action="audits.programme_create",
        obj=programme,
        changes={"audits": {"from": 0, "to": picked}},
    )
    return programme


def auditor_refusal(*, auditor: User, audit: Audit) -> str | None:
    """Why ``auditor`` may not audit this case, or None when they may."""
    if not auditor.is_active or auditor.authority_id != audit.authority_id:
        return "Choose an active person in this authority."
    if auditor.role not in AUDITOR_ROLES:
        return f"{auditor.display_name} ({auditor.role_label}) does not carry out audits."
    if auditor.role == Role.TEAM_MANAGER and auditor.team_id == audit.team_id:
        return (
            f"{auditor.display_name} manages {audit.team.name}: a case is never audited by "
            "its own team manager."
        )
    return None


@transaction.atomic
def audit_assign(
    *,
    by: User,
    audit: Audit,
    auditor: User,
    due_date: date | None = None,
    seen_version: str | None = None,
) -> Audit:
    """Give an audit to an auditor (never the case's own team manager). With ``seen_version``
    the audit must not have changed since the page showed it."""
    audit = Audit.objects.select_for_update().select_related("team").get(pk=audit.pk)
    ensure_unchanged(current=audit.updated_at, seen=seen_version, what="this audit")
    if audit.status == Audit.Status.COMPLETED:
        raise ValidationError("This audit is completed: it cannot be reassigned.")
    refusal = auditor_refusal(auditor=auditor, audit=audit)
    if refusal:
        raise ValidationError({"auditor": refusal})
    before = {"auditor": audit.auditor, "due_date": audit.due_date}
    audit.auditor = auditor
    if due_date is not None:
        audit.due_date = due_date
    audit.save(update_fields=["auditor", "due_date", "updated_at"])
    audit_record(
        actor=by,
        action="audits.audit_assign",
        obj=audit,
        changes={
            "auditor": {"from": str(before["auditor"] or ""), "to": auditor.username},
            "due_date": {"from": str(before["due_date"]), "to": str(audit.due_date)},
        },
    )
    return audit


@transaction.atomic
def programme_assign_evenly(*, by: User, programme: Programme, auditors: list[User]) -> int:
    """Share the programme's unassigned audits among ``auditors`` in turn, skipping anyone
    who may not audit a case (its own team manager). Returns how many were assigned."""
    if not auditors:
        raise ValidationError({"auditors": "Choose at least one auditor."})
    assigned = 0
    turn = 0
    pending = programme.audits.select_related("team").filter(
        auditor__isnull=True, status=Audit.Status.ASSIGNED
    )
    for audit in pending.order_by("team__name", "pk"):
        for offset in range(len(auditors)):
            candidate = auditors[(turn + offset) % len(auditors)]
            if auditor_refusal(auditor=candidate, audit=audit) is None:
                audit_assign(by=by, audit=audit, auditor=candidate)
                turn = (turn + offset + 1) % len(auditors)
                assigned += 1
                break
    return assigned


# --- Doing an audit -------------------------------------------------------------------------


@dataclass(kw_only=True)
class AuditInput:
    """What the audit form holds; every part may be blank until the audit is completed."""

    area_grades: dict[str, str] = field(default_factory=dict)
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    overall_grade: str = ""
    findings: str = ""
    practitioner: str = ""
    practitioner_conversation: str = ""
    participation: str = ""
    participation_notes: str = ""
    theme_ids: list[int] = field(default_factory=list)


def _audit_input_clean(*, audit: Audit, data: AuditInput) -> AuditInput:
    area_keys = {a["key"] for a in audit.framework.areas}
    question_keys = {q["key"] for q in audit.framework.questions}
    grades = {k: v for k, v in data.area_grades.items() if k in area_keys and v}
    bad = [v for v in grades.values() if v not in GRADE_ORDER]
    if bad or (data.overall_grade and data.overall_grade not in GRADE_ORDER):
        raise ValidationError("Choose a grade from the list.")
    answers: dict[str, dict[str, str]] = {}
    for key, answer in data.answers.items():
        if key not in question_keys:
            continue
        value, comment = answer.get("answer", ""), answer.get("comment", "").strip()
        if value and value not in Answer.values:
            raise ValidationError("Answer each question yes, partly or no.")
        if value or comment:
            answers[key] = {"answer": value, "comment": comment}
    if data.participation not in Audit.Participation.values:
        raise ValidationError({"participation": "Choose who took part from the list."})
    return AuditInput(
        area_grades=grades,
        answers=answers,
        overall_grade=data.overall_grade,
        findings=data.findings.strip(),
        practitioner=data.practitioner.strip()[:120],
        practitioner_conversation=data.practitioner_conversation.strip(),
        participation=data.participation,
        participation_notes=data.participation_notes.strip(),
        theme_ids=list(data.theme_ids),
    )


def _audit_input_apply(*, audit: Audit, data: AuditInput, now: datetime) -> None:
    audit.area_grades = data.area_grades
    audit.answers = data.answers
    audit.overall_grade = data.overall_grade
    audit.findings = data.findings
    audit.practitioner = data.practitioner
    audit.practitioner_conversation = data.practitioner_conversation
    audit.participation = data.participation
    audit.participation_notes = data.participation_notes
    if audit.started_at is None:
        audit.started_at = now
    if audit.status == Audit.Status.ASSIGNED:
        audit.status = Audit.Status.IN_PROGRESS
    themes = LearningTheme.objects.filter(authority=audit.authority, pk__in=data.theme_ids)
    audit.themes.set(themes)


def _audit_lock_for_auditor(*, by: User, audit: Audit, seen_version: str | None) -> Audit:
    locked = Audit.objects.select_for_update().select_related("framework").get(pk=audit.pk)
    if locked.auditor_id != by.pk:
        raise ValidationError("Only the assigned auditor can fill in this audit.")
    if locked.status == Audit.Status.COMPLETED:
        raise ValidationError("This audit is already completed: it can no longer be changed.")
    ensure_unchanged(current=locked.updated_at, seen=seen_version, what="this audit")
    return locked


@transaction.atomic
def audit_save(
    *,
    by: User,
    audit: Audit,
    data: AuditInput,
    seen_version: str | None = None,
    autosave: bool = False,
) -> Audit:
    """Save an audit in progress (by the Save button or the autosave). Resumable: nothing is
    required until the audit is completed. The first save records when it was started."""
    locked = _audit_lock_for_auditor(by=by, audit=audit, seen_version=seen_version)
    now = timezone.now()
    _audit_input_apply(audit=locked, data=_audit_input_clean(audit=locked, data=data), now=now)
    if autosave:
        locked.autosaved_at = now
    locked.save()
    audit_record(
        actor=by, action="audits.audit_autosave" if autosave else "audits.audit_save", obj=locked
    )
    return locked


def _moderation_reason(*, audit: Audit, rng: random.Random) -> str:
    if audit.overall_grade == Grade.INADEQUATE:
        return "Every inadequate grade is moderated"
    percent = audit.programme.moderation_percent if audit.programme else 10
    if percent and rng.random() * 100 < percent:
        return f"Random sample ({percent}%)"
    return ""


@transaction.atomic
def audit_complete(
    *,
    by: User,
    audit: Audit,
    data: AuditInput,
    seen_version: str | None = None,
    rng: random.Random | None = None,
) -> Audit:
    """Complete an audit: every area and the overall grade must be given. A share of completed
    audits, and every inadequate one, is sent for moderation."""
    locked = _audit_lock_for_auditor(by=by, audit=audit, seen_version=seen_version)
    cleaned = _audit_input_clean(audit=locked, data=data)
    errors: dict[str, list[str]] = {}
    for area in locked.framework.areas:
        if area["key"] not in cleaned.area_grades:
            errors[f"area_{area['key']}"] = [f"Grade {area['title'].lower()}."]
    if not cleaned.overall_grade:
        errors["overall_grade"] = ["Give the overall grade."]
    if not cleaned.findings:
        errors["findings"] = ["Summarise what you found."]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    _audit_input_apply(audit=locked, data=cleaned, now=now)
    locked.status = Audit.Status.COMPLETED
    locked.completed_at = now
    reason = _moderation_reason(audit=locked, rng=rng or random.SystemRandom())
    locked.selected_for_moderation = bool(reason)
    locked.save()
    if reason:
        Moderation.objects.create(audit=locked, reason_selected=reason)
    audit_record(
        actor=by,
        action="audits.audit_complete",
        obj=locked,
        changes={"overall_grade": {"from": "", "to": locked.overall_grade}},
    )
    return locked


# --- Moderation -----------------------------------------------------------------------------


@transaction.atomic
def moderation_record(
    *, by: User, moderation: Moderation, agreed: bool, grade: str = "", reason: str = ""
) -> Moderation:
    """Agree with the auditor's overall grade, or regrade it with a reason. Both are kept."""
    locked = Moderation.objects.select_for_update().select_related("audit").get(pk=moderation.pk)
    if by.role != Role.QA_LEAD or by.authority_id != locked.audit.authority_id:
        raise ValidationError("Only the QA lead moderates audits.")
    if locked.audit.auditor_id == by.pk:
        raise ValidationError("You carried out this audit: someone else must moderate it.")
    if locked.completed_at is not None:
        raise ValidationError("This audit has already been moderated.")
    reason = reason.strip()
    if agreed:
        grade = locked.audit.overall_grade
    else:
        if grade not in GRADE_ORDER:
            raise ValidationError({"grade": "Choose the grade you would give."})
        if grade == locked.audit.overall_grade:
            raise ValidationError({"grade": "That is the auditor's grade: choose 'agree'."})
        if not reason:
            raise ValidationError({"reason": "Say why you would grade it differently."})
    locked.agreed = agreed
    locked.moderated_grade = grade
    locked.reason = reason
    locked.moderator = by
    locked.completed_at = timezone.now()
    locked.save()
    audit_record(
        actor=by,
        action="audits.moderation_record",
        obj=locked.audit,
        changes={
            "overall_grade": {"from": locked.audit.overall_grade, "to": grade},
            "agreed": {"from": None, "to": agreed},
        },
    )
    return locked


# --- Remedial actions -----------------------------------------------------------------------


@transaction.atomic
def remedial_action_raise(
    *, by: User, audit: Audit, description: str, owner: User, due_date: date
) -> RemedialAction:
    """Raise an action from an audit: what, who, by when."""
    description = description.strip()
    errors: dict[str, str] = {}
    if not description:
        errors["description"] = "Say what needs to be done."
    if owner.authority_id != audit.authority_id or not owner.is_active:
        errors["owner"] = "Choose an active person in this authority."
    if due_date < timezone.localdate():
        errors["due_date"] = "The due date cannot be in the past."
    if errors:
        raise ValidationError(errors)
    action = RemedialAction.objects.create(
        authority=audit.authority,
        audit=audit,
        description=description,
        owner=owner,
        due_date=due_date,
        created_by=by,
    )
    audit_record(actor=by, action="audits.action_raise", obj=action)
    return action


@transaction.atomic
def remedial_action_close(*, by: User, action: RemedialAction, evidence: str) -> RemedialAction:
    """Close an action; a short note of the evidence that it was done is required."""
    locked = RemedialAction.objects.select_for_update().get(pk=action.pk)
    if locked.status == RemedialAction.Status.CLOSED:
        raise ValidationError("This action is already closed.")
    if not (locked.owner_id == by.pk or by.role == Role.QA_LEAD):
        raise ValidationError("Only the action's owner or the QA lead can close it.")
    evidence = evidence.strip()
    if len(evidence) < 10:
        raise ValidationError({"evidence": "Describe the evidence that the action was done."})
    locked.status = RemedialAction.Status.CLOSED
    locked.evidence = evidence
    locked.closed_by = by
    locked.closed_at = timezone.now()
    locked.save()
    audit_record(
        actor=by,
        action="audits.action_close",
        obj=locked,
        changes={"status": {"from": "open", "to": "closed"}},
    )
    return locked


# --- Learning -------------------------------------------------------------------------------


@transaction.atomic
def learning_summary_publish(
    *, by: User, authority: Authority, month: date, body: str
) -> LearningSummary:
    """Publish (or republish) the learning summary of a month."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write the summary."})
    summary, created = LearningSummary.objects.update_or_create(
        authority=authority,
        month=month.replace(day=1),
        defaults={"body": body, "published_by": by, "published_at": timezone.now()},
    )
    audit_record(
        actor=by,
        action="audits.summary_publish" if created else "audits.summary_republish",
        obj=summary,
    )
    return summary
