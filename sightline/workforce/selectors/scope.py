"""Who sees which named staff, vacancies and posts, and the units (authority, locality,
team) the pages are drawn for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import QuerySet

from sightline.accounts.models import User
from sightline.core.permissions import can_view_hr_details
from sightline.organisation.models import Authority, Locality, Team
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


# --- units -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    key: str
    """``la``, ``locality:<id>`` or ``team:<id>``."""
    name: str
    team_ids: frozenset[int]
    performance_units: tuple[str, ...]
    """The same unit as the performance module names it (``la``, ``team:<name>``)."""


def unit_choices(*, authority: Authority) -> list[tuple[str, str]]:
    choices = [("la", f"{authority.name} (whole authority)")]
    choices.extend(
        (f"locality:{locality.pk}", locality.name)
        for locality in Locality.objects.filter(authority=authority, is_active=True)
    )
    choices.extend(
        (f"team:{team.pk}", f"Team: {team.name}")
        for team in Team.objects.filter(authority=authority, is_active=True)
    )
    return choices


def unit_default(*, user: User) -> str:
    """The unit a person starts on: their team or locality if their role has one."""
    if user.team_id:
        return f"team:{user.team_id}"
    if user.locality_id:
        return f"locality:{user.locality_id}"
    return "la"


def unit_resolve(*, authority: Authority, key: str) -> Unit | None:  # noqa: PLR0911
    teams = Team.objects.filter(authority=authority)
    if key == "la":
        return Unit("la", authority.name, frozenset(teams.values_list("pk", flat=True)), ("la",))
    kind, _, raw = key.partition(":")
    if not raw.isdigit():
        return None
    if kind == "locality":
        locality = Locality.objects.filter(authority=authority, pk=int(raw)).first()
        if locality is None:
            return None
        members = list(teams.filter(locality=locality))
        return Unit(
            key,
            locality.name,
            frozenset(t.pk for t in members),
            tuple(f"team:{t.name}" for t in members),
        )
    if kind == "team":
        team = teams.filter(pk=int(raw)).first()
        if team is None:
            return None
        return Unit(key, team.name, frozenset({team.pk}), (f"team:{team.name}",))
    return None
