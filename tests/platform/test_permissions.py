"""The permission predicates: role × scope × unit."""

from __future__ import annotations

import pytest

from sightline.accounts.models import User
from sightline.core import permissions as p
from sightline.organisation.models import Authority, Locality, ReferenceAuthority, Team
from sightline.organisation.services import authority_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(demo: Authority, users: dict[str, User]) -> dict[str, object]:
    hos_locality = users["hos"].locality
    manager_team = users["manager"].team
    return {
        "authority": demo,
        "own_locality": hos_locality,
        "other_locality": Locality.objects.filter(authority=demo).exclude(pk=hos_locality.pk)[0],
        "own_team": manager_team,
        "sibling_team": Team.objects.filter(locality=hos_locality).exclude(pk=manager_team.pk)[0],
        "far_team": Team.objects.filter(authority=demo).exclude(locality=hos_locality)[0],
    }


# username → the units where they may see child-level data
CHILD_LEVEL = {
    "director": {
        "authority",
        "own_locality",
        "other_locality",
        "own_team",
        "sibling_team",
        "far_team",
    },
    "analyst": {
        "authority",
        "own_locality",
        "other_locality",
        "own_team",
        "sibling_team",
        "far_team",
    },
    "hos": {"own_locality", "own_team", "sibling_team"},
    "manager": {"own_team"},
    "qa": set(),
    "auditor": set(),
    "owner": set(),
    "board": set(),
    "member": set(),
    "adviser": set(),
    "admin": set(),
}


@pytest.mark.parametrize("username", sorted(CHILD_LEVEL))
def test_child_level_access_follows_role_and_scope(
    username: str, users: dict[str, User], units: dict[str, object]
) -> None:
    allowed = {
        name for name, unit in units.items() if p.can_view_child_level(users[username], unit)
    }
    assert allowed == CHILD_LEVEL[username]


def test_nobody_sees_another_authority(users: dict[str, User]) -> None:
    other = authority_create(
        by=None, name="Elsewhere", benchmark_as=ReferenceAuthority.objects.get(dfe_code="302")
    )
    for user in users.values():
        assert not p.can_view_child_level(user, other)
        assert not p.can_view_aggregates(user, other)


def test_small_numbers_are_suppressed_for_members_and_the_dfe(users: dict[str, User]) -> None:
    suppressed = {name for name, user in users.items() if p.withholds_small_numbers(user)}
    assert suppressed == {"member", "adviser"}
    assert p.disclosure_policy_for(None).suppress  # nobody signed in: withheld


def test_the_authority_setting_decides_for_every_module(
    users: dict[str, User], demo: Authority
) -> None:
    demo.disclosure_withheld_roles = ["board_member"]
    demo.disclosure_threshold = 10
    demo.save()
    board = type(users["board"]).objects.get(pk=users["board"].pk)
    policy = p.disclosure_policy_for(board)
    assert policy.suppress
    assert policy.threshold == 10
    member = type(users["member"]).objects.get(pk=users["member"].pk)
    assert p.disclosure_policy_for(member).suppress  # members are always withheld
    director = type(users["director"]).objects.get(pk=users["director"].pk)
    assert not p.disclosure_policy_for(director).suppress


def test_only_the_analyst_imports_and_sets_targets(users: dict[str, User]) -> None:
    assert {n for n, u in users.items() if p.can_import_data(u)} == {"analyst"}
    assert {n for n, u in users.items() if p.can_set_targets(u)} == {"analyst"}


def test_administrators_see_no_figures(users: dict[str, User], demo: Authority) -> None:
    assert not p.can_view_aggregates(users["admin"], demo)
    assert p.can_view_aggregates(users["board"], demo)


def test_anonymous_and_inactive_people_have_no_rights(users: dict[str, User], demo) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not p.can_view_aggregates(AnonymousUser(), demo)  # type: ignore[arg-type]
    director = users["director"]
    director.is_active = False
    assert not p.can_view_child_level(director, demo)


@pytest.mark.parametrize("username", sorted(CHILD_LEVEL))
def test_workers_are_seen_where_children_are(
    username: str, users: dict[str, User], units: dict[str, object]
) -> None:
    """The table of named workers is built from children's records: the same scope."""
    allowed = {name for name, unit in units.items() if p.can_view_workers(users[username], unit)}
    assert allowed == CHILD_LEVEL[username]
