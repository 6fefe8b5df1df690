"""Writes for the voice module: each in a transaction, each recorded in the audit trail."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, TypeVar, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record, field_changes
from sightline.core.concurrency import ensure_unchanged
from sightline.organisation.models import Authority, Locality, Team

from .models import BoardSubmission, Feedback, ImpactStatement, ParticipationEvent, Theme

if TYPE_CHECKING:
    from sightline.governance.models import Meeting
    from sightline.plan.models import Priority

MAX_THEMES = 8


class FeedbackFields(TypedDict):
    """A piece of feedback, as the feedback services take it (keyword arguments)."""

    received_on: date
    source: str
    channel: str
    team: NotRequired[Team | None]
    locality: NotRequired[Locality | None]
    words: str
    sentiment: str
    consent_to_share: NotRequired[bool]
    anonymous: NotRequired[bool]
    attributed_to: NotRequired[str]


class ImpactFields(TypedDict):
    """An impact statement, as the impact services take it (keyword arguments)."""

    title: str
    contributor: str
    involvement: str
    before: str
    after: str
    given_on: date
    plan_priority: NotRequired[Priority | None]
    priority: NotRequired[str]
    consent_to_share: NotRequired[bool]


class SubmissionFields(TypedDict):
    """A submission to a Board meeting (keyword arguments of ``submission_create``)."""

    group: str
    title: str
    summary: str
    link: NotRequired[str]
    board_meeting: NotRequired[Meeting | None]
    meeting: str
    meeting_date: date
    response_due: date


class EventFields(TypedDict):
    """A participation event (keyword arguments of ``participation_event_create``)."""

    group: str
    title: str
    held_on: date
    participants: int
    summary: str
    outcome: NotRequired[str]


#: The fields of each, in the order their forms show them.
IMPACT_FIELDS = tuple(ImpactFields.__annotations__)
SUBMISSION_FIELDS = tuple(SubmissionFields.__annotations__)
EVENT_FIELDS = tuple(EventFields.__annotations__)


_Recorded = TypeVar("_Recorded", ImpactStatement, BoardSubmission, ParticipationEvent)


def _record(
    model: type[_Recorded], *, by: User, authority: Authority, action: str, values: dict[str, Any]
) -> _Recorded:
    """A new row recorded by ``by``, and its ``action`` in the audit trail."""
    with transaction.atomic():
        row = model.objects.create(authority=authority, recorded_by=by, **values)
        audit_record(actor=by, action=action, obj=row, authority=authority)
    return row


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


def feedback_create(
    *,
    by: User,
    authority: Authority,
    themes: list[str],
    **fields: Unpack[FeedbackFields],
) -> Feedback:
    """Record a piece of feedback, with its themes (new themes are added)."""
    values: dict[str, Any] = dict(fields)
    _check_feedback(authority, values)
    with transaction.atomic():
        theme_rows = _themes(authority, themes)
        row = Feedback.objects.create(authority=authority, recorded_by=by, **values)
        row.themes.set(theme_rows)
        audit_record(actor=by, action="voice.feedback_recorded", obj=row, authority=authority)
    return row


def feedback_update(
    *,
    by: User,
    feedback: Feedback,
    seen_version: str | None,
    themes: list[str],
    **fields: Unpack[FeedbackFields],
) -> Feedback:
    """Correct a piece of feedback. Refused if someone changed it since ``seen_version``."""
    values: dict[str, Any] = dict(fields)
    authority = feedback.authority
    _check_feedback(authority, values)
    with transaction.atomic():
        theme_rows = _themes(authority, themes)
        row = Feedback.objects.select_for_update().get(pk=feedback.pk, authority=authority)
        ensure_unchanged(current=row.updated_at, seen=seen_version, what="this feedback")
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


def _check_impact(authority: Authority, values: dict[str, Any]) -> None:
    if values["given_on"] > timezone.localdate():
        raise ValidationError({"given_on": "The date cannot be in the future."})
    linked = values.get("plan_priority")
    if linked is not None and linked.plan.authority_id != authority.pk:
        raise ValidationError({"plan_priority": "Choose a priority of this authority's plan."})


def impact_create(
    *,
    by: User,
    authority: Authority,
    **fields: Unpack[ImpactFields],
) -> ImpactStatement:
    """Record an impact statement."""
    values: dict[str, Any] = dict(fields)
    _check_impact(authority, values)
    return _record(
        ImpactStatement, by=by, authority=authority, action="voice.impact_recorded", values=values
    )


def impact_update(
    *,
    by: User,
    statement: ImpactStatement,
    seen_version: str | None,
    **fields: Unpack[ImpactFields],
) -> ImpactStatement:
    """Change an impact statement. Refused if someone changed it since ``seen_version``."""
    values: dict[str, Any] = dict(fields)
    authority = statement.authority
    _check_impact(authority, values)
    with transaction.atomic():
        row = ImpactStatement.objects.select_for_update().get(pk=statement.pk, authority=authority)
        ensure_unchanged(current=row.updated_at, seen=seen_version, what="this impact statement")
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


def submission_create(
    *,
    by: User,
    authority: Authority,
    **fields: Unpack[SubmissionFields],
) -> BoardSubmission:
    """Record what the Ambassadors (or another group) put to a Board meeting."""
    if fields["response_due"] < fields["meeting_date"]:
        raise ValidationError({"response_due": "The response is due after the meeting."})
    chosen = fields.get("board_meeting")
    if chosen is not None and chosen.board.authority_id != authority.pk:
        raise ValidationError({"board_meeting": "Choose a meeting of this authority's boards."})
    return _record(
        BoardSubmission,
        by=by,
        authority=authority,
        action="voice.submission_recorded",
        values=dict(fields),
    )


def submission_respond(
    *,
    by: User,
    submission: BoardSubmission,
    seen_version: str | None,
    response: str,
    responded_on: date,
    we_did: str = "",
) -> BoardSubmission:
    """Record the Chair's response (and what changed), so 'you said, we did' is visible.
    Refused if someone changed the submission since ``seen_version``."""
    if not response.strip():
        raise ValidationError({"response": "Enter the Chair's response."})
    if responded_on < submission.meeting_date:
        raise ValidationError({"responded_on": "The response cannot come before the meeting."})
    if responded_on > timezone.localdate():
        raise ValidationError({"responded_on": "The date cannot be in the future."})
    with transaction.atomic():
        row = BoardSubmission.objects.select_for_update().get(pk=submission.pk)
        ensure_unchanged(current=row.updated_at, seen=seen_version, what="this submission")
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
    *,
    by: User,
    authority: Authority,
    **fields: Unpack[EventFields],
) -> ParticipationEvent:
    """Record a participation event once it has been held."""
    if fields["held_on"] > timezone.localdate():
        raise ValidationError({"held_on": "Record an event once it has been held."})
    return _record(
        ParticipationEvent,
        by=by,
        authority=authority,
        action="voice.event_recorded",
        values=dict(fields),
    )
