"""Writes for the workforce module: each in a transaction, each recorded in the audit trail."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NotRequired, TypedDict, TypeVar, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record, field_changes
from sightline.core.concurrency import ensure_unchanged
from sightline.organisation.models import Authority, Team

from .models import (
    Post,
    StaffMember,
    TeamSpell,
    TrainingCompletion,
    TrainingProgramme,
    Vacancy,
    WorkforceTarget,
)


class StaffFields(TypedDict):
    """A worker's record, as the staff services take it (keyword arguments)."""

    reference: str
    name: str
    role: str
    contract: str
    fte: Decimal
    start_date: date
    leave_date: NotRequired[date | None]
    leaving_reason: NotRequired[str]
    asye_status: NotRequired[str]
    asye_start: NotRequired[date | None]
    accredited_on: NotRequired[date | None]
    caseload: NotRequired[int | None]


class VacancyFields(TypedDict):
    """A vacancy, as the vacancy services take it (keyword arguments)."""

    role: str
    fte: Decimal
    opened_on: date
    filled_on: NotRequired[date | None]
    agency_cover: NotRequired[bool]
    note: NotRequired[str]


class PostFields(TypedDict):
    """A post in the establishment, as the post services take it (keyword arguments)."""

    role: str
    fte: Decimal
    reference: NotRequired[str]
    is_active: NotRequired[bool]


#: A worker's fields, in the order the audit trail and the HR import list them.
STAFF_FIELDS = tuple(StaffFields.__annotations__)


def _check_team(authority: Authority, team: Team) -> None:
    if team.authority_id != authority.pk:
        raise ValidationError({"team": "That team is not in this authority."})


def _check_fte(fte: Decimal) -> None:
    if not Decimal("0.01") <= fte <= Decimal("1.5"):
        raise ValidationError({"fte": "FTE must be between 0.01 and 1.5."})


def _check_staff(values: dict[str, Any]) -> None:
    _check_fte(values["fte"])
    leave = values.get("leave_date")
    if leave is not None and leave < values["start_date"]:
        raise ValidationError({"leave_date": "The leaving date must be on or after the start."})
    if leave is None and values.get("leaving_reason"):
        raise ValidationError({"leaving_reason": "Give a leaving date, or no leaving reason."})


def _close_spell(staff: StaffMember) -> None:
    if staff.leave_date is not None:
        TeamSpell.objects.filter(staff=staff, valid_to__isnull=True).update(
            valid_to=staff.leave_date + timedelta(days=1)
        )


def staff_create(
    *,
    by: User | None,
    authority: Authority,
    team: Team,
    **fields: Unpack[StaffFields],
) -> StaffMember:
    """Add a worker and open their first team spell on their start date."""
    values: dict[str, Any] = dict(fields)
    _check_team(authority, team)
    _check_staff(values)
    with transaction.atomic():
        if StaffMember.objects.filter(authority=authority, reference=fields["reference"]).exists():
            raise ValidationError({"reference": "Someone already has that employee reference."})
        staff = StaffMember.objects.create(authority=authority, team=team, **values)
        TeamSpell.objects.create(staff=staff, team=team, valid_from=staff.start_date)
        _close_spell(staff)
        audit_record(actor=by, action="workforce.staff_created", obj=staff, authority=authority)
    return staff


def staff_update(
    *,
    by: User | None,
    staff: StaffMember,
    seen_version: str | None,
    team: Team,
    moved_on: date | None = None,
    **fields: Unpack[StaffFields],
) -> StaffMember:
    """Change a worker's details. A new team opens a spell from ``moved_on`` (default today).
    Refused if someone changed the worker since ``seen_version``."""
    values: dict[str, Any] = dict(fields)
    _check_team(staff.authority, team)
    _check_staff(values)
    with transaction.atomic():
        current = StaffMember.objects.select_for_update().get(pk=staff.pk)
        ensure_unchanged(current=current.updated_at, seen=seen_version, what="this worker")
        clash = StaffMember.objects.filter(
            authority=current.authority, reference=fields["reference"]
        ).exclude(pk=current.pk)
        if clash.exists():
            raise ValidationError({"reference": "Someone already has that employee reference."})
        before = {f: getattr(current, f) for f in (*STAFF_FIELDS, "team")}
        if team.pk != current.team_id:
            day = moved_on or timezone.localdate()
            if day <= current.start_date:
                raise ValidationError({"moved_on": "The move must be after their start date."})
            TeamSpell.objects.filter(staff=current, valid_to__isnull=True).update(valid_to=day)
            TeamSpell.objects.create(staff=current, team=team, valid_from=day)
            current.team = team
        for key, value in values.items():
            setattr(current, key, value)
        current.save()
        if current.leave_date is None:
            # Re-opened (leave date removed): the last spell runs on.
            last = current.spells.order_by("-valid_from").first()
            if last is not None and last.valid_to is not None:
                last.valid_to = None
                last.save(update_fields=["valid_to"])
        else:
            TeamSpell.objects.filter(staff=current).exclude(valid_to__isnull=True).filter(
                valid_to__gt=current.leave_date + timedelta(days=1)
            ).update(valid_to=current.leave_date + timedelta(days=1))
            _close_spell(current)
        after = {f: getattr(current, f) for f in (*STAFF_FIELDS, "team")}
        audit_record(
            actor=by,
            action="workforce.staff_updated",
            obj=current,
            authority=current.authority,
            changes=field_changes(before, after),
        )
    return current


def _check_vacancy(authority: Authority, team: Team, values: dict[str, Any]) -> None:
    _check_team(authority, team)
    _check_fte(values["fte"])
    if values.get("filled_on") and values["filled_on"] < values["opened_on"]:
        raise ValidationError({"filled_on": "The filled date must be on or after it opened."})


def vacancy_create(
    *,
    by: User | None,
    authority: Authority,
    team: Team,
    **fields: Unpack[VacancyFields],
) -> Vacancy:
    """Open a vacancy in a team."""
    values: dict[str, Any] = dict(fields)
    _check_vacancy(authority, team, values)
    return _add(
        Vacancy,
        by=by,
        authority=authority,
        team=team,
        action="workforce.vacancy_opened",
        values=values,
    )


def vacancy_update(
    *,
    by: User | None,
    vacancy: Vacancy,
    seen_version: str | None,
    team: Team,
    **fields: Unpack[VacancyFields],
) -> Vacancy:
    """Change a vacancy (or fill it). Refused if someone changed it since ``seen_version``."""
    values: dict[str, Any] = dict(fields)
    _check_vacancy(vacancy.authority, team, values)
    return _change(
        vacancy, what="vacancy", by=by, seen_version=seen_version, team=team, values=values
    )


def post_create(
    *,
    by: User | None,
    authority: Authority,
    team: Team,
    **fields: Unpack[PostFields],
) -> Post:
    """Add a post to a team's establishment."""
    _check_team(authority, team)
    _check_fte(fields["fte"])
    return _add(
        Post,
        by=by,
        authority=authority,
        team=team,
        action="workforce.post_created",
        values=dict(fields),
    )


def post_update(
    *,
    by: User | None,
    post: Post,
    seen_version: str | None,
    team: Team,
    **fields: Unpack[PostFields],
) -> Post:
    """Change a post. Refused if someone changed it since ``seen_version``."""
    _check_team(post.authority, team)
    _check_fte(fields["fte"])
    return _change(
        post, what="post", by=by, seen_version=seen_version, team=team, values=dict(fields)
    )


_Row = TypeVar("_Row", Vacancy, Post)


def _add(
    model: type[_Row],
    *,
    by: User | None,
    authority: Authority,
    team: Team,
    action: str,
    values: dict[str, Any],
) -> _Row:
    """A new vacancy or post in ``team``, and ``action`` in the audit trail."""
    with transaction.atomic():
        row = model.objects.create(authority=authority, team=team, **values)
        audit_record(actor=by, action=action, obj=row, authority=authority)
    return row


def _change(
    row: _Row,
    *,
    what: str,
    by: User | None,
    seen_version: str | None,
    team: Team,
    values: dict[str, Any],
) -> _Row:
    """Change a vacancy or a post if nobody changed it since ``seen_version``, recorded in the
    audit trail field by field."""
    with transaction.atomic():
        locked = type(row).objects.select_for_update().get(pk=row.pk, authority=row.authority)
        ensure_unchanged(current=locked.updated_at, seen=seen_version, what=f"this {what}")
        fields = (*values, "team")
        before = {f: getattr(locked, f) for f in fields}
        locked.team = team
        for key, value in values.items():
            setattr(locked, key, value)
        locked.save()
        audit_record(
            actor=by,
            action=f"workforce.{what}_updated",
            obj=locked,
            authority=locked.authority,
            changes=field_changes(before, {f: getattr(locked, f) for f in fields}),
        )
    return locked


def programme_create(
    *, by: User | None, authority: Authority, name: str, is_core: bool, description: str = ""
) -> TrainingProgramme:
    with transaction.atomic():
        if TrainingProgramme.objects.filter(authority=authority, name=name).exists():
            raise ValidationError({"name": "There is already a programme with that name."})
        row = TrainingProgramme.objects.create(
            authority=authority, name=name, is_core=is_core, description=description
        )
        audit_record(actor=by, action="workforce.programme_created", obj=row, authority=authority)
    return row


def completion_record(
    *, by: User | None, programme: TrainingProgramme, staff: StaffMember, completed_on: date
) -> TrainingCompletion:
    if staff.authority_id != programme.authority_id:
        raise ValidationError("That worker is not in this authority.")
    if completed_on < staff.start_date:
        raise ValidationError({"completed_on": "Completed before they started?"})
    with transaction.atomic():
        row, _created = TrainingCompletion.objects.update_or_create(
            programme=programme,
            staff=staff,
            defaults={"completed_on": completed_on, "recorded_by": by},
        )
        audit_record(
            actor=by,
            action="workforce.training_completed",
            obj=staff,
            authority=programme.authority,
            changes={"programme": programme.name, "completed_on": str(completed_on)},
        )
    return row


def workforce_target_set(
    *,
    by: User,
    authority: Authority,
    measure: str,
    target: float | None,
    tolerance: float | None,
    effective_from: date,
    reason: str = "",
) -> WorkforceTarget:
    """Set a workforce measure's target from a date (earlier targets stay in the history)."""
    from .selectors import DEFAULT_TARGETS

    if measure not in DEFAULT_TARGETS:
        raise ValidationError({"measure": "Targets can be set for the rates only."})
    if target is not None and not 0 <= target <= 100:
        raise ValidationError({"target": "A rate target is a percentage between 0 and 100."})
    if tolerance is not None and tolerance < 0:
        raise ValidationError({"tolerance": "The tolerance cannot be negative."})
    with transaction.atomic():
        row = WorkforceTarget.objects.create(
            authority=authority,
            measure=measure,
            target=target,
            tolerance=tolerance,
            effective_from=effective_from,
            reason=reason,
            set_by=by,
        )
        audit_record(
            actor=by,
            action="workforce.target_set",
            obj=row,
            authority=authority,
            changes={"measure": measure, "target": target, "tolerance": tolerance},
        )
    return row
