"""Nothing of one authority reaches anyone outside it: every URL of the site, built for
Anyshire's objects, requested by a regional viewer whose region Anyshire has not granted, by
the deployment's administrator (a superuser in no authority) and by another authority's
administrator. Each is refused, or shows a page with nothing of Anyshire on it."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from sightline.accounts.models import User
from sightline.organisation.models import Authority, Locality, ReferenceAuthority, Team
from sightline.regional.services import (
    authority_onboard,
    region_create,
    region_grant_set,
    region_viewer_add,
    regional_viewer_create,
)
from tests.platform.test_url_access import RULES

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsiders(demo: Authority, users: dict[str, User]) -> dict[str, User]:
    region = region_create(by=None, name="Westmoor alliance")
    bramble = authority_onboard(
        by=None,
        name="Bramblewick",
        benchmark_as=ReferenceAuthority.objects.get(dfe_code="865"),
        localities=["North"],
        teams=[],
        admin_username="admin-bramblewick",
        admin_email="a@b.example",
        region=region,
        effective=date(2026, 11, 1),
    ).authority
    region_grant_set(by=None, authority=bramble, region=region, measure_ids=["FD01"])
    viewer = regional_viewer_create(by=None, username="regional")
    region_viewer_add(by=None, region=region, viewer=viewer)
    root = User.objects.create_superuser("root", "root@example.org", "x" * 20)
    return {
        "regional": viewer,
        "root": root,
        "admin-bramblewick": User.objects.get(username="admin-bramblewick"),
    }


@pytest.mark.parametrize("outsider", ["regional", "root", "admin-bramblewick"])
def test_no_page_of_an_authority_reaches_anyone_outside_it(
    outsider: str, outsiders: dict[str, User], demo: Authority, users: dict[str, User]
) -> None:
    """A URL naming one of Anyshire's objects is refused (403 or 404); any other page the
    outsider may open (their own authority's, or nobody's) names none of Anyshire's
    localities or teams."""
    markers = [
        *Team.objects.filter(authority=demo).values_list("name", flat=True),
        *Locality.objects.filter(authority=demo).values_list("name", flat=True),
    ]
    assert markers
    person = outsiders[outsider]
    leaks = []
    for name, rule in sorted(RULES.items()):
        kwargs = rule.kwargs(users["admin"], demo) if rule.kwargs else {}
        client = Client()
        client.force_login(person)
        url = reverse(name, kwargs=kwargs)
        response = client.post(url) if rule.method == "POST" else client.get(url)
        if response.status_code in {403, 404}:
            continue
        # A pk names a row of Anyshire (a region is the deployment's, not Anyshire's);
        # other arguments (a measure's ID) name no row: those pages' bodies are checked.
        if "pk" in kwargs and name != "regional:sharing_edit":
            leaks.append(f"{name} (an object of Anyshire): HTTP {response.status_code}")
            continue
        body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
        shown = [m for m in markers if m in body.decode(errors="replace")]
        if shown:
            leaks.append(f"{name}: shows {shown[:3]}")
    assert leaks == [], "\n".join(leaks)
