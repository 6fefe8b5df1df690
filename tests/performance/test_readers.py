"""Each reader's performance pages: the overview first, their own unit, workers, localities."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.urls import reverse

from csc_measures.localities import NOT_TAKEN_ON, attribute_front_door
from sightline.auditlog.models import AccessLogEntry
from sightline.organisation.models import Authority, Locality, Team
from sightline.performance import figures, overview
from sightline.performance.dashboard import dashboard
from sightline.performance.imports import annex_a_import_now
from sightline.performance.localities import locality_comparison
from sightline.performance.models import AnnexAImport
from sightline.performance.workers import worker_tables

pytestmark = pytest.mark.django_db
AS_OF = date(2025, 3, 31)


@pytest.fixture
def imported(demo: Authority, tmp_path: Path, settings) -> AnnexAImport:
    from csc_measures.synth import generate_annex_a

    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    path = generate_annex_a(
        tmp_path / "annex_a.xlsx",
        fmt="xlsx",
        as_of=AS_OF,
        months=12,
        scale=0.05,
        seed=4,
        messy=False,
    )
    return annex_a_import_now(by=None, authority=demo, path=path, extract_date=AS_OF)


def _rows(demo: Authority, unit: str = "la"):
    return [row for s in dashboard(authority=demo, unit=unit) for row in s.rows]


def test_the_matrix_places_every_charted_measure_once(imported, demo: Authority) -> None:
    rows = _rows(demo)
    matrix = overview.spc_matrix(rows)
    placed = [r.measure_id for mrow in matrix.rows for cell in mrow.cells for r in cell]
    charted = [r.measure_id for r in rows if r.chart and r.chart.summary.variation]
    assert sorted(placed) == sorted(charted)
    assert len(placed) == len(set(placed)) == matrix.placed
    assert {r.measure_id for r in matrix.without_chart} == {r.measure_id for r in rows} - set(
        placed
    )
    for mrow in matrix.rows:
        for (v_key, _), cell in zip(matrix.columns, mrow.cells, strict=True):
            for r in cell:
                assert overview.matrix_place(r) == (mrow.key, v_key)


def test_changes_name_new_special_causes_rating_changes_and_missed_targets(
    imported, demo: Authority
) -> None:
    rows = _rows(demo)
    changes = overview.changes_since_last_month(rows)
    by_id = {c.row.measure_id: c for c in changes}
    for row in rows:
        if row.latest is None or row.previous is None:
            assert row.measure_id not in by_id
            continue
        before = row.target.rate(row.previous.value)
        rag_changed = before is not row.rag and "grey" not in (before.value, row.rag.value)
        new_special = bool(
            row.chart
            and row.chart.points[-1].variation
            and row.chart.points[-1].variation.special_cause
            and not (
                row.chart.points[-2].variation and row.chart.points[-2].variation.special_cause
            )
        )
        assert (row.measure_id in by_id) == (rag_changed or new_special), row.measure_id
        if rag_changed and before.value == "green":
            assert "missed_target" in by_id[row.measure_id].kinds
    assert changes, "the synthetic year has at least one change"


def test_the_overview_comes_first_and_the_journey_is_collapsible(imported, client_for) -> None:
    page = client_for("board").get(reverse("performance:dashboard")).content.decode()
    assert page.index("Signal and assurance") < page.index("Changed since the last month")
    assert page.index("Changed since the last month") < page.index("stage by stage")
    assert page.count('<details class="govuk-details sl-stage"') == 7


def test_a_manager_opens_on_their_team_with_unrecorded_rows_folded(
    imported, demo: Authority, client_for, users
) -> None:
    manager = users["manager"]
    page = client_for("manager").get(reverse("performance:dashboard")).content.decode()
    assert f"journey: {manager.team.name}</h1>" in page
    missing = overview.never_recorded(dashboard(authority=demo, unit=f"team:{manager.team.name}"))
    assert "FD02" in missing
    assert f"{len(missing)} measures this team does not record:" in page
    assert "they are recorded by Front Door and MASH" in page or "Front Door and MASH" in page
    assert page.count("No data yet") == 0
    # The whole authority stays one choice away.
    la = client_for("manager").get(reverse("performance:dashboard"), {"unit": "la"})
    assert "does not record" not in la.content.decode()


def test_a_head_of_service_opens_on_their_locality(imported, client_for, users) -> None:
    hos = users["hos"]
    page = client_for("hos").get(reverse("performance:dashboard")).content.decode()
    assert f"journey: {hos.locality.name} (locality)</h1>" in page
    board = client_for("board").get(reverse("performance:dashboard")).content.decode()
    assert "Anyshire" in board.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_workers_table_per_team_with_team_and_authority(
    imported, demo: Authority, client_for, users
) -> None:
    team = "Amberwick Safeguarding Team 1"
    found = worker_tables(authority=demo, unit=f"team:{team}")
    (table,) = found.tables
    assert table.rows
    lists = figures.lists_path(imported.children_file)
    cin = pl.read_parquet(lists / "list_6.parquet").filter(
        (pl.col("Allocated Team") == team)
        & (pl.col("CIN Closure Date").is_null() | (pl.col("CIN Closure Date") > AS_OF))
    )
    expected = cin.group_by("Allocated Worker").agg(pl.col("Child Unique ID").n_unique())
    assert {r.worker: r.caseload for r in table.rows if r.caseload} == dict(expected.iter_rows())
    # Each worker's seen-in-time children add up to no more than the team's figure.
    assert sum(r.figures["seen"].denominator for r in table.rows) >= (
        table.team_figures.figures["seen"].denominator
    )
    stored = {
        f.measure_id: f
        for f in figures.latest(
            authority=demo, measure_ids=["AS02"], units=["la"], period="2025-03"
        )
    }
    assert table.authority.figures["assessed"].denominator == stored["AS02"].denominator
    # The page is logged like any child-level view, for the manager's own team only.
    manager = users["manager"]
    page = client_for("manager").get(reverse("performance:workers"))
    assert page.status_code == 200
    assert manager.team.name in page.content.decode()
    entry = AccessLogEntry.objects.get(username="manager")
    assert entry.subject_type == "worker"
    assert entry.purpose == f"workers team:{manager.team.name}"
    other = client_for("manager").get(reverse("performance:workers"), {"unit": f"team:{team}"})
    assert (
        f"team:{manager.team.name}"
        in AccessLogEntry.objects.filter(username="manager").last().purpose
    )
    assert team not in other.content.decode().split("<h1", 1)[1].split("</h1>", 1)[0]
    assert client_for("board").get(reverse("performance:workers")).status_code == 403


def test_front_door_figures_are_attributed_to_where_the_case_went_next(
    imported, demo: Authority
) -> None:
    children_file = imported.children_file
    team_locality = dict(Team.objects.filter(authority=demo).values_list("name", "locality__name"))
    names = list(Locality.objects.filter(authority=demo).values_list("name", flat=True))
    found = attribute_front_door(
        figures.private_path(children_file),
        figures.lists_path(children_file),
        measure_id="FD02",
        locality_of_team=team_locality,
        localities=names,
    )
    assert found.rule == "next_team"
    totals = dict(found.figures.group_by("period").agg(pl.col("numerator").sum()).iter_rows())
    stored = {p.period: p.numerator for p in figures.series(authority=demo, units=["la"])["FD02"]}
    assert totals == {p: n for p, n in stored.items() if p in totals}
    in_localities = found.figures.filter(pl.col("area").is_in(names))["numerator"].sum()
    assert in_localities > 0
    # A child referred and then assessed by a locality team counts in that team's locality.
    lists = figures.lists_path(children_file)
    referrals = pl.read_parquet(lists / "list_3.parquet")
    assessments = pl.read_parquet(lists / "list_4.parquet")
    march = referrals.filter(pl.col("Date of Referral") >= date(2025, 3, 1))
    taken = march.join(assessments, on="Child Unique ID").filter(
        pl.col("Continuous Assessment Start Date") >= pl.col("Date of Referral")
    )
    if not taken.is_empty():
        assert (
            found.figures.filter(
                (pl.col("period") == "2025-03") & (pl.col("area") != NOT_TAKEN_ON)
            )["numerator"].sum()
            > 0
        )


def test_home_area_is_used_when_the_extract_has_it(imported, demo: Authority) -> None:
    children_file = imported.children_file
    lists = figures.lists_path(children_file)
    referrals = pl.read_parquet(lists / "list_3.parquet")
    referrals.with_columns(pl.lit("amberwick").alias("Home Area")).write_parquet(
        lists / "list_3.parquet"
    )
    names = list(Locality.objects.filter(authority=demo).values_list("name", flat=True))
    found = attribute_front_door(
        figures.private_path(children_file),
        lists,
        measure_id="FD02",
        locality_of_team={},
        localities=names,
    )
    assert found.rule == "home_area"
    assert found.column == "Home Area"
    assert set(found.figures.filter(pl.col("numerator") > 0)["area"]) == {"Amberwick"}


def test_localities_page_says_the_rule_and_draws_one_chart_each(
    imported, demo: Authority, client_for
) -> None:
    comparison = locality_comparison(authority=demo, measure_id="FD02")
    assert comparison.rule == "next_team"
    page = (
        client_for("director")
        .get(reverse("performance:measure_localities", args=["FD02"]))
        .content.decode()
    )
    assert "the team that took their referral on" in page
    assert page.count('class="sl-multiple"') == len(comparison.panels) >= 7
    teams = (
        client_for("director")
        .get(reverse("performance:measure_localities", args=["CP05"]))
        .content.decode()
    )
    assert "sum of its teams" in teams
    measure = client_for("board").get(reverse("performance:measure", args=["FD02"])).content
    assert reverse("performance:measure_localities", args=["FD02"]).encode() in measure
    member = (
        client_for("member")
        .get(reverse("performance:measure_localities", args=["FD02"]))
        .content.decode()
    )
    assert "is not shown for any locality" in member
