"""The roles people have in Sightline (DESIGN.md, "Roles").

A role decides what a person may do; their scope (authority, locality or team) decides
over which part of the organisation. The predicates in :mod:`sightline.core.permissions`
combine both: views never test a role directly.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    DIRECTOR = "director", "Director / senior leader"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    TEAM_MANAGER = "team_manager", "Team manager"
    ANALYST = "analyst", "Performance analyst"
    QA_LEAD = "qa_lead", "QA lead"
    AUDITOR = "auditor", "Auditor"
    ACTION_OWNER = "action_owner", "Action owner / SRO"
    BOARD_MEMBER = "board_member", "Improvement Board member"
    ELECTED_MEMBER = "elected_member", "Elected member"
    DFE_ADVISER = "dfe_adviser", "DfE adviser"
    ADMIN = "admin", "Administrator"
    REGIONAL_VIEWER = "regional_viewer", "Regional viewer (several authorities)"


#: Roles whose scope is one locality or service.
LOCALITY_SCOPED = frozenset({Role.HEAD_OF_SERVICE})
#: Roles whose scope is one team.
TEAM_SCOPED = frozenset({Role.TEAM_MANAGER})
#: Roles that may see child-level data across the whole authority (every view is logged).
AUTHORITY_CHILD_LEVEL = frozenset({Role.DIRECTOR, Role.ANALYST})
#: Roles that see aggregates only, with small numbers (1–4) suppressed.
SUPPRESSED_AGGREGATES = frozenset({Role.ELECTED_MEMBER, Role.DFE_ADVISER, Role.REGIONAL_VIEWER})
#: Roles that never change anything.
READ_ONLY = frozenset(
    {Role.DFE_ADVISER, Role.BOARD_MEMBER, Role.ELECTED_MEMBER, Role.REGIONAL_VIEWER}
)

#: What each role is for, shown on the home page and the users page.
DESCRIPTIONS: dict[str, str] = {
    Role.DIRECTOR: "Whole authority. Sees child-level data; every view of it is logged.",
    Role.HEAD_OF_SERVICE: "One locality or service. Sees child-level data in that scope.",
    Role.TEAM_MANAGER: "One team. Sees child-level data for that team.",
    Role.ANALYST: "Whole authority. Imports data and sets targets.",
    Role.QA_LEAD: "Runs the case-file audit programme; sees the audited case only.",
    Role.AUDITOR: "Completes the audits assigned to them; sees the audited case only.",
    Role.ACTION_OWNER: "Owns improvement plan actions and reports their progress.",
    Role.BOARD_MEMBER: "Sees aggregates, the improvement plan and reports.",
    Role.ELECTED_MEMBER: "Sees aggregates with small numbers suppressed, and reports; prepares "
    "the scrutiny dashboard.",
    Role.DFE_ADVISER: "Sees aggregates with small numbers suppressed, and reports; writes the "
    "DfE highlight report.",
    Role.ADMIN: "Manages users, the organisation and settings. Sees no child-level data.",
    Role.REGIONAL_VIEWER: "Compares the authorities that share with their region: "
    "aggregates only, small numbers suppressed.",
}
