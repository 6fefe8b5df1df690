"""Writes to the improvement plan. Each runs in a transaction and records who did it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record, field_changes
from sightline.core.concurrency import ensure_unchanged
from sightline.organisation.models import Authority

from .evidence import evidence_check, evidence_store
from .models import (
    DONE,
    Action,
    Brag,
    DueDateRevision,
    Evidence,
    MeasureLink,
    Plan,
    Priority,
    ProgressUpdate,
    Workstream,
)

#: Fields of an action whose every change is kept in the history.
ACTION_FIELDS = (
    "reference",
    "description",
    "workstream",
    "sro",
    "lead_officer",
    "start_date",
    "due_date",
    "revised_due_date",
    "status",
    "percent_complete",
)


def _snapshot(action: Action) -> dict[str, Any]:
    return {name: getattr(action, name) for name in ACTION_FIELDS}


def _check_people(authority: Authority, *people: User | None) -> None:
    for person in people:
        if person is not None and person.authority_id != authority.pk:
            raise ValidationError("Owners must belong to this authority.")


def _check_status(
    *, action: Action, status: str, percent_complete: int, has_evidence: bool
) -> None:
    if status not in Brag.values:
        raise ValidationError({"status": "Choose a status."})
    if not 0 <= percent_complete <= 100:
        raise ValidationError({"percent_complete": "Enter a percentage from 0 to 100."})
    if status in DONE and percent_complete != 100:
        raise ValidationError(
            {"percent_complete": "A complete action is 100% complete: change the percentage."}
        )
    if status == Brag.BLUE and not has_evidence:
        raise ValidationError(
            {
                "status": "Blue means the impact is evidenced: attach the evidence of impact, "
                "or choose “Complete: impact not yet evidenced”."
            }
        )


@transaction.atomic
def plan_create(
    *, by: User | None, authority: Authority, title: str, starts_on: date, reason: str = ""
) -> Plan:
    """A new version of the plan; the previous active version is superseded."""
    latest = Plan.objects.filter(authority=authority).aggregate(v=Max("version"))["v"] or 0
    superseded = list(
        Plan.objects.filter(authority=authority, status=Plan.Status.ACTIVE).values_list(
            "pk", flat=True
        )
    )
    Plan.objects.filter(pk__in=superseded).update(status=Plan.Status.SUPERSEDED)
    plan = Plan.objects.create(
        authority=authority, title=title, version=latest + 1, starts_on=starts_on, reason=reason
    )
    audit_record(
        actor=by,
        action="plan.create",
        obj=plan,
        authority=authority,
        changes={"version": plan.version, "superseded": superseded},
    )
    return plan


@transaction.atomic
def priority_create(
    *,
    by: User | None,
    plan: Plan,
    number: int,
    title: str,
    description: str = "",
    sro: User | None = None,
) -> Priority:
    _check_people(plan.authority, sro)
    if Priority.objects.filter(plan=plan, number=number).exists():
        raise ValidationError({"number": f"This plan already has a priority {number}."})
    priority = Priority.objects.create(
        plan=plan, number=number, title=title, description=description, sro=sro
    )
    audit_record(
        actor=by,
        action="plan.priority.create",
        obj=priority,
        authority=plan.authority,
        changes={"title": title, "sro": str(sro) if sro else None},
    )
    return priority


@transaction.atomic
def workstream_create(*, by: User | None, priority: Priority, title: str) -> Workstream:
    workstream = Workstream.objects.create(priority=priority, title=title)
    audit_record(
        actor=by,
        action="plan.workstream.create",
        obj=workstream,
        authority=priority.plan.authority,
    )
    return workstream


@transaction.atomic
def action_create(
    *,
    by: User | None,
    priority: Priority,
    reference: str,
    description: str,
    sro: User,
    start_date: date,
    due_date: date,
    lead_officer: User | None = None,
    workstream: Workstream | None = None,
    status: str = Brag.GREEN,
    percent_complete: int = 0,
) -> Action:
    authority = priority.plan.authority
    _check_people(authority, sro, lead_officer)
    if due_date < start_date:
        raise ValidationError({"due_date": "The due date must be on or after the start date."})
    if Action.objects.filter(priority=priority, reference=reference).exists():
        raise ValidationError(
            {"reference": f"Priority {priority.number} has an action {reference}."}
        )
    if workstream is not None and workstream.priority_id != priority.pk:
        raise ValidationError({"workstream": "That workstream belongs to another priority."})
    action = Action(
        authority=authority,
        priority=priority,
        workstream=workstream,
        reference=reference,
        description=description,
        sro=sro,
        lead_officer=lead_officer,
        start_date=start_date,
        due_date=due_date,
        status=status,
        percent_complete=percent_complete,
    )
    _check_status(
        action=action, status=status, percent_complete=percent_complete, has_evidence=False
    )
    action.save()
    audit_record(
        actor=by,
        action="plan.action.create",
        obj=action,
        authority=authority,
        changes=field_changes({}, _snapshot(action)),
    )
    return action


@transaction.atomic
def action_update(
    *,
    by: User,
    action: Action,
    description: str,
    sro: User,
    lead_officer: User | None,
    start_date: date,
    workstream: Workstream | None = None,
    seen_version: str | None,
) -> Action:
    """Edit an action's description and owners (status moves by progress updates, the due date
    by revisions). Refused if someone changed the action since ``seen_version``."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    ensure_unchanged(current=locked.updated_at, seen=seen_version, what="this action")
    _check_people(locked.authority, sro, lead_officer)
    if workstream is not None and workstream.priority_id != locked.priority_id:
        raise ValidationError({"workstream": "That workstream belongs to another priority."})
    if locked.due_date < start_date and locked.revised_due_date is None:
        raise ValidationError({"start_date": "The start date must be on or before the due date."})
    before = _snapshot(locked)
    locked.description = description
    locked.sro = sro
    locked.lead_officer = lead_officer
    locked.start_date = start_date
    locked.workstream = workstream
    locked.save()
    changes = field_changes(before, _snapshot(locked))
    if changes:
        audit_record(actor=by, action="plan.action.update", obj=locked, changes=changes)
    return locked


@transaction.atomic
def action_revise_due(
    *,
    by: User,
    action: Action,
    new_due: date,
    reason: str,
    seen_version: str | None,
) -> DueDateRevision:
    """Move the due date, keeping the previous date and the reason."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    ensure_unchanged(current=locked.updated_at, seen=seen_version, what="this action")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the due date changes (the board will ask)."})
    previous = locked.current_due
    if new_due == previous:
        raise ValidationError({"new_due": "That is already the due date."})
    if new_due < locked.start_date:
        raise ValidationError({"new_due": "The due date must be on or after the start date."})
    revision = DueDateRevision.objects.create(
        action=locked, previous_due=previous, new_due=new_due, reason=reason, by=by
    )
    locked.revised_due_date = new_due
    locked.save()
    audit_record(
        actor=by,
        action="plan.action.revise_due",
        obj=locked,
        changes={
            "revised_due_date": {"from": previous.isoformat(), "to": new_due.isoformat()},
            "reason": reason,
        },
    )
    return revision


@transaction.atomic
def evidence_add(
    *,
    by: User,
    action: Action,
    upload: UploadedFile,
    description: str = "",
    update: ProgressUpdate | None = None,
) -> Evidence:
    checked = evidence_check(upload=upload)
    stored = evidence_store(checked=checked)
    evidence = Evidence.objects.create(
        action=action,
        update=update,
        description=description,
        original_name=checked.original_name,
        stored_file=stored,
        content_type=checked.content_type,
        size=len(checked.data),
        sha256=checked.sha256,
        uploaded_by=by,
    )
    audit_record(
        actor=by,
        action="plan.evidence.add",
        obj=action,
        changes={"evidence": checked.original_name, "sha256": checked.sha256},
    )
    return evidence


@transaction.atomic
def progress_update_add(
    *,
    by: User,
    action: Action,
    on: date,
    status: str,
    percent_complete: int,
    commentary: str,
    rating_reason: str,
    files: Sequence[UploadedFile] | None = None,
    seen_version: str | None,
) -> ProgressUpdate:
    """Report progress: a dated update that sets the action's BRAG status and % complete.

    Blue needs evidence of impact (attached now or before). Refused if someone changed the
    action since ``seen_version``."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    ensure_unchanged(current=locked.updated_at, seen=seen_version, what="this action")
    if not commentary.strip():
        raise ValidationError({"commentary": "Describe the progress made."})
    if not rating_reason.strip():
        raise ValidationError({"rating_reason": "Say why this is the right rating."})
    files = files or []
    _check_status(
        action=locked,
        status=status,
        percent_complete=percent_complete,
        has_evidence=bool(files) or locked.evidence.exists(),
    )
    update = ProgressUpdate.objects.create(
        action=locked,
        on=on,
        status=status,
        percent_complete=percent_complete,
        commentary=commentary.strip(),
        rating_reason=rating_reason.strip(),
        by=by,
    )
    for upload in files:
        evidence_add(by=by, action=locked, upload=upload, update=update)
    before = _snapshot(locked)
    locked.status = status
    locked.percent_complete = percent_complete
    locked.save()
    audit_record(
        actor=by,
        action="plan.action.progress",
        obj=locked,
        changes={**field_changes(before, _snapshot(locked)), "update_on": on.isoformat()},
    )
    return update


@transaction.atomic
def measure_link_add(
    *,
    by: User | None,
    measure_id: str,
    direction: str,
    target: float | None = None,
    priority: Priority | None = None,
    action: Action | None = None,
) -> MeasureLink:
    """Link a priority or an action to a measure it should move."""
    if (priority is None) == (action is None):
        raise ValueError("link either a priority or an action")
    if measure_id not in REGISTRY:
        raise ValidationError({"measure_id": f"There is no measure {measure_id!r}."})
    if direction not in MeasureLink.Direction.values:
        raise ValidationError({"direction": "Choose which way the measure should move."})
    link = MeasureLink.objects.create(
        priority=priority, action=action, measure_id=measure_id, direction=direction, target=target
    )
    owner = priority if priority is not None else action
    assert owner is not None  # noqa: S101
    authority = priority.plan.authority if priority is not None else action.authority  # type: ignore[union-attr]
    audit_record(
        actor=by,
        action="plan.measure_link.add",
        obj=owner,
        authority=authority,
        changes={"measure_id": measure_id, "direction": direction, "target": target},
    )
    return link


@transaction.atomic
def priority_update(
    *,
    by: User,
    priority: Priority,
    title: str,
    description: str,
    sro: User | None,
    seen_version: str | None,
) -> Priority:
    """Edit a priority. Refused if someone changed it since ``seen_version``."""
    locked = Priority.objects.select_for_update().get(pk=priority.pk)
    ensure_unchanged(current=locked.updated_at, seen=seen_version, what="this priority")
    _check_people(priority.plan.authority, sro)
    before = {"title": locked.title, "description": locked.description, "sro": locked.sro}
    locked.title, locked.description, locked.sro = title, description, sro
    locked.save()
    changes = field_changes(
        before, {"title": locked.title, "description": locked.description, "sro": locked.sro}
    )
    if changes:
        audit_record(
            actor=by,
            action="plan.priority.update",
            obj=locked,
            authority=priority.plan.authority,
            changes=changes,
        )
    return locked


@transaction.atomic
def measure_link_remove(*, by: User, link: MeasureLink) -> None:
    owner: Priority | Action | None = link.priority or link.action
    assert owner is not None  # noqa: S101 - a link always has one owner (constraint)
    authority = link.priority.plan.authority if link.priority else link.action.authority  # type: ignore[union-attr]
    audit_record(
        actor=by,
        action="plan.measure_link.remove",
        obj=owner,
        authority=authority,
        changes={"measure_id": link.measure_id, "direction": link.direction},
    )
    link.delete()


@transaction.atomic
def priority_themes_set(*, by: User, priority: Priority, themes: list[Any]) -> Priority:
    """Link the priority to these case-file audit learning themes (replacing the links)."""
    authority_id = priority.plan.authority_id
    foreign = [t.name for t in themes if t.authority_id != authority_id]
    if foreign:
        raise ValidationError({"themes": f"Not themes of this authority: {', '.join(foreign)}."})
    before = sorted(priority.audit_themes.values_list("name", flat=True))
    priority.audit_themes.set(themes)
    after = sorted(t.name for t in themes)
    if before != after:
        audit_record(
            actor=by,
            action="plan.priority.themes",
            obj=priority,
            authority=priority.plan.authority,
            changes={"audit_themes": {"from": before, "to": after}},
        )
    return priority
