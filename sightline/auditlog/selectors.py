"""Reads of the audit trail and the access log, always within one authority."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Q, QuerySet

from sightline.organisation.models import Authority

from .models import AccessLogEntry, AuditEvent

_Row = TypeVar("_Row", AuditEvent, AccessLogEntry)


@dataclass(frozen=True, kw_only=True)
class TrailFilter:
    """What the audit trail search page asks for (all optional)."""

    who: str = ""
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _search(
    qs: QuerySet[_Row], *, who_field: str, text_fields: tuple[str, ...], filters: TrailFilter
) -> QuerySet[_Row]:
    if filters.who:
        qs = qs.filter(**{f"{who_field}__icontains": filters.who})
    if filters.text:
        match = Q()
        for name in text_fields:
            match |= Q(**{f"{name}__icontains": filters.text})
        qs = qs.filter(match)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return qs.order_by("-at", "-id")


def audit_event_search(*, authority: Authority, filters: TrailFilter) -> QuerySet[AuditEvent]:
    return _search(
        AuditEvent.objects.filter(authority=authority),
        who_field="actor_username",
        text_fields=("action", "object_repr", "object_type"),
        filters=filters,
    )


def access_log_search(*, authority: Authority, filters: TrailFilter) -> QuerySet[AccessLogEntry]:
    return _search(
        AccessLogEntry.objects.filter(authority=authority),
        who_field="username",
        text_fields=("path", "subject_type", "subject_ids"),
        filters=filters,
    )
