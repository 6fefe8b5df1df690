from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from sightline.accounts.models import User
from sightline.core.permissions import can_manage_users

from .models import Job


def jobs_visible_to(*, user: User) -> QuerySet[Job]:
    """People see their own jobs; administrators see every job in their authority."""
    qs = Job.objects.filter(authority=user.authority).select_related("created_by")
    if not can_manage_users(user):
        qs = qs.filter(created_by=user)
    return qs


def jobs_unfinished_or_failed(*, user: User, since: datetime) -> QuerySet[Job]:
    """Jobs this person started since ``since`` that failed or have not finished."""
    return Job.objects.filter(created_by=user, created_at__gte=since).exclude(
        status=Job.Status.SUCCEEDED
    )
