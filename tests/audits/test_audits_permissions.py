"""The audit module's permission predicates (end of sightline/core/permissions.py)."""

from __future__ import annotations

import pytest

from sightline.accounts.models import User
from sightline.audits.models import Audit
from sightline.core import permissions as p
from sightline.organisation.models import Authority, Team

from . import factories

pytestmark = pytest.mark.django_db

EVERYONE = {
    "director",
    "hos",
    "manager",
    "analyst",
    "qa",
    "auditor",
    "owner",
    "board",
    "member",
    "adviser",
    "admin",
}


def _audit(demo: Authority, team: Team, auditor: User) -> Audit:
    return factories.audit(
        framework=factories.framework(demo), team=team, auditor=auditor, child_id="P1"
    )


def test_who_uses_the_module_and_who_sees_cases(users: dict[str, User]) -> None:
    assert {u for u in EVERYONE if p.can_use_audits(users[u])} == EVERYONE - {"admin"}
    assert {u for u in EVERYONE if p.can_see_audit_cases(users[u])} == {
        "director",
        "hos",
        "manager",
        "qa",
        "auditor",
    }
    assert {u for u in EVERYONE if p.can_run_audit_programme(users[u])} == {"qa"}
    # one disclosure setting for every module: the board sees small numbers by default
    assert {u for u in EVERYONE if p.withholds_small_numbers(users[u])} == {"member", "adviser"}


def test_viewing_one_audit_follows_role_and_scope(demo: Authority, users: dict[str, User]) -> None:
    own_team = users["manager"].team
    assert own_team is not None
    far_team = Team.objects.filter(authority=demo).exclude(locality=users["hos"].locality)[0]
    near = _audit(demo, own_team, users["auditor"])
    far = _audit(demo, far_team, users["qa"])
    assert {u for u in EVERYONE if p.can_view_audit(users[u], near)} == {
        "director",
        "hos",
        "manager",
        "qa",
        "auditor",
    }
    assert {u for u in EVERYONE if p.can_view_audit(users[u], far)} == {"director", "qa"}
    assert {u for u in EVERYONE if p.can_complete_audit(users[u], near)} == {"auditor"}
    assert {u for u in EVERYONE if p.can_raise_remedial_action(users[u], near)} == {
        "auditor",
        "qa",
    }
    near.status = Audit.Status.COMPLETED
    assert not p.can_complete_audit(users["auditor"], near)


def test_closing_an_action_is_for_its_owner_or_the_qa_lead(
    demo: Authority, users: dict[str, User]
) -> None:
    own_team = users["manager"].team
    assert own_team is not None
    action = factories.action(
        _audit(demo, own_team, users["auditor"]), by=users["auditor"], owner=users["manager"]
    )
    assert {u for u in EVERYONE if p.can_close_remedial_action(users[u], action)} == {
        "manager",
        "qa",
    }
    action.status = "closed"
    assert not p.can_close_remedial_action(users["manager"], action)
