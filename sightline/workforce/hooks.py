"""What the workforce app adds to the navigation and the home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_import_hr, can_view_workforce

if TYPE_CHECKING:
    from sightline.accounts.models import User


def register() -> None:
    from . import imports  # noqa: F401 - registers the import job kinds

    attention_register(no_staff_yet)
    module_register(
        Module(
            key="workforce",
            title="Workforce",
            url_name="workforce:overview",
            description="Social workers in post, agency and vacancy rates, turnover, caseloads "
            "and the Academy, team by team, beside the DfE workforce figures.",
            allowed=can_view_workforce,
            order=400,
        )
    )


def no_staff_yet(user: User) -> Iterator[AttentionItem]:
    """For those who import the HR spreadsheet: nothing recorded yet."""
    if not can_import_hr(user):
        return
    from .models import StaffMember

    if not StaffMember.objects.filter(authority_id=user.authority_id or 0).exists():
        yield AttentionItem(
            title="No workforce data yet",
            detail="Import the HR spreadsheet to see agency, vacancy and turnover rates.",
            url=reverse("workforce:import_upload"),
            level="info",
        )
