"""What the performance app adds to the navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_view_aggregates

if TYPE_CHECKING:
    from sightline.accounts.models import User


def _can_see(user: User) -> bool:
    return user.authority is not None and can_view_aggregates(user, user.authority)


def register() -> None:
    module_register(
        Module(
            key="performance",
            title="Performance",
            url_name="performance:benchmarks",
            description="Published DfE comparators: England, region and statistical "
            "neighbours for each measure that has one.",
            allowed=_can_see,
            order=100,
        )
    )
