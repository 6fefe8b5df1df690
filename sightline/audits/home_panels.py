"""What the audit module puts on a team manager's, head of service's or director's first
screen: the audit actions overdue in their team, locality or authority (found by the home app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from sightline.core.attention import HomePanel, PanelLine, home_panel_register
from sightline.core.permissions import can_use_audits
from sightline.core.roles import Role

from . import selectors

if TYPE_CHECKING:
    from sightline.accounts.models import User

#: Who answers for the actions raised in their unit's audits.
UNIT_LEADS = {
    Role.TEAM_MANAGER: "your team",
    Role.HEAD_OF_SERVICE: "your locality",
    Role.DIRECTOR: "the authority",
}
MAX_LINES = 5


def overdue_actions(user: User) -> HomePanel | None:
    where = UNIT_LEADS.get(user.role)  # type: ignore[call-overload]
    if where is None or not can_use_audits(user):
        return None
    today = timezone.localdate()
    overdue = list(
        selectors.actions_overdue(qs=selectors.actions_visible(user=user), today=today).order_by(
            "due_date", "pk"
        )[: MAX_LINES + 1]
    )
    url = reverse("audits:actions") + "?show=overdue"
    lines = tuple(
        PanelLine(
            text=action.description[:90] + ("…" if len(action.description) > 90 else ""),
            url=url,
            detail=f"Due {action.due_date:%-d %b %Y}; {action.audit.team.name}; "
            f"owner {action.owner.display_name}.",
            tag=f"{(today - action.due_date).days} days overdue",
            tag_colour="red",
        )
        for action in overdue[:MAX_LINES]
    )
    return HomePanel(
        key="audits.overdue",
        title=f"Audit actions overdue in {where}",
        lines=lines,
        empty=f"No audit action in {where} is past its due date.",
        lead="The oldest first; more on the actions page." if len(overdue) > MAX_LINES else "",
        more_url=url,
        more_text="Every overdue audit action",
        order=30,
    )


home_panel_register(overdue_actions)
