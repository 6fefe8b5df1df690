"""What the workforce app adds to the navigation and the home page."""

from __future__ import annotations

from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_view_workforce


def register() -> None:
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
