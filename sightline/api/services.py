"""Writes: create and revoke API tokens (each recorded in the audit trail)."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record

from .models import ApiToken

TOKEN_PREFIX = "sl_"  # noqa: S105 - a label, not a secret
MAX_ACTIVE_TOKENS = 5


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it and the key, which is never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter what the token is for"})
    active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            f"You have {MAX_ACTIVE_TOKENS} tokens already: revoke one you no longer use first"
        )
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:80], prefix=key[:10], key_hash=token_hash(key)
    )
    audit_record(
        actor=user,
        action="api_token.create",
        obj=token,
        authority=user.authority,
        changes={"name": token.name, "prefix": token.prefix},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, by: User, token: ApiToken) -> ApiToken:
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.user_id != by.pk:
        raise ValidationError("You can only revoke your own tokens")
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit_record(
            actor=by,
            action="api_token.revoke",
            obj=locked,
            authority=by.authority,
            changes={"name": locked.name, "prefix": locked.prefix},
        )
    return locked


def api_token_user(key: str) -> User | None:
    """The active user a token belongs to (and note that it was used), or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
