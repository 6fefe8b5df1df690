"""Writes to people's accounts. Each records who did it, in the same transaction."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.auditlog.services import audit_record, field_changes
from sightline.core.concurrency import ensure_unchanged
from sightline.core.roles import LOCALITY_SCOPED, TEAM_SCOPED, Role
from sightline.organisation.models import Authority, Locality, Team

from .models import User

_TRACKED = (
    "first_name",
    "last_name",
    "email",
    "job_title",
    "role",
    "locality",
    "team",
    "is_active",
)


def _snapshot(user: User) -> dict[str, Any]:
    return {name: getattr(user, name) for name in _TRACKED}


def _check_scope(
    *, authority: Authority, role: str, locality: Locality | None, team: Team | None
) -> tuple[Locality | None, Team | None]:
    """The scope a role needs, or a ValidationError naming the missing or foreign field."""
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    if role in LOCALITY_SCOPED:
        if locality is None:
            raise ValidationError({"locality": "Choose the locality or service they lead."})
        if locality.authority_id != authority.pk:
            raise ValidationError({"locality": "That locality belongs to another authority."})
        return locality, None
    if role in TEAM_SCOPED:
        if team is None:
            raise ValidationError({"team": "Choose the team they manage."})
        if team.authority_id != authority.pk:
            raise ValidationError({"team": "That team belongs to another authority."})
        return None, team
    return None, None


@transaction.atomic
def user_create(
    *,
    by: User | None,
    authority: Authority,
    username: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    job_title: str = "",
    locality: Locality | None = None,
    team: Team | None = None,
    password: str | None = None,
) -> User:
    """Create a person's account. Without a password they set one from the reset email."""
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"The username {username!r} is already taken."})
    locality, team = _check_scope(authority=authority, role=role, locality=locality, team=team)
    user = User(
        authority=authority,
        username=username,
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        job_title=job_title.strip(),
        locality=locality,
        team=team,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=by,
        action="user.create",
        obj=user,
        authority=authority,
        changes=field_changes({}, _snapshot(user)),
    )
    return user


@transaction.atomic
def user_update(
    *,
    by: User,
    user: User,
    role: str,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    locality: Locality | None,
    team: Team | None,
    is_active: bool,
    seen_version: str | None = None,
) -> User:
    """Change a person's details, role, scope or whether they may sign in.

    ``seen_version`` is the version the editor's page showed: a stale edit is refused."""
    user = User.objects.select_for_update().get(pk=user.pk)
    ensure_unchanged(current=user.updated_at, seen=seen_version, what=user.username)
    if user.authority is None:
        raise ValidationError("Platform accounts without an authority are managed elsewhere.")
    if user.pk == by.pk and (not is_active or role != Role.ADMIN):
        raise ValidationError(
            {"role": "You cannot remove your own administrator role or deactivate yourself."}
        )
    before = _snapshot(user)
    locality, team = _check_scope(authority=user.authority, role=role, locality=locality, team=team)
    user.role = role
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.email, user.job_title = email.strip(), job_title.strip()
    user.locality, user.team, user.is_active = locality, team, is_active
    user.full_clean(exclude=["password"])
    user.save()
    changes = field_changes(before, _snapshot(user))
    if changes:
        audit_record(actor=by, action="user.update", obj=user, changes=changes)
    return user


@transaction.atomic
def user_unlock(*, by: User, user: User) -> int:
    """Clear the failed sign-in attempts that lock ``user`` out; returns how many were cleared."""
    attempts = AccessAttempt.objects.filter(username=user.username)
    cleared: int = attempts.count()
    attempts.delete()
    audit_record(actor=by, action="user.unlock", obj=user, changes={"attempts_cleared": cleared})
    return cleared


@transaction.atomic
def user_set_password(*, by: User | None, user: User, password: str) -> None:
    """Set a password (the demo set-up and the change-password page use this)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=by, action="user.set_password", obj=user, authority=user.authority)
