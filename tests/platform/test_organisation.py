"""Authorities, localities and teams, with the history of team moves."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.organisation import selectors, services
from sightline.organisation.models import Authority, Locality, ReferenceAuthority, Team

pytestmark = pytest.mark.django_db


def test_reference_list_holds_every_english_authority_with_codes(reference_data: None) -> None:
    assert ReferenceAuthority.objects.count() == 153
    glos = ReferenceAuthority.objects.get(dfe_code="916")
    assert glos.name == "Gloucestershire"
    assert glos.ons_code == "E10000013"
    assert glos.region_name == "South West"
    assert glos.population_year == 2024
    assert glos.child_population == 133163
    assert len(glos.statistical_neighbours) == 10
    # London boroughs belong to the London region (as the neighbour model has it), not to
    # Inner or Outer London as the population file files them.
    barnet = ReferenceAuthority.objects.get(dfe_code="302")
    assert (barnet.region_name, barnet.region_code) == ("London", "E12000007")
    # Loading again updates rather than duplicates.
    again = services.reference_authorities_load(
        data_dir=__import__("django.conf").conf.settings.SIGHTLINE_DFE_DATA_DIR
    )
    assert (again.created, again.updated) == (0, 153)


def test_reference_load_names_the_missing_file(tmp_path, db: None) -> None:
    with pytest.raises(
        services.ReferenceDataError, match=r"sn_model_2025_wide\.csv: file not found"
    ):
        services.reference_authorities_load(data_dir=tmp_path)


def test_demo_authority_is_fictional_and_benchmarks_as_gloucestershire(demo: Authority) -> None:
    assert demo.name == "Anyshire"
    assert demo.is_fictional
    assert (demo.dfe_code, demo.ons_code) == ("", "")
    assert demo.benchmark_as.dfe_code == "916"
    assert demo.localities.count() == 7
    assert Team.objects.filter(authority=demo, locality__isnull=True).count() == 0


def test_a_real_authority_takes_its_codes_from_the_dfe_list(reference_data: None) -> None:
    herefordshire = ReferenceAuthority.objects.get(name="Herefordshire, County of")
    authority = services.authority_create(
        by=None, name="Herefordshire Council", benchmark_as=herefordshire
    )
    assert (authority.dfe_code, authority.ons_code) == ("884", herefordshire.ons_code)


def test_team_move_keeps_history_and_answers_where_a_team_was(
    demo: Authority, users: dict[str, User]
) -> None:
    team = Team.objects.filter(authority=demo).order_by("name")[0]
    old = team.locality
    new = Locality.objects.filter(authority=demo).exclude(pk=old.pk)[0]
    services.team_move(by=users["admin"], team=team, to=new, effective=date(2025, 4, 1))
    team.refresh_from_db()
    assert team.locality == new
    assert selectors.team_locality_on(team=team, day=date(2025, 3, 31)) == old
    assert selectors.team_locality_on(team=team, day=date(2025, 4, 1)) == new
    history = list(selectors.team_history(team=team))
    assert [(p.locality, p.valid_to) for p in history] == [
        (old, date(2025, 4, 1)),
        (new, None),
    ]
    event = AuditEvent.objects.get(action="team.move")
    assert event.actor == users["admin"]
    assert event.changes["locality"] == {"from": old.name, "to": new.name}


def test_team_move_refuses_a_date_before_the_current_placement(
    demo: Authority, users: dict[str, User]
) -> None:
    team = Team.objects.filter(authority=demo).order_by("name")[0]
    other = Locality.objects.filter(authority=demo).exclude(pk=team.locality_id)[0]
    with pytest.raises(ValidationError, match="must be after 01/04/2023"):
        services.team_move(by=users["admin"], team=team, to=other, effective=date(2023, 4, 1))
    assert not AuditEvent.objects.filter(action="team.move").exists()


def test_no_one_crosses_authorities(demo: Authority, users: dict[str, User]) -> None:
    other = services.authority_create(
        by=None,
        name="Otherborough",
        benchmark_as=ReferenceAuthority.objects.get(dfe_code="302"),
    )
    foreign = services.locality_create(by=None, authority=other, name="Far Away")
    team = Team.objects.filter(authority=demo)[0]
    with pytest.raises(ValidationError, match="another authority"):
        services.team_move(by=users["admin"], team=team, to=foreign, effective=date(2025, 1, 1))
    foreign_team = services.team_create(
        by=None, authority=other, name="Far Team", locality=foreign, effective=date(2025, 1, 1)
    )
    from django.test import Client

    client = Client()
    client.force_login(users["director"])
    url = reverse("organisation:team_detail", args=[foreign_team.pk])
    assert client.get(url).status_code == 404


def test_admin_adds_a_team_through_the_form(client_for, demo: Authority) -> None:
    locality = Locality.objects.filter(authority=demo)[0]
    client = client_for("admin")
    response = client.post(
        reverse("organisation:team_create"),
        {"name": "  New   Edge Team ", "locality": locality.pk, "effective": "01/05/2025"},
    )
    assert response.status_code == 302
    team = Team.objects.get(authority=demo, name="New Edge Team")
    assert team.placements.get().valid_from == date(2025, 5, 1)
    duplicate = client.post(
        reverse("organisation:team_create"),
        {"name": "new edge team", "locality": locality.pk, "effective": "01/05/2025"},
    )
    assert duplicate.status_code == 200
    assert "already has a team called" in duplicate.content.decode()


def test_admin_sees_unmapped_teams_on_their_home_page(client_for, demo: Authority) -> None:
    services.team_create(
        by=None,
        authority=demo,
        name="Team From The Data",
        locality=None,
        effective=date(2025, 6, 1),
    )
    home = client_for("admin").get(reverse("home:home")).content.decode()
    assert "1 team not in any locality" in home
    assert "Team From The Data" in home
