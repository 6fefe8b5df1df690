"""What the regional app adds to the navigation."""

from __future__ import annotations

from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_add_authority, can_manage_sharing, can_view_regional


def register() -> None:
    module_register(
        Module(
            key="regional",
            title="Region",
            url_name="regional:overview",
            description="Compare the authorities that share their figures with your region.",
            allowed=can_view_regional,
            order=15,
        )
    )
    module_register(
        Module(
            key="regional_sharing",
            title="Sharing with regions",
            url_name="regional:sharing",
            description="Decide which measures your authority shares with each region.",
            allowed=can_manage_sharing,
            order=95,
            in_header=False,
        )
    )
    module_register(
        Module(
            key="deployment_authorities",
            title="Add an authority",
            url_name="regional:authority_add",
            description="Add an authority to this deployment, with its first administrator.",
            allowed=can_add_authority,
            order=96,
            in_header=False,
        )
    )
