"""The demo's year of published reports, dated from the demo's data (never the real date)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from sightline.home.demo import data_as_of
from sightline.organisation.models import Authority
from sightline.reports.demo import demo_seed
from sightline.reports.models import PriorityCategory, Report


@pytest.mark.django_db
def test_a_year_of_published_reports(demo: Authority, tmp_path: Path, settings: Any) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    from sightline.plan.demo import demo_seed as plan_seed

    plan_seed(authority=demo)
    as_of = data_as_of()
    made = demo_seed(authority=demo, as_of=as_of)
    reports = Report.objects.filter(authority=demo)
    assert made == reports.count()
    assert set(reports.values_list("status", flat=True)) == {"published"}
    kinds = {
        k: reports.filter(type=k).count() for k in ("board_pack", "chair_report", "dfe_highlight")
    }
    assert kinds == {"board_pack": 12, "chair_report": 4, "dfe_highlight": 9}
    dfe_ends = sorted(reports.filter(type="dfe_highlight").values_list("period_end", flat=True))
    assert {b - a for a, b in itertools.pairwise(dfe_ends)} == {timedelta(days=42)}
    assert dfe_ends[-1] == as_of
    # The DfE adviser writes, approves and publishes their own highlight reports (seed 002).
    dfe = reports.filter(type="dfe_highlight")
    assert set(dfe.values_list("created_by__username", "approved_by__username")) == {
        ("adviser", "adviser")
    }
    assert set(dfe.values_list("audience", flat=True)) == {"dfe"}
    today = timezone.localdate()
    assert all(timezone.localdate(r.published_at) <= today for r in reports)
    assert max(reports.values_list("period_end", flat=True)) == as_of
    latest = reports.filter(type="board_pack").first()
    assert latest is not None
    assert latest.based_on is not None  # each starts from the last
    assert latest.snapshot["report"]["status"] == "published"
    assert PriorityCategory.objects.filter(authority=demo).exists()
    assert demo_seed(authority=demo, as_of=as_of) == 0  # idempotent
    assert date(as_of.year - 1, as_of.month, 1) <= min(
        reports.values_list("period_start", flat=True)
    )
