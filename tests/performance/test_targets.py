"""Targets with tolerance and history, and the red/amber/green rating."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.organisation.models import Authority
from sightline.performance.rag import Rag, rag_rate
from sightline.performance.selectors import target_history, target_on, target_table
from sightline.performance.services import target_set


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        (85.0, "↑", Rag.GREEN),  # exactly on target meets it
        (84.9, "↑", Rag.AMBER),
        (80.0, "↑", Rag.AMBER),  # exactly on the edge of the band is amber
        (79.9, "↑", Rag.RED),
        (85.0, "↓", Rag.GREEN),
        (90.0, "↓", Rag.AMBER),
        (90.1, "↓", Rag.RED),
        (10.0, "↓", Rag.GREEN),
        (None, "↑", Rag.GREY),
        (50.0, "·", Rag.GREY),
    ],
)
def test_rag_boundaries(value: float | None, polarity: str, expected: Rag) -> None:
    assert rag_rate(value=value, target=85.0, tolerance=5.0, polarity=polarity) is expected


def test_no_target_is_grey_and_a_zero_tolerance_has_no_amber() -> None:
    assert rag_rate(value=1.0, target=None, tolerance=None, polarity="↑") is Rag.GREY
    assert rag_rate(value=84.9, target=85.0, tolerance=0.0, polarity="↑") is Rag.RED


@pytest.mark.django_db
def test_defaults_come_from_the_catalogue(demo: Authority) -> None:
    as02 = target_on(authority=demo, measure_id="AS02", day=date(2025, 1, 1))
    assert (as02.target, as02.tolerance, as02.polarity) == (85.0, 5.0, "↑")
    assert as02.set_by == "catalogue default"
    wf01 = target_on(authority=demo, measure_id="WF01", day=date(2025, 1, 1))
    assert (wf01.target, wf01.tolerance, wf01.polarity) == (18.0, 1.8, "↓")
    assert target_on(authority=demo, measure_id="FD01", day=date(2025, 1, 1)).target is None
    assert len(target_table(authority=demo, day=date(2025, 1, 1))) == 44


@pytest.mark.django_db
def test_a_new_target_applies_from_its_date_and_keeps_the_history(
    demo: Authority, users: dict[str, User]
) -> None:
    target_set(
        by=users["analyst"],
        authority=demo,
        measure_id="AS02",
        target=88,
        tolerance=3,
        polarity="↑",
        effective_from=date(2025, 4, 1),
        reason="Board agreed stretch target",
    )
    assert target_on(authority=demo, measure_id="AS02", day=date(2025, 3, 31)).target == 85
    april = target_on(authority=demo, measure_id="AS02", day=date(2025, 4, 1))
    assert (april.target, april.tolerance, april.set_by) == (88, 3, "analyst")
    assert april.rate(86.0) is Rag.AMBER
    assert [h.target for h in target_history(authority=demo, measure_id="AS02")] == [88]
    assert AuditEvent.objects.filter(action="target.set", actor=users["analyst"]).exists()


@pytest.mark.django_db
def test_targets_are_validated(demo: Authority, users: dict[str, User]) -> None:
    with pytest.raises(ValidationError, match="needs a direction"):
        target_set(
            by=users["analyst"],
            authority=demo,
            measure_id="FD01",
            target=1000,
            tolerance=None,
            polarity="·",
            effective_from=date(2025, 4, 1),
        )
    with pytest.raises(ValidationError, match="no measure"):
        target_set(
            by=users["analyst"],
            authority=demo,
            measure_id="XX99",
            target=1,
            tolerance=None,
            polarity="↑",
            effective_from=date(2025, 4, 1),
        )


@pytest.mark.django_db
def test_only_the_analyst_changes_targets_through_the_page(client_for) -> None:
    url = reverse("performance:target_detail", args=["CP03"])
    form = {"target": "90", "tolerance": "2", "polarity": "↑", "effective_from": "01/04/2025"}
    assert client_for("director").post(url, form).status_code == 403
    page = client_for("director").get(url).content.decode()
    assert "Set a new target" not in page
    analyst = client_for("analyst")
    assert analyst.post(url, form).status_code == 302
    page = analyst.get(url).content.decode()
    assert "analyst, in force from 1 April 2025" in page
    bad = analyst.post(url, {**form, "tolerance": "-1"})
    assert "There is a problem" in bad.content.decode()


@pytest.mark.django_db
def test_unknown_measures_are_not_found(client_for) -> None:
    response = client_for("analyst").get(reverse("performance:target_detail", args=["ZZ01"]))
    assert response.status_code == 404
