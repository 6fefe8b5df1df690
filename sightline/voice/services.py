"""Writes for the voice module: each in a transaction, each recorded in the audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record, field_changes
from sightline.core.concurrency import ensure_unchanged
from sightline.organisation.models import Authority

from .models import BoardSubmission, Feedback, ImpactStatement, ParticipationEvent, Theme

MAX_THEMES = 8


def _themes(authority: Authority, names: list[str]) -> list[Theme]:
    cleaned: list[str] = []
    for name in names:
        label = " ".join(name.split())[:60]
        if label and label.lower() not in {c.lower() for c in cleaned}:
            cleaned.append(label[0].upper() + label[1:])
    if len(cleaned) > MAX_THEMES:
        raise ValidationError({"themes": f"Choose at most {MAX_THEMES} themes."})
    themes = []
    for label in cleaned:
        existing = Theme.objects.filter(authority=authority, name__iexact=label).first()
        themes.append(existing or Theme.objects.create(authority=authority, name=label))
    return themes


def _check_feedback(authority: Authority, values: dict[str, Any]) -> None:
    team, locality = values.get("team"), values.get("locality")
    if team is not None and team.authority_id != authority.pk:
        raise ValidationError({"team": "That team is not in this authority."})
    if locality is not None and locality.authority_id != authority.pk:
        raise ValidationError({"locality": "That service is not in this authority."})
    if values.get("anonymous") and values.get("attributed_to"):
        raise ValidationError(
            {"attributed_to": "Anonymous feedback cannot have a name: clear one or the other."}
        )
    if values["received_on"] > timezone.localdate():
        raise ValidationError({"received_on": "The date cannot be in the future."})
    if not values["words"].strip():
        raise ValidationError({"words": "Enter their words."})


def feedback_save(
    *,
    by: User,
    authority: Authority,
    themes: list[str],
    feedback: Feedback | None = None,
    version: str | None = None,
    **values: Any,
) -> Feedback:
    """Record (``feedback=None``) or correct a piece of feedback."""
    _check_feedback(authority, values)
    with transaction.atomic():
        theme_rows = _themes(authority, themes)
        if feedback is None:
            row = Feedback.objects.create(authority=authority, recorded_by=by, **values)
            row.themes.set(theme_rows)
            audit_record(actor=by, action="voice.feedback_recorded", obj=row, authority=authority)
            return row
        row = Feedback.objects.select_for_update().get(pk=feedback.pk, authority=authority)
        ensure_unchanged(current=row.updated_at, seen=version, what="this feedback")
        before = {f: getattr(row, f) for f in values}
        before["themes"] = ", ".join(sorted(t.name for t in row.themes.all()))
        for key, value in values.items():
            setattr(row, key, value)
        row.save()
        row.themes.set(theme_rows)
        after = {f: getattr(row, f) for f in values}
        after["themes"] = ", ".join(sorted(t.name for t in theme_rows))
        audit_record(
            actor=by,
            action="voice.feedback_updated",
            obj=row,
            authority=authority,
            changes=field_changes(before, after),
        )
    return row


def impact_save(
    *,
    by: User,
    authority: Authority,
    statement: ImpactStatement | None = None,
    version: str | None = None,
    **values: Any,
) -> ImpactStatement:
    if values["given_on"] > timezone.localdate():
        raise ValidationError({"given_on": "The date cannot be in the future."})
    linked = values.get("plan_priority")
    if linked is not None and linked.plan.authority_id != authority.pk:
        raise ValidationError({"plan_priority": "Choose a priority of this authority's plan."})
    with transaction.atomic():
        if statement is None:
            row = ImpactStatement.objects.create(authority=authority, recorded_by=by, **values)
            audit_record(actor=by, action="voice.impact_recorded", obj=row, authority=authority)
            return row
        row = ImpactStatement.objects.select_for_update().get(pk=statement.pk, authority=authority)
        ensure_unchanged(current=row.updated_at, seen=version, what="this impact statement")
        before = {f: getattr(row, f) for f in values}
        for key, value in values.items():
            setattr(row, key, value)
        row.save()
        audit_record(
            actor=by,
            action="voice.impact_updated",
            obj=row,
            authority=authority,
            changes=field_changes(before, {f: getattr(row, f) for f in values}),
        )
    return row


def submission_create(*, by: User, authority: Authority, **values: Any) -> BoardSubmission:
    if values["response_due"] < values["meeting_date"]:
        raise ValidationError({"response_due": "The response is due after the meeting."})
    chosen = values.get("board_meeting")
    if chosen is not None and chosen.board.authority_id != authority.pk:
        raise ValidationError({"board_meeting": "Choose a meeting of this authority's boards."})
    with transaction.atomic():
        row = BoardSubmission.objects.create(authority=authority, recorded_by=by, **values)
        audit_record(actor=by, action="voice.submission_recorded", obj=row, authority=authority)
    return row


def submission_respond(
    *,
    by: User,
    submission: BoardSubmission,
    response: str,
    responded_on: date,
    we_did: str = "",
    version: str | None = None,
) -> BoardSubmission:
    """Record the Chair's response (and what changed), so 'you said, we did' is visible."""
    if not response.strip():
        raise ValidationError({"response": "Enter the Chair's response."})
    if responded_on < submission.meeting_date:
        raise ValidationError({"responded_on": "The response cannot come before the meeting."})
    if responded_on > timezone.localdate():
        raise ValidationError({"responded_on": "The date cannot be in the future."})
    with transaction.atomic():
        row = BoardSubmission.objects.select_for_update().get(pk=submission.pk)
        ensure_unchanged(current=row.updated_at, seen=version, what="this submission")
        before = {"response": row.response, "responded_on": row.responded_on, "we_did": row.we_did}
        row.response, row.responded_on, row.we_did = response, responded_on, we_did
        row.responded_by = by
        row.save()
        audit_record(
            actor=by,
            action="voice.submission_responded",
            obj=row,
            authority=row.authority,
            changes=field_changes(
                before, {"response": response, "responded_on": responded_on, "we_did": we_did}
            ),
        )
    return row


def participation_event_create(
    *, by: User, authority: Authority, **values: Any
) -> ParticipationEvent:
    if values["held_on"] > timezone.localdate():
        raise ValidationError({"held_on": "Record an event once it has been held."})
    with transaction.atomic():
        row = ParticipationEvent.objects.create(authority=authority, recorded_by=by, **values)
        audit_record(actor=by, action="voice.event_recorded", obj=row, authority=authority)
    return row
