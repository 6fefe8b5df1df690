"""Pages for signed-in people (children's IDs, staff names) are never stored by a browser or a
proxy: Cache-Control says no-store and private."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sightline.organisation.models import Authority, Team
from tests.audits import factories


def _private(cache_control: str) -> bool:
    parts = {p.strip() for p in cache_control.split(",")}
    return {"no-store", "private"} <= parts


@pytest.mark.django_db
def test_child_level_and_hr_responses_are_not_stored(demo: Authority, client_for, users) -> None:
    team = Team.objects.filter(authority=demo).order_by("name").first()
    assert team is not None
    audit = factories.audit(
        framework=factories.framework(demo), team=team, auditor=users["auditor"], child_id="T9"
    )
    director = client_for("director")
    urls = [
        reverse("home:home"),
        reverse("performance:dashboard"),
        reverse("performance:measure_children", args=["CP03"]) + "?period=2025-03",
        reverse("performance:measure_children", args=["CP03"]) + "?period=2025-03&format=csv",
        reverse("audits:audit_detail", args=[audit.pk]),
        reverse("audits:audit_pdf", args=[audit.pk]),
        reverse("workforce:staff_list"),
    ]
    for url in urls:
        response = director.get(url)
        assert response.status_code == 200, url
        assert _private(response.get("Cache-Control", "")), (url, response.get("Cache-Control"))
