"""What the accounts app adds to the navigation and to the home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_manage_users

from . import selectors

if TYPE_CHECKING:
    from .models import User


def locked_accounts(user: User) -> Iterator[AttentionItem]:
    if not can_manage_users(user) or user.authority is None:
        return
    locked = selectors.locked_out_usernames(authority=user.authority)
    if locked:
        yield AttentionItem(
            title=f"{len(locked)} account{'s' if len(locked) != 1 else ''} locked out",
            detail="Locked after repeated failed sign-ins: " + ", ".join(sorted(locked)) + ".",
            url=reverse("accounts:user_list"),
            level="urgent",
        )


def never_signed_in(user: User) -> Iterator[AttentionItem]:
    if not can_manage_users(user) or user.authority is None:
        return
    count = selectors.never_signed_in_count(authority=user.authority)
    if count:
        yield AttentionItem(
            title=f"{count} active user{'s' if count != 1 else ''} never signed in",
            detail="Check they received the link to set a password.",
            url=reverse("accounts:user_list"),
            level="info",
        )


def register() -> None:
    module_register(
        Module(
            key="users",
            title="Users",
            url_name="accounts:user_list",
            description="Add people, give them a role and a scope, unlock accounts.",
            allowed=can_manage_users,
            order=900,
        )
    )
    attention_register(locked_accounts)
    attention_register(never_signed_in)
