"""Several authorities in one deployment: adding one (page and command), what each shares
with a region, and the regional view — which shows nothing an authority did not share,
nothing of an authority that did not grant it, and no small number."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.core.roles import Role
from sightline.organisation.models import Authority, Locality, ReferenceAuthority, Team
from sightline.performance.models import AnnexAImport, StoredMeasureValue
from sightline.regional.models import Region
from sightline.regional.services import (
    authority_onboard,
    region_create,
    region_grant_set,
    region_viewer_add,
    regional_viewer_create,
)
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def figure(authority: Authority, measure_id: str, period: str, num: int, den: int | None) -> None:
    imp = AnnexAImport.objects.filter(authority=authority).first() or AnnexAImport.objects.create(
        authority=authority,
        extract_date=date(2025, 3, 31),
        original_name="a.xlsx",
        stored_file=f"imports/{authority.slug}.xlsx",
        size=1,
        sha256="0" * 64,
        status=AnnexAImport.Status.IMPORTED,
    )
    value = num if den is None else 100 * num / den
    StoredMeasureValue.objects.create(
        annex_import=imp,
        authority=authority,
        measure_id=measure_id,
        period=period,
        unit="la",
        numerator=num,
        denominator=den,
        value=value,
    )


def new_authority(name: str, code: str, region: Region | None = None) -> Authority:
    return authority_onboard(
        by=None,
        name=name,
        benchmark_as=ReferenceAuthority.objects.get(dfe_code=code),
        is_fictional=True,
        localities=["North", "South"],
        teams=[("Assessment North", "North"), ("Assessment South", "South"), ("Unmapped", "")],
        admin_username=f"admin-{name.lower()}",
        admin_email=f"admin@{name.lower()}.example",
        region=region,
        effective=date(2026, 11, 1),
    ).authority


@pytest.fixture
def region(demo: Authority) -> Region:
    """Anyshire and Bramblewick share with the region; Fenmarsh shares with another."""
    region = region_create(by=None, name="Westmoor alliance")
    other = region_create(by=None, name="Elsewhere alliance")
    bramble = new_authority("Bramblewick", "865", region)
    fen = new_authority("Fenmarsh", "933")
    figure(demo, "FD01", "2025-03", 812, None)
    figure(demo, "CP03", "2025-03", 3, 4)  # a small count
    figure(demo, "AS02", "2025-03", 400, 500)  # not shared by Anyshire
    figure(bramble, "FD01", "2025-02", 501, None)
    figure(bramble, "FD01", "2025-03", 517, None)
    figure(bramble, "CP03", "2025-03", 90, 120)
    figure(fen, "FD01", "2025-03", 999_999, None)  # shares only with the other region
    region_grant_set(by=None, authority=demo, region=region, measure_ids=["FD01", "CP03"])
    region_grant_set(by=None, authority=bramble, region=region, measure_ids=["FD01", "CP03"])
    region_grant_set(by=None, authority=fen, region=other, measure_ids=list(REGISTRY))
    viewer = regional_viewer_create(by=None, username="regional", password=DEMO_PASSWORD)
    region_viewer_add(by=None, region=region, viewer=viewer)
    return region


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_an_authority_is_added_with_localities_teams_and_its_first_administrator(
    reference_data: None,
) -> None:
    authority = new_authority("Bramblewick", "865")
    assert set(Locality.objects.filter(authority=authority).values_list("name", flat=True)) == {
        "North",
        "South",
    }
    teams = {
        t.name: t.locality.name if t.locality else None
        for t in Team.objects.filter(authority=authority)
    }
    assert teams == {"Assessment North": "North", "Assessment South": "South", "Unmapped": None}
    admin = User.objects.get(username="admin-bramblewick")
    assert (admin.authority, admin.role, admin.has_usable_password()) == (
        authority,
        Role.ADMIN,
        False,
    )
    assert AuditEvent.objects.filter(action="authority.create").count() == 1


def test_an_unknown_locality_adds_nothing(reference_data: None) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="no locality called 'East'"):
        authority_onboard(
            by=None,
            name="Bramblewick",
            benchmark_as=ReferenceAuthority.objects.get(dfe_code="865"),
            localities=["North"],
            teams=[("Team A", "East")],
            admin_username="a1",
            admin_email="a@b.example",
            effective=date(2026, 11, 1),
        )
    assert not Authority.objects.filter(name="Bramblewick").exists()


def test_the_deployment_administrator_adds_an_authority_on_the_page(reference_data: None) -> None:
    root = User.objects.create_superuser("root", "root@example.org", "x" * 20)
    client = Client()
    client.force_login(root)
    url = reverse("regional:authority_add")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Fenmarsh",
            "benchmark_as": ReferenceAuthority.objects.get(dfe_code="933").pk,
            "localities": "Town\nRural",
            "teams": "Duty Team | Town\nCare Team | Rural",
            "admin_username": "fen-admin",
            "admin_email": "fen@fenmarsh.example",
        },
    )
    assert response.status_code == 302
    fen = Authority.objects.get(name="Fenmarsh")
    assert fen.teams.count() == 2
    assert User.objects.get(username="fen-admin").authority == fen


def test_the_command_adds_an_authority(reference_data: None) -> None:
    call_command(
        "add_authority",
        "Fenmarsh",
        "--benchmark",
        "933",
        "--locality",
        "Town",
        "--team",
        "Duty Team|Town",
        "--admin-username",
        "fen-admin",
        "--admin-email",
        "fen@fenmarsh.example",
    )
    assert Team.objects.get(name="Duty Team").locality.name == "Town"


def test_only_a_superuser_may_add_an_authority(users: dict[str, User]) -> None:
    url = reverse("regional:authority_add")
    for username in users:
        assert signed_in(username).get(url).status_code == 403


def test_regional_view_shows_only_what_each_granting_authority_shared(region: Region) -> None:
    page = signed_in("regional").get(reverse("regional:overview"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Anyshire" in html
    assert "Bramblewick" in html
    assert "812" in html
    assert "517" in html
    assert "501" not in html  # the latest month only
    assert "75.0%" in html
    # Not granted to this region: Fenmarsh and its figure.
    assert "Fenmarsh" not in html
    assert "999,999" not in html
    # Not shared by Anyshire: AS02.
    assert "AS02" not in html
    assert "80.0%" not in html
    # A small count (3 of 4) is withheld, with the note.
    assert "[c]" in html
    assert "withheld to protect children&#x27;s privacy: a count from 1 to 4" in html


def test_taking_back_a_grant_removes_the_authority_from_the_region(
    region: Region, demo: Authority
) -> None:
    region_grant_set(by=None, authority=demo, region=region, measure_ids=[])
    html = signed_in("regional").get(reverse("regional:overview")).content.decode()
    assert "Anyshire" not in html
    assert "812" not in html


def test_a_regional_viewer_reaches_no_authority_page(region: Region) -> None:
    client = signed_in("regional")
    for name in (
        "performance:dashboard",
        "performance:imports",
        "organisation:overview",
        "audits:home",
        "plan:index",
        "workforce:overview",
        "voice:overview",
        "governance:index",
        "auditlog:trail",
        "api:tokens",
        "regional:sharing",
    ):
        assert client.get(reverse(name)).status_code in {403, 404}, name
    assert client.get(reverse("home:home")).status_code == 200


def test_another_regions_viewer_sees_nothing_of_this_region(region: Region) -> None:
    stranger = regional_viewer_create(by=None, username="stranger", password=DEMO_PASSWORD)
    html = signed_in("stranger").get(reverse("regional:overview")).content.decode()
    assert "Anyshire" not in html
    assert "not been given a region" in html
    assert stranger.regions.count() == 0


def test_an_authority_decides_what_it_shares(region: Region, demo: Authority) -> None:
    client = signed_in("director")
    assert client.get(reverse("regional:sharing")).status_code == 200
    url = reverse("regional:sharing_edit", args=[region.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"measure_ids": ["FD01"]}).status_code == 302
    grant = region.grants.get(authority=demo)
    assert grant.measure_ids == ["FD01"]
    assert AuditEvent.objects.filter(action="region.grant_set", authority=demo).exists()
    html = signed_in("regional").get(reverse("regional:overview")).content.decode()
    assert "[c]" not in html  # CP03 is no longer shared by Anyshire


def test_an_authority_has_its_own_brand_colour_in_the_header(region: Region) -> None:
    from sightline.organisation.branding import authority_brand_set

    bramble = Authority.objects.get(name="Bramblewick")
    authority_brand_set(by=None, authority=bramble, colour="#00703C")
    url = reverse("organisation:brand_css")
    css = signed_in("admin-bramblewick").get(url)
    assert css["Content-Type"].startswith("text/css")
    assert css.content.decode() == ":root { --govuk-brand-colour: #00703c; }\n"
    assert signed_in("director").get(url).content == b""  # Anyshire keeps Sightline's colour
    assert Client().get(url).content == b""  # the sign-in page too
    page = signed_in("admin-bramblewick").get(reverse("home:home")).content.decode()
    assert f'href="{url}"' in page


def test_a_brand_colour_white_text_cannot_be_read_on_is_refused(reference_data: None) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=r"contrast of 1\.1:1"):
        authority_onboard(
            by=None,
            name="Bramblewick",
            benchmark_as=ReferenceAuthority.objects.get(dfe_code="865"),
            localities=[],
            teams=[],
            admin_username="a1",
            admin_email="a@b.example",
            brand_colour="#f3f2f1",
            effective=date(2026, 11, 1),
        )
    assert not Authority.objects.filter(name="Bramblewick").exists()
