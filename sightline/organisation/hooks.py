"""What the organisation app adds to the navigation and to the home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_edit_organisation, can_view_organisation

from . import selectors

if TYPE_CHECKING:
    from sightline.accounts.models import User


def teams_without_locality(user: User) -> Iterator[AttentionItem]:
    if not can_edit_organisation(user) or user.authority is None:
        return
    names = list(selectors.unmapped_teams(authority=user.authority).values_list("name", flat=True))
    if names:
        yield AttentionItem(
            title=f"{len(names)} team{'s' if len(names) != 1 else ''} not in any locality",
            detail="Map them so their figures roll up: "
            + ", ".join(names[:5])
            + ("…" if len(names) > 5 else "."),
            url=reverse("organisation:overview"),
            level="due",
        )


def register() -> None:
    module_register(
        Module(
            key="organisation",
            title="Organisation",
            url_name="organisation:overview",
            description="Localities, services and teams, and which team sits where.",
            allowed=can_view_organisation,
            order=800,
        )
    )
    attention_register(teams_without_locality)
