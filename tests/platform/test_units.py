"""One unit type and one key for a part of the authority, whichever page asks (issue 18)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from sightline.accounts.models import User
from sightline.organisation.models import Authority, Locality, Team
from sightline.organisation.units import unit_choices, unit_default, unit_resolve
from sightline.performance import dashboard, figures
from sightline.performance.children import DrillDownError, org_unit

pytestmark = pytest.mark.django_db


def test_the_three_kinds_resolve_with_their_scope_teams_and_stored_units(demo: Authority) -> None:
    locality = Locality.objects.filter(authority=demo, teams__isnull=False).first()
    assert locality is not None
    members = list(Team.objects.filter(locality=locality).order_by("name"))
    team = members[0]

    whole = unit_resolve(authority=demo, key="la")
    assert whole is not None
    assert (whole.kind, whole.scope, whole.figure_units) == ("la", demo, ("la",))
    assert whole.team_ids == frozenset(
        Team.objects.filter(authority=demo).values_list("pk", flat=True)
    )

    area = unit_resolve(authority=demo, key=f"locality:{locality.pk}")
    assert area is not None
    assert (area.kind, area.name, area.scope) == ("locality", locality.name, locality)
    assert sorted(area.figure_units) == [f"team:{t.name}" for t in members]
    assert area.team_ids == frozenset(t.pk for t in members)

    one = unit_resolve(authority=demo, key=f"team:{team.name}")
    assert one is not None
    assert (one.kind, one.scope, one.team_ids, one.figure_units) == (
        "team",
        team,
        frozenset({team.pk}),
        (f"team:{team.name}",),
    )


def test_a_team_only_in_the_data_is_a_unit_of_the_whole_authority(demo: Authority) -> None:
    found = unit_resolve(authority=demo, key="team:Closed in 2024")
    assert found is not None
    assert found.scope == demo  # only people who see the whole authority see it
    assert found.team_ids == frozenset()
    assert found.figure_units == ("team:Closed in 2024",)


@pytest.mark.parametrize("key", ["", "team:", "locality:", "locality:abc", "locality:999999", "x"])
def test_keys_that_name_nothing_resolve_to_none(demo: Authority, key: str) -> None:
    assert unit_resolve(authority=demo, key=key) is None
    assert figures.units_for(authority=demo, unit=key) == []


def test_another_authoritys_locality_is_not_a_unit_here(demo: Authority) -> None:
    other = Authority.objects.create(name="Elsewhere", benchmark_as=demo.benchmark_as)
    elsewhere = Locality.objects.create(authority=other, name="North", kind="locality")
    assert unit_resolve(authority=demo, key=f"locality:{elsewhere.pk}") is None
    with pytest.raises(DrillDownError, match="There is no locality"):
        org_unit(authority=demo, unit=f"locality:{elsewhere.pk}")


def test_each_reader_starts_on_the_same_key_in_performance_and_workforce(
    users: dict[str, User], demo: Authority
) -> None:
    manager, hos = users["manager"], users["hos"]
    assert manager.team is not None
    assert unit_default(user=manager) == f"team:{manager.team.name}"
    assert unit_default(user=hos) == f"locality:{hos.locality_id}"
    assert unit_default(user=users["director"]) == "la"
    # the workforce's choices and the dashboard's use the same keys for the same places
    workforce_keys = {key for key, _ in unit_choices(authority=demo)}
    dashboard_keys = {key for key, _ in dashboard.unit_choices(authority=demo)}
    assert {k for k in dashboard_keys if not k.startswith("team:")} <= workforce_keys


def test_the_team_stability_table_links_each_team_by_its_unit_key(
    client_for: Callable[[str], Client], demo: Authority
) -> None:
    team = Team.objects.filter(authority=demo, is_active=True).order_by("name").first()
    assert team is not None
    page = client_for("director").get(reverse("workforce:teams")).content.decode()
    link = f"?unit=team:{team.name.replace(' ', '%20')}"
    assert link in page
    overview = client_for("director").get(reverse("workforce:overview") + link)
    assert overview.status_code == 200
    assert team.name in overview.content.decode()


def test_the_figure_store_reads_the_same_units_as_the_resolver(demo: Authority) -> None:
    locality = Locality.objects.filter(authority=demo, teams__isnull=False).first()
    assert locality is not None
    team = Team.objects.filter(authority=demo).first()
    assert team is not None
    for key in ("la", f"locality:{locality.pk}", f"team:{team.name}", "team:Only in the data"):
        found = unit_resolve(authority=demo, key=key)
        assert found is not None
        assert figures.units_for(authority=demo, unit=key) == list(found.figure_units)
