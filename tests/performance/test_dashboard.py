"""The performance dashboard: latest extract wins, targets and RAG, SPC, localities, suppression."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.urls import reverse

from csc_measures import compute_catalogue, load_annex_a
from sightline.organisation.models import Authority, Locality
from sightline.performance.dashboard import dashboard
from sightline.performance.figures import series as series_by_measure
from sightline.performance.imports import annex_a_import_now
from sightline.performance.models import AnnexAImport, StoredMeasureValue
from sightline.performance.rag import Rag
from tests.performance.conftest import AS_OF

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(demo: Authority, extracts: list[Path]) -> list[AnnexAImport]:
    return [
        annex_a_import_now(
            by=None,
            authority=demo,
            path=path,
            extract_date=date.fromisoformat(path.stem.removeprefix("annex_a_")),
        )
        for path in extracts
    ]


def _engine(path: Path, as_of: date) -> pl.DataFrame:
    return compute_catalogue(load_annex_a(path, as_of=as_of)).results


def test_the_latest_extract_wins_for_each_month(
    imported: list[AnnexAImport], extracts: list[Path], demo: Authority
) -> None:
    assert [i.status for i in imported] == ["imported"] * 3
    series = series_by_measure(authority=demo, units=["la"])
    newest = _engine(extracts[-1], AS_OF)
    fd01 = newest.filter((pl.col("measure_id") == "FD01") & (pl.col("unit") == "la"))
    expected = dict(fd01.select("period", "numerator").iter_rows())
    got = {p.period: p.numerator for p in series["FD01"] if p.period in expected}
    assert got == expected
    # Snapshot measures have one point per import: their history comes from the imports.
    assert [p.period for p in series["LA06"]] == ["2025-01", "2025-02", "2025-03"]


def test_each_measure_has_target_rag_and_signal(imported, demo: Authority, settings) -> None:
    from sightline.performance.services import benchmark_figures_load

    benchmark_figures_load(data_dir=settings.SIGHTLINE_DFE_DATA_DIR)
    sections = dashboard(authority=demo)
    assert [s.title for s in sections][:3] == [
        "Front door",
        "Early help and assessment",
        "Child protection",
    ]
    rows = {row.measure_id: row for s in sections for row in s.rows}
    assert len(rows) == 44
    as02 = rows["AS02"]
    assert as02.target.target == 85.0
    assert as02.rag is as02.target.rate(as02.latest.value)
    assert as02.rag is not Rag.GREY
    assert rows["FD01"].rag is Rag.GREY  # no target
    assert as02.chart is not None
    assert len(as02.series) == 14  # three extracts of 12 months each, a month apart
    assert as02.chart.summary.trial is False  # 12 or more points: real limits
    assert as02.chart.summary.variation_label
    assert rows["FD04"].benchmark.england.value == 22.6


def test_a_locality_is_the_sum_of_its_teams(imported, demo: Authority) -> None:
    locality = Locality.objects.get(authority=demo, name="Amberwick")
    teams = [f"team:{t.name}" for t in locality.teams.all()]
    combined = series_by_measure(authority=demo, units=teams)["AS01"]
    separate = [series_by_measure(authority=demo, units=[t]).get("AS01", ()) for t in teams]
    last = combined[-1]
    assert last.numerator == sum(
        p.numerator for s in separate for p in s if p.period == last.period
    )
    rows = {
        r.measure_id: r
        for s in dashboard(authority=demo, unit=f"locality:{locality.pk}")
        for r in s.rows
    }
    assert rows["AS01"].latest.numerator == last.numerator


def test_the_page_filters_and_suppresses_small_numbers_for_members(
    imported, demo: Authority, client_for
) -> None:
    team = StoredMeasureValue.objects.filter(unit__startswith="team:").values_list(
        "unit", flat=True
    )[0]
    analyst = client_for("analyst").get(reverse("performance:dashboard"), {"unit": team})
    assert team.removeprefix("team:") in analyst.content.decode()
    assert "Fewer than 5 (suppressed)" not in analyst.content.decode()
    member = client_for("member").get(reverse("performance:dashboard"), {"unit": team})
    page = member.content.decode()
    assert "Counts of 1 to 4 are not shown" in page
    assert "Open Government Licence v3.0" in page


def test_an_empty_dashboard_says_so(demo: Authority, client_for) -> None:
    page = client_for("board").get(reverse("performance:dashboard")).content.decode()
    assert "No Annex A data has been imported yet" in page


def test_the_measure_page_has_the_chart_its_table_teams_and_definition(
    imported, demo: Authority, client_for
) -> None:
    page = client_for("director").get(reverse("performance:measure", args=["AS02"])).content
    text = page.decode()
    assert '<svg class="sl-spc"' in text
    assert "Monthly figures, numerator and denominator, with the process limits" in text
    assert "By team, 2025-03" in text
    assert "45 working days of their start" in text  # the methodology
    member = client_for("member").get(reverse("performance:measure", args=["AS02"])).content
    assert b"The chart is not shown" in member
    missing = client_for("director").get(reverse("performance:measure", args=["ZZ99"]))
    assert missing.status_code == 404


def test_each_row_shows_its_spc_icons_with_their_labels(
    imported, demo: Authority, client_for
) -> None:
    [row] = [r for s in dashboard(authority=demo) for r in s.rows if r.measure_id == "AS02"]
    assert row.chart is not None
    text = client_for("director").get(reverse("performance:dashboard")).content.decode()
    icon = f'data-label="{row.chart.summary.variation_label}"'
    assert icon in text
    assert text.count("sl-spc-icon--variation") == sum(
        1
        for s in dashboard(authority=demo)
        for r in s.rows
        if r.chart and r.chart.summary.variation
    )
    if row.chart.summary.assurance_label:
        assert "sl-spc-icon--assurance" in text


def test_rebasing_starts_a_new_baseline_for_everyone(
    imported, demo: Authority, client_for, users
) -> None:
    from sightline.auditlog.models import AuditEvent
    from sightline.performance.models import SpcRebase

    before = dashboard(authority=demo, only="AS02")
    [row] = [r for s in before for r in s.rows]
    assert row.chart is not None
    assert len(row.chart.segments) == 1
    month = row.series[6].period
    url = reverse("performance:rebase_add", args=["AS02"])
    analyst = client_for("analyst")
    response = analyst.post(url, {"period": month, "reason": ""})
    assert not SpcRebase.objects.exists()  # a reason is required
    response = analyst.post(url, {"period": month, "reason": "Front door restructure"})
    assert response.status_code == 302
    [after_row] = [r for s in dashboard(authority=demo, only="AS02") for r in s.rows]
    assert after_row.chart is not None
    assert [seg.start for seg in after_row.chart.segments] == [0, 6]
    page = client_for("board").get(reverse("performance:measure", args=["AS02"])).content.decode()
    assert "Front door restructure" in page
    assert ">Rebased<" in page
    assert "Start a new baseline" not in page  # the board reads, the analyst rebases
    assert AuditEvent.objects.filter(action="spc.rebase").count() == 1
    # the same month twice is refused, a month outside the series is not offered
    analyst.post(url, {"period": month, "reason": "again"})
    analyst.post(url, {"period": "1999-01", "reason": "old"})
    assert SpcRebase.objects.count() == 1
    rebase = SpcRebase.objects.get()
    remove = reverse("performance:rebase_remove", args=["AS02", rebase.pk])
    assert client_for("director").post(remove).status_code == 403
    analyst.post(remove)
    assert not SpcRebase.objects.exists()
    assert AuditEvent.objects.filter(action="spc.rebase_remove").count() == 1


def test_the_cached_dashboard_changes_when_a_target_changes(
    imported, demo: Authority, client_for, users
) -> None:
    from sightline.performance.cache import figures_version
    from sightline.performance.services import target_set

    before = figures_version(authority=demo)
    client = client_for("director")
    assert "Target 99.5%" not in client.get(reverse("performance:dashboard")).content.decode()
    assert figures_version(authority=demo) == before  # reading changes nothing
    target_set(
        by=users["analyst"],
        authority=demo,
        measure_id="AS02",
        target=99.5,
        tolerance=1,
        polarity="↑",
        effective_from=date(2020, 1, 1),
    )
    assert figures_version(authority=demo) != before
    assert "Target 99.5%" in client.get(reverse("performance:dashboard")).content.decode()
