"""Reads of the organisation."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from .models import Authority, Locality, Team, TeamPlacement


def localities_with_teams(*, authority: Authority) -> QuerySet[Locality]:
    return (
        Locality.objects.filter(authority=authority)
        .prefetch_related(Prefetch("teams", queryset=Team.objects.order_by("name")))
        .order_by("kind", "name")
    )


def unmapped_teams(*, authority: Authority) -> QuerySet[Team]:
    """Teams seen in the data but not yet placed in a locality."""
    return Team.objects.filter(authority=authority, locality__isnull=True, is_active=True)


def team_locality_on(*, team: Team, day: date) -> Locality | None:
    """The locality the team belonged to on ``day`` (for figures from before a move)."""
    placement = (
        TeamPlacement.objects.filter(team=team, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .select_related("locality")
        .first()
    )
    return placement.locality if placement else None


def team_history(*, team: Team) -> QuerySet[TeamPlacement]:
    return TeamPlacement.objects.filter(team=team).select_related("locality", "recorded_by")
