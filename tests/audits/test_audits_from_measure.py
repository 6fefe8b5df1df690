"""An audit programme sampled from the children behind a performance measure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.urls import reverse

from csc_measures.synth import generate_annex_a
from sightline.audits.models import Audit, Programme
from sightline.kernel.storage import private_path
from sightline.organisation.models import Authority
from sightline.performance.imports import annex_a_import_now

from . import factories

pytestmark = pytest.mark.django_db
AS_OF = date(2025, 3, 31)


@pytest.fixture
def imported(demo: Authority, tmp_path: Path, settings):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    path = generate_annex_a(
        tmp_path / "annex_a.xlsx",
        fmt="xlsx",
        as_of=AS_OF,
        months=12,
        scale=0.1,
        seed=5,
        messy=False,
    )
    return annex_a_import_now(by=None, authority=demo, path=path, extract_date=AS_OF)


def test_cases_are_picked_from_each_teams_children_in_the_measure(
    imported, demo: Authority, client_for
) -> None:
    framework = factories.framework(demo)
    response = client_for("qa").post(
        reverse("audits:programme_create"),
        {
            "month": "2025-04",
            "framework": framework.pk,
            "cases_per_team": 2,
            "due_date": "2025-04-30",
            "moderation_percent": 10,
            "source": "measure",
            "measure": "LA01",
            "measure_month": "2025-02",
            "measure_part": "numerator",
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(authority=demo)
    rows = pl.read_parquet(private_path(imported.children_file)).filter(
        (pl.col("measure_id") == "LA01")
        & (pl.col("period") == "2025-02")
        & pl.col("unit").str.starts_with("team:")
    )
    behind = {
        row["unit"].removeprefix("team:"): set(row["numerator_ids"])
        for row in rows.iter_rows(named=True)
        if row["numerator_ids"]
    }
    assert len(behind) >= 2, "the synthetic month should have children in care in several teams"
    audits = list(Audit.objects.filter(programme=programme).select_related("team"))
    for audit in audits:
        assert audit.child_id in behind[audit.team.name]
    for team, ids in behind.items():
        assert sum(1 for a in audits if a.team.name == team) == min(2, len(ids))


def test_a_measure_without_figures_is_explained(demo: Authority, client_for) -> None:
    framework = factories.framework(demo)
    response = client_for("qa").post(
        reverse("audits:programme_create"),
        {
            "month": "2025-04",
            "framework": framework.pk,
            "cases_per_team": 2,
            "due_date": "2025-04-30",
            "moderation_percent": 10,
            "source": "measure",
            "measure": "FD04",
        },
    )
    assert response.status_code == 200
    assert "There are no figures for FD04 yet." in response.content.decode()
    assert not Programme.objects.exists()
