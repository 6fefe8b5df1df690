"""The demo's other authorities carry their own colour and logo, as a council would set them,
so `make demo` shows the branding on the header and on each council's papers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from sightline.auditlog.models import AuditEvent
from sightline.organisation.models import Authority, AuthorityLogo
from sightline.regional.demo import COLOURS, demo_seed
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_each_demo_authority_has_its_colour_and_a_logo_once(
    demo: Authority, tmp_path: Path
) -> None:
    for _ in range(2):  # the demo is set up again: nothing is made twice
        demo_seed(
            anyshire=demo,
            password=DEMO_PASSWORD,
            work_dir=tmp_path,
            as_of=date(2026, 10, 31),
            with_data=False,
        )
    for name, colour in COLOURS.items():
        authority = Authority.objects.get(name=name)
        logo = AuthorityLogo.objects.get(authority=authority)
        assert authority.brand_colour == colour
        assert logo.content_type == "image/svg+xml"
        assert colour.encode() in logo.content  # the shield is in the council's colour
        assert authority.logo_alt == f"{name} Council"
        assert (
            AuditEvent.objects.filter(action="authority.logo_set", authority=authority).count() == 1
        )
        client = Client()  # its administrator signs in with the demo's password
        credentials = {"username": f"admin-{name.lower()}", "password": DEMO_PASSWORD}
        assert client.post(reverse("accounts:login"), credentials).status_code == 302
        page = client.get(reverse("home:home")).content.decode()
        assert f'alt="{name} Council"' in page
        served = client.get(reverse("organisation:logo", args=[authority.pk]))
        assert served.status_code == 200
        assert served.content == logo.content
    assert not AuthorityLogo.objects.filter(authority=demo).exists()  # Anyshire: none set
