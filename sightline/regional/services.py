"""Writes: adding an authority to the deployment, regions, and what an authority shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.accounts.services import user_create
from sightline.auditlog.services import audit_record
from sightline.core.roles import Role
from sightline.organisation.branding import authority_brand_set
from sightline.organisation.models import Authority, ReferenceAuthority
from sightline.organisation.services import authority_create, locality_create, team_create

from .models import Region, RegionGrant


@dataclass(frozen=True)
class NewAuthority:
    authority: Authority
    administrator: User


def parse_teams(text: str) -> list[tuple[str, str]]:
    """``Team name | Locality`` lines (the locality may be left out) as pairs."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        team, _, locality = line.partition("|")
        if not team.strip():
            raise ValidationError({"teams": f"Line {number} ({line.strip()!r}) names no team."})
        pairs.append((" ".join(team.split()), locality.strip()))
    return pairs


@transaction.atomic
def authority_onboard(
    *,
    by: User | None,
    name: str,
    benchmark_as: ReferenceAuthority,
    localities: list[str],
    teams: list[tuple[str, str]],
    admin_username: str,
    admin_email: str,
    admin_first_name: str = "",
    admin_last_name: str = "",
    is_fictional: bool = False,
    region: Region | None = None,
    brand_colour: str = "",
    effective: date,
) -> NewAuthority:
    """Add an authority with its localities and teams (``(team, locality name)``; an empty
    locality leaves the team unmapped), its brand colour and its first administrator, who
    sets a password from the reset email. All or nothing."""
    authority = authority_create(
        by=by, name=name, benchmark_as=benchmark_as, is_fictional=is_fictional
    )
    made = {}
    for locality_name in localities:
        if locality_name.strip():
            made[locality_name.strip().lower()] = locality_create(
                by=by, authority=authority, name=locality_name
            )
    for team_name, locality_name in teams:
        locality = None
        if locality_name:
            locality = made.get(locality_name.lower())
            if locality is None:
                raise ValidationError(
                    {"teams": f"Team {team_name!r}: no locality called {locality_name!r}."}
                )
        team_create(
            by=by, authority=authority, name=team_name, locality=locality, effective=effective
        )
    administrator = user_create(
        by=by,
        authority=authority,
        username=admin_username,
        role=Role.ADMIN,
        first_name=admin_first_name,
        last_name=admin_last_name,
        email=admin_email,
        job_title="Sightline administrator",
    )
    if brand_colour:
        authority_brand_set(by=by, authority=authority, colour=brand_colour)
    if region is not None:
        region_grant_set(by=by, authority=authority, region=region, measure_ids=[])
    return NewAuthority(authority=authority, administrator=administrator)


@transaction.atomic
def region_create(*, by: User | None, name: str) -> Region:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the region's name."})
    region, created = Region.objects.get_or_create(name=name)
    if created:
        audit_record(actor=by, action="region.create", obj=region, changes={"name": name})
    return region


@transaction.atomic
def region_viewer_add(*, by: User | None, region: Region, viewer: User) -> None:
    """Let a regional viewer (who belongs to no authority) see the region."""
    if viewer.role != Role.REGIONAL_VIEWER or viewer.authority_id is not None:
        raise ValidationError("Only a regional viewer, outside any authority, views a region.")
    region.viewers.add(viewer)
    audit_record(
        actor=by, action="region.viewer_add", obj=region, changes={"viewer": viewer.username}
    )


@transaction.atomic
def region_grant_set(
    *, by: User | None, authority: Authority, region: Region, measure_ids: list[str]
) -> RegionGrant:
    """What ``authority`` shares with ``region``: these measures' authority-wide figures
    (an empty list shares nothing)."""
    unknown = sorted(set(measure_ids) - set(REGISTRY))
    if unknown:
        raise ValidationError({"measure_ids": f"Not a measure: {', '.join(unknown)}."})
    grant, _ = RegionGrant.objects.select_for_update().get_or_create(
        region=region, authority=authority
    )
    before = list(grant.measure_ids)
    grant.measure_ids = sorted(set(measure_ids))
    grant.granted_by = by
    grant.save()
    audit_record(
        actor=by,
        action="region.grant_set",
        obj=grant,
        authority=authority,
        changes={"measure_ids": {"from": before, "to": grant.measure_ids}},
    )
    return grant


@transaction.atomic
def regional_viewer_create(
    *,
    by: User | None,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    job_title: str = "",
    password: str | None = None,
) -> User:
    """A regional viewer's account: in no authority; sees only what regions are granted."""

    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"The username {username!r} is already taken."})
    viewer = User(
        username=username,
        role=Role.REGIONAL_VIEWER,
        authority=None,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
    )
    if password:
        viewer.set_password(password)
    else:
        viewer.set_unusable_password()
    viewer.save()
    audit_record(actor=by, action="user.create", obj=viewer, changes={"role": Role.REGIONAL_VIEWER})
    return viewer
