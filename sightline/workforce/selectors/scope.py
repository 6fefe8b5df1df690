"""Who sees which named staff, vacancies and posts. The units the pages are drawn for are
the organisation's (``sightline.organisation.units``)."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet

from sightline.accounts.models import User
from sightline.core.permissions import can_view_hr_details
from sightline.organisation.models import Team
from sightline.workforce.models import Post, StaffMember, Vacancy

# --- scope -----------------------------------------------------------------------------------


_HR = TypeVar("_HR", StaffMember, Vacancy, Post)


def _hr_scope(qs: QuerySet[_HR], user: User) -> QuerySet[_HR]:
    """The rows of the user's authority (``qs`` already is) they may see: none without HR
    details, their locality's teams for a head of service, else all."""
    if not can_view_hr_details(user):
        return qs.none()
    if user.role == "head_of_service":
        return qs.filter(team__locality_id=user.locality_id or 0)
    return qs


def staff_visible(*, user: User) -> QuerySet[StaffMember]:
    """Named staff this person may see (HR details)."""
    qs = StaffMember.objects.filter(authority_id=user.authority_id or 0)
    return _hr_scope(qs.select_related("team", "team__locality"), user)


def vacancies_visible(*, user: User) -> QuerySet[Vacancy]:
    qs = Vacancy.objects.filter(authority_id=user.authority_id or 0).select_related("team")
    return _hr_scope(qs, user)


def posts_visible(*, user: User) -> QuerySet[Post]:
    qs = Post.objects.filter(authority_id=user.authority_id or 0).select_related("team")
    return _hr_scope(qs, user)


def teams_editable(*, user: User) -> QuerySet[Team]:
    qs = Team.objects.filter(authority_id=user.authority_id or 0, is_active=True)
    if user.role == "head_of_service":
        return qs.filter(locality_id=user.locality_id or 0)
    return qs
