"""Reads of the audit trail and the access log, always within one authority."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from sightline.organisation.models import Authority

from .models import AccessLogEntry, AuditEvent


@dataclass(frozen=True, kw_only=True)
class TrailFilter:
    """What the audit trail search page asks for (all optional)."""

    who: str = ""
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_event_search(*, authority: Authority, filters: TrailFilter) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.filter(authority=authority)
    if filters.who:
        qs = qs.filter(actor_username__icontains=filters.who)
    if filters.text:
        qs = qs.filter(
            Q(action__icontains=filters.text)
            | Q(object_repr__icontains=filters.text)
            | Q(object_type__icontains=filters.text)
        )
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return qs.order_by("-at", "-id")


def access_log_search(*, authority: Authority, filters: TrailFilter) -> QuerySet[AccessLogEntry]:
    qs = AccessLogEntry.objects.filter(authority=authority)
    if filters.who:
        qs = qs.filter(username__icontains=filters.who)
    if filters.text:
        qs = qs.filter(
            Q(path__icontains=filters.text)
            | Q(subject_type__icontains=filters.text)
            | Q(subject_ids__icontains=filters.text)
        )
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return qs.order_by("-at", "-id")
