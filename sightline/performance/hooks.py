"""What the performance app adds to the navigation and to the home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_import_data, can_view_aggregates

if TYPE_CHECKING:
    from sightline.accounts.models import User


def _can_see(user: User) -> bool:
    return user.authority is not None and can_view_aggregates(user, user.authority)


def register() -> None:
    from . import import_recovery, imports  # noqa: F401 - registers the import job kinds

    attention_register(imports_awaiting)

    module_register(
        Module(
            key="performance",
            title="Performance",
            url_name="performance:dashboard",
            description="The monthly report along the child's journey: targets, traffic "
            "lights, signal or noise, and DfE comparators.",
            allowed=_can_see,
            order=100,
        )
    )


def imports_awaiting(user: User) -> Iterator[AttentionItem]:
    """For the analyst: uploads waiting for a decision, or no data imported yet."""
    if not can_import_data(user) or user.authority is None:
        return
    from . import selectors

    for imp in selectors.imports_awaiting_decision(authority=user.authority)[:5]:
        yield AttentionItem(
            title=f"Annex A extracted {imp.extract_date:%d/%m/%Y}: accept or abandon",
            detail=f"{imp.errors} errors and {imp.warnings} warnings in the validation report.",
            url=reverse("performance:import_detail", args=[imp.pk]),
            level="due",
        )
    if not selectors.has_imported(authority=user.authority):
        yield AttentionItem(
            title="No Annex A data imported yet",
            detail="Upload an extract to compute the measures.",
            url=reverse("performance:imports"),
            level="info",
        )
