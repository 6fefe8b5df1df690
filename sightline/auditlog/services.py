"""Writes to the audit trail. Every service that changes data calls :func:`audit_record`.

``audit_record`` must run inside the caller's transaction, so that the change and its record
are committed together or not at all; it refuses to run outside one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction

from sightline.accounts.models import User
from sightline.organisation.models import Authority

from .models import AccessLogEntry, AuditEvent


class AuditOutsideTransactionError(RuntimeError):
    """A write was recorded outside a transaction: the record could outlive a rolled-back change."""


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose values differ, as ``{field: {"from": old, "to": new}}``."""
    changed: dict[str, dict[str, Any]] = {}
    for key in sorted(set(before) | set(after)):
        old, new = _jsonable(before.get(key)), _jsonable(after.get(key))
        if old != new:
            changed[key] = {"from": old, "to": new}
    return changed


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    authority: Authority | None = None,
    changes: Mapping[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Record who did what to which object, now, in the current transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransactionError(
            f"audit_record({action!r}) must be called inside transaction.atomic()"
        )
    if authority is None and actor is not None:
        authority = actor.authority
    return AuditEvent.objects.create(
        authority=authority,
        actor=actor,
        actor_username=actor.username if actor is not None else (actor_label or "system"),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=dict(changes or {}),
    )


def access_record(
    *,
    user: User,
    path: str,
    subject_type: str,
    subject_ids: Iterable[str],
    purpose: str = "",
) -> AccessLogEntry:
    """Log that ``user`` was shown child-level data (call it from every such view)."""
    return AccessLogEntry.objects.create(
        authority=user.authority,
        user=user,
        username=user.username,
        path=path[:500],
        subject_type=subject_type,
        subject_ids=[str(s) for s in subject_ids],
        purpose=purpose[:200],
    )
