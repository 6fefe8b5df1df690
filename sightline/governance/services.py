"""Writes to governance records. Each runs in a transaction and records who did it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record, field_changes
from sightline.core.concurrency import ensure_unchanged
from sightline.organisation.models import Authority
from sightline.plan.models import Action, Priority

from .models import (
    AgendaItem,
    Board,
    BoardMember,
    Decision,
    Framework,
    Inspection,
    InterventionStatus,
    Judgement,
    Meeting,
    MeetingAction,
    Recommendation,
    RecommendationProgress,
    Risk,
)


def _measures(measure_ids: Iterable[str]) -> list[str]:
    cleaned = [m.strip().upper() for m in measure_ids if m.strip()]
    unknown = [m for m in cleaned if m not in REGISTRY]
    if unknown:
        raise ValidationError({"measure_ids": f"Unknown measure IDs: {', '.join(unknown)}."})
    return cleaned


def _same_authority(authority: Authority, *people: User | None) -> None:
    for person in people:
        if person is not None and person.authority_id != authority.pk:
            raise ValidationError("People must belong to this authority.")


def _priorities(authority: Authority, priorities: Iterable[Priority]) -> list[Priority]:
    chosen = list(priorities)
    if any(p.plan.authority_id != authority.pk for p in chosen):
        raise ValidationError({"priorities": "Priorities must belong to this authority's plan."})
    return chosen


@transaction.atomic
def board_create(
    *, by: User | None, authority: Authority, name: str, kind: str, purpose: str = ""
) -> Board:
    if kind not in Board.Kind.values:
        raise ValidationError({"kind": "Choose the kind of board."})
    if Board.objects.filter(authority=authority, name=name).exists():
        raise ValidationError({"name": "There is already a board with this name."})
    board = Board.objects.create(authority=authority, name=name, kind=kind, purpose=purpose)
    audit_record(actor=by, action="governance.board.create", obj=board, authority=authority)
    return board


@transaction.atomic
def board_member_add(
    *,
    by: User | None,
    board: Board,
    name: str,
    role: str,
    organisation: str = "",
    user: User | None = None,
    is_chair: bool = False,
    is_independent: bool = False,
) -> BoardMember:
    _same_authority(board.authority, user)
    if is_chair and board.members.filter(is_chair=True).exists():
        raise ValidationError({"is_chair": "This board already has a chair."})
    member = BoardMember.objects.create(
        board=board,
        name=name,
        role=role,
        organisation=organisation,
        user=user,
        is_chair=is_chair,
        is_independent=is_independent,
    )
    audit_record(
        actor=by,
        action="governance.board.member_add",
        obj=board,
        authority=board.authority,
        changes={"member": name, "chair": is_chair, "independent": is_independent},
    )
    return member


@transaction.atomic
def meeting_create(*, by: User | None, board: Board, date: date, location: str = "") -> Meeting:
    meeting = Meeting.objects.create(board=board, date=date, location=location)
    audit_record(
        actor=by,
        action="governance.meeting.create",
        obj=meeting,
        authority=board.authority,
        changes={"date": date.isoformat()},
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    by: User | None,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    summary: str = "",
    priorities: Iterable[Priority] = (),
    measure_ids: Iterable[str] = (),
    document_url: str = "",
    order: int | None = None,
) -> AgendaItem:
    authority = meeting.board.authority
    chosen = _priorities(authority, priorities)
    if order is None:
        order = meeting.items.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=order,
        title=title,
        presenter=presenter,
        summary=summary,
        measure_ids=_measures(measure_ids),
        document_url=document_url,
    )
    item.priorities.set(chosen)
    audit_record(
        actor=by,
        action="governance.agenda_item.add",
        obj=meeting,
        authority=authority,
        changes={"item": title, "presenter": presenter},
    )
    return item


@transaction.atomic
def meeting_minutes_save(
    *,
    by: User,
    meeting: Meeting,
    minutes: str,
    seen_version: str | None,
) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_unchanged(current=locked.updated_at, seen=seen_version, what="these minutes")
    before = locked.minutes
    locked.minutes = minutes
    locked.save()
    audit_record(
        actor=by,
        action="governance.meeting.minutes",
        obj=locked,
        authority=locked.board.authority,
        changes=field_changes({"minutes": before}, {"minutes": minutes}),
    )
    return locked


@transaction.atomic
def decision_add(
    *, by: User | None, meeting: Meeting, text: str, item: AgendaItem | None = None
) -> Decision:
    if not text.strip():
        raise ValidationError({"text": "Enter the decision."})
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "That agenda item belongs to another meeting."})
    decision = Decision.objects.create(meeting=meeting, item=item, text=text.strip())
    audit_record(
        actor=by,
        action="governance.decision.add",
        obj=meeting,
        authority=meeting.board.authority,
        changes={"decision": text.strip()},
    )
    return decision


@transaction.atomic
def meeting_action_add(
    *,
    by: User | None,
    meeting: Meeting,
    description: str,
    due_date: date,
    owner: User | None = None,
    owner_name: str = "",
    item: AgendaItem | None = None,
) -> MeetingAction:
    """Record "ACTION: <owner>" from a meeting."""
    _same_authority(meeting.board.authority, owner)
    if owner is None and not owner_name.strip():
        raise ValidationError({"owner": "Say who owns the action."})
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "That agenda item belongs to another meeting."})
    action = MeetingAction.objects.create(
        meeting=meeting,
        item=item,
        description=description,
        owner=owner,
        owner_name=owner_name.strip(),
        due_date=due_date,
    )
    audit_record(
        actor=by,
        action="governance.meeting_action.add",
        obj=action,
        authority=meeting.board.authority,
        changes={"description": description, "owner": action.owner_label},
    )
    return action


@transaction.atomic
def meeting_action_close(
    *,
    by: User,
    meeting_action: MeetingAction,
    closed_on: date,
    note: str,
    seen_version: str | None,
) -> MeetingAction:
    locked = MeetingAction.objects.select_for_update().get(pk=meeting_action.pk)
    ensure_unchanged(current=locked.updated_at, seen=seen_version, what="this meeting action")
    if locked.status == MeetingAction.Status.CLOSED:
        raise ValidationError("This action is already closed.")
    if not note.strip():
        raise ValidationError({"note": "Say what was done, for the action log."})
    locked.status = MeetingAction.Status.CLOSED
    locked.closed_on = closed_on
    locked.closure_note = note.strip()
    locked.save()
    audit_record(
        actor=by,
        action="governance.meeting_action.close",
        obj=locked,
        authority=locked.meeting.board.authority,
        changes={"status": {"from": "open", "to": "closed"}, "note": note.strip()},
    )
    return locked


def _check_risk(likelihood: int, impact: int) -> None:
    if not 1 <= likelihood <= 5:
        raise ValidationError({"likelihood": "Likelihood is from 1 (rare) to 5 (almost certain)."})
    if not 1 <= impact <= 5:
        raise ValidationError({"impact": "Impact is from 1 (minor) to 5 (severe)."})


@transaction.atomic
def risk_create(
    *,
    by: User | None,
    authority: Authority,
    reference: str,
    title: str,
    cause: str,
    consequence: str,
    likelihood: int,
    impact: int,
    owner: User,
    review_date: date,
    mitigations: str = "",
    trend: str = Risk.Trend.STABLE,
    priorities: Iterable[Priority] = (),
    measure_ids: Iterable[str] = (),
) -> Risk:
    _check_risk(likelihood, impact)
    _same_authority(authority, owner)
    if Risk.objects.filter(authority=authority, reference=reference).exists():
        raise ValidationError({"reference": "There is already a risk with this reference."})
    chosen = _priorities(authority, priorities)
    risk = Risk.objects.create(
        authority=authority,
        reference=reference,
        title=title,
        cause=cause,
        consequence=consequence,
        likelihood=likelihood,
        impact=impact,
        owner=owner,
        review_date=review_date,
        mitigations=mitigations,
        trend=trend,
        measure_ids=_measures(measure_ids),
    )
    risk.priorities.set(chosen)
    audit_record(
        actor=by,
        action="governance.risk.create",
        obj=risk,
        authority=authority,
        changes={"score": risk.score, "likelihood": likelihood, "impact": impact},
    )
    return risk


RISK_FIELDS = (
    "title",
    "cause",
    "consequence",
    "likelihood",
    "impact",
    "trend",
    "owner",
    "mitigations",
    "review_date",
    "status",
)


@transaction.atomic
def risk_update(
    *,
    by: User,
    risk: Risk,
    title: str,
    cause: str,
    consequence: str,
    likelihood: int,
    impact: int,
    trend: str,
    owner: User,
    mitigations: str,
    review_date: date,
    status: str = Risk.Status.OPEN,
    priorities: Iterable[Priority] | None = None,
    measure_ids: Iterable[str] | None = None,
    seen_version: str | None,
) -> Risk:
    """Re-score or edit a risk. Refused if someone changed it since ``seen_version``."""
    locked = Risk.objects.select_for_update().get(pk=risk.pk)
    ensure_unchanged(current=locked.updated_at, seen=seen_version, what="this risk")
    _check_risk(likelihood, impact)
    _same_authority(locked.authority, owner)
    before: dict[str, Any] = {f: getattr(locked, f) for f in RISK_FIELDS}
    before["measure_ids"] = ", ".join(locked.measure_ids)
    before["priorities"] = ", ".join(str(p.number) for p in locked.priorities.order_by("number"))
    if measure_ids is not None:
        locked.measure_ids = _measures(measure_ids)
    if priorities is not None:
        locked.priorities.set(_priorities(locked.authority, priorities))
    for name, value in {
        "title": title,
        "cause": cause,
        "consequence": consequence,
        "likelihood": likelihood,
        "impact": impact,
        "trend": trend,
        "owner": owner,
        "mitigations": mitigations,
        "review_date": review_date,
        "status": status,
    }.items():
        setattr(locked, name, value)
    locked.save()
    after: dict[str, Any] = {f: getattr(locked, f) for f in RISK_FIELDS}
    after["measure_ids"] = ", ".join(locked.measure_ids)
    after["priorities"] = ", ".join(str(p.number) for p in locked.priorities.order_by("number"))
    changes = field_changes(before, after)
    if changes:
        audit_record(actor=by, action="governance.risk.update", obj=locked, changes=changes)
    return locked


@transaction.atomic
def inspection_record(
    *,
    by: User | None,
    authority: Authority,
    framework: Framework,
    kind: str,
    start_date: date,
    end_date: date | None = None,
    published_on: date | None = None,
    letter_url: str = "",
    summary: str = "",
    judgements: dict[str, str] | None = None,
) -> Inspection:
    """Record an inspection event with its judgements (grades from the framework's scale)."""
    if kind not in Inspection.Kind.values:
        raise ValidationError({"kind": "Choose the kind of inspection."})
    areas = {a.key: a for a in framework.areas.all()}
    for key, grade in (judgements or {}).items():
        if key not in areas:
            raise ValidationError({"judgements": f"{framework.name} has no judgement {key!r}."})
        if grade not in framework.grades:
            raise ValidationError({"judgements": f"{grade!r} is not a grade in {framework.name}."})
    inspection = Inspection.objects.create(
        authority=authority,
        framework=framework,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        published_on=published_on,
        letter_url=letter_url,
        summary=summary,
    )
    Judgement.objects.bulk_create(
        Judgement(inspection=inspection, area=areas[key], grade=grade)
        for key, grade in (judgements or {}).items()
    )
    audit_record(
        actor=by,
        action="governance.inspection.record",
        obj=inspection,
        authority=authority,
        changes={"judgements": dict(judgements or {})},
    )
    return inspection


@transaction.atomic
def recommendation_add(
    *,
    by: User | None,
    inspection: Inspection,
    number: int,
    text: str,
    priorities: Iterable[Priority] = (),
    actions: Iterable[Action] = (),
) -> Recommendation:
    authority = inspection.authority
    chosen = _priorities(authority, priorities)
    chosen_actions = list(actions)
    if any(a.authority_id != authority.pk for a in chosen_actions):
        raise ValidationError({"actions": "Actions must belong to this authority's plan."})
    rec = Recommendation.objects.create(inspection=inspection, number=number, text=text)
    rec.priorities.set(chosen)
    rec.actions.set(chosen_actions)
    audit_record(
        actor=by,
        action="governance.recommendation.add",
        obj=inspection,
        authority=authority,
        changes={"recommendation": number},
    )
    return rec


@transaction.atomic
def recommendation_progress_add(
    *,
    by: User | None,
    recommendation: Recommendation,
    on: date,
    status: str,
    visit: Inspection | None = None,
    note: str = "",
) -> RecommendationProgress:
    if status not in RecommendationProgress.Status.values:
        raise ValidationError({"status": "Choose a status."})
    if visit is not None and visit.authority_id != recommendation.inspection.authority_id:
        raise ValidationError({"visit": "That visit is another authority's."})
    progress = RecommendationProgress.objects.create(
        recommendation=recommendation, on=on, status=status, visit=visit, note=note
    )
    audit_record(
        actor=by,
        action="governance.recommendation.progress",
        obj=recommendation.inspection,
        authority=recommendation.inspection.authority,
        changes={"recommendation": recommendation.number, "status": status},
    )
    return progress


@transaction.atomic
def intervention_set(
    *, by: User | None, authority: Authority, kind: str, started_on: date, note: str = ""
) -> InterventionStatus:
    """Start a new intervention status; the current one ends the day before."""
    if kind not in InterventionStatus.Kind.values:
        raise ValidationError({"kind": "Choose the intervention status."})
    current = InterventionStatus.objects.filter(authority=authority, ended_on__isnull=True)
    for row in current:
        if row.started_on >= started_on:
            raise ValidationError({"started_on": "This must start after the current status."})
    ended = date.fromordinal(started_on.toordinal() - 1)
    current.update(ended_on=ended)
    status = InterventionStatus.objects.create(
        authority=authority, kind=kind, started_on=started_on, note=note
    )
    audit_record(
        actor=by,
        action="governance.intervention.set",
        obj=status,
        authority=authority,
        changes={"kind": kind, "started_on": started_on.isoformat()},
    )
    return status
