"""The children behind a figure: who may see them, that each view is logged, and the CSV."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.urls import reverse

from csc_measures.drilldown import ListRows
from csc_measures.synth import generate_annex_a
from sightline.accounts.models import User
from sightline.auditlog.models import AccessLogEntry
from sightline.kernel.storage import private_path
from sightline.organisation.models import Authority, Locality
from sightline.performance.children import ChildrenBehind, children_behind, children_by_team
from sightline.performance.figures import lists_dir_for
from sightline.performance.imports import annex_a_import_now
from sightline.performance.models import AnnexAImport
from sightline.performance.views.drilldown import _children_csv

pytestmark = pytest.mark.django_db
AS_OF = date(2025, 3, 31)
PERIOD = "2025-02"


@pytest.fixture
def imported(demo: Authority, tmp_path: Path, settings) -> AnnexAImport:
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


def _engine_ids(imp: AnnexAImport, unit: str, part: str = "numerator") -> list[str]:
    frame = pl.read_parquet(private_path(imp.children_file)).filter(
        (pl.col("measure_id") == "CP03") & (pl.col("period") == PERIOD) & (pl.col("unit") == unit)
    )
    return sorted(frame[f"{part}_ids"][0].to_list())


def _url(**query: str) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return reverse("performance:measure_children", args=["CP03"]) + "?" + params


def test_the_analyst_sees_the_children_and_the_view_is_logged(imported, client_for) -> None:
    ids = _engine_ids(imported, "la")
    assert ids, "the synthetic month should have ICPCs within 15 working days"
    response = client_for("analyst").get(_url(period=PERIOD, unit="la", part="numerator"))
    assert response.status_code == 200
    page = response.content.decode()
    for child in ids:
        assert child in page
    assert "Date of Initial Child Protection Conference" in page  # the dates the measure used
    entry = AccessLogEntry.objects.get(username="analyst")
    assert sorted(entry.subject_ids) == ids
    assert "CP03 numerator 2025-02 la" in entry.purpose


def test_the_denominator_and_a_team(imported, demo: Authority) -> None:
    found = children_behind(
        authority=demo, measure_id="CP03", period=PERIOD, unit="la", part="denominator"
    )
    assert list(found.ids) == _engine_ids(imported, "la", "denominator")
    assert found.denominator == len(found.ids)
    assert [rows.list_no for rows in found.lists] == [5]
    team_rows = pl.read_parquet(private_path(imported.children_file)).filter(
        (pl.col("measure_id") == "CP03")
        & (pl.col("period") == PERIOD)
        & pl.col("unit").str.starts_with("team:")
        & (pl.col("denominator") > 0)
    )
    unit = team_rows["unit"][0]
    team = children_behind(
        authority=demo, measure_id="CP03", period=PERIOD, unit=unit, part="denominator"
    )
    assert list(team.ids) == _engine_ids(imported, unit, "denominator")
    assert set(team.ids) <= set(found.ids)


def test_children_by_team_is_each_team_s_children_in_one_read(imported, demo: Authority) -> None:
    by_team = children_by_team(authority=demo, measure_id="CP03", period=PERIOD, part="denominator")
    assert by_team
    for name, ids in by_team.items():
        found = children_behind(
            authority=demo,
            measure_id="CP03",
            period=PERIOD,
            unit=f"team:{name}",
            part="denominator",
            with_rows=False,
        )
        assert ids == found.ids
    assert (
        children_by_team(authority=demo, measure_id="CP03", period="2019-01", part="numerator")
        == {}
    )


def test_a_locality_is_the_union_of_its_teams(imported, demo: Authority) -> None:
    locality = Locality.objects.filter(authority=demo).order_by("name")[0]
    teams = [f"team:{n}" for n in locality.teams.values_list("name", flat=True)]
    expected = sorted({c for unit in teams for c in _engine_ids_or_empty(imported, unit)})
    found = children_behind(
        authority=demo,
        measure_id="CP03",
        period=PERIOD,
        unit=f"locality:{locality.pk}",
        part="denominator",
    )
    assert list(found.ids) == expected
    assert all(found.teams[c] in locality.teams.values_list("name", flat=True) for c in found.ids)


def _engine_ids_or_empty(imp: AnnexAImport, unit: str) -> list[str]:
    frame = pl.read_parquet(private_path(imp.children_file)).filter(
        (pl.col("measure_id") == "CP03") & (pl.col("period") == PERIOD) & (pl.col("unit") == unit)
    )
    return frame["denominator_ids"][0].to_list() if frame.height else []


@pytest.mark.parametrize("username", ["qa", "auditor", "owner", "board", "member", "adviser"])
def test_roles_without_child_level_access_are_refused(imported, client_for, username) -> None:
    response = client_for(username).get(_url(period=PERIOD, unit="la", part="numerator"))
    assert response.status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_managers_and_heads_of_service_only_within_their_scope(
    imported, client_for, users: dict[str, User], demo: Authority
) -> None:
    manager = users["manager"]
    assert manager.team is not None
    own = f"team:{manager.team.name}"
    assert client_for("manager").get(_url(period=PERIOD, unit="la")).status_code == 403
    assert client_for("manager").get(_url(period=PERIOD, unit=own)).status_code == 200
    other = Locality.objects.filter(authority=demo).exclude(pk=users["hos"].locality_id)[0]
    hos_own = f"locality:{users['hos'].locality_id}"
    assert client_for("hos").get(_url(period=PERIOD, unit=hos_own)).status_code == 200
    assert (
        client_for("hos").get(_url(period=PERIOD, unit=f"locality:{other.pk}")).status_code == 403
    )
    assert client_for("hos").get(_url(period=PERIOD, unit="la")).status_code == 403


def test_bad_requests_are_explained(imported, client_for) -> None:
    client = client_for("director")
    response = client.get(_url(period="2025-13", unit="la"))
    assert response.status_code == 400
    assert "YYYY-MM" in response.content.decode()
    response = client.get(_url(period=PERIOD, unit="la", part="everything"))
    assert response.status_code == 400
    assert "numerator or denominator" in response.content.decode()
    assert client.get(_url(period=PERIOD, unit="region:1")).status_code == 400
    assert client.get(_url(period=PERIOD, unit="locality:abc")).status_code == 400


def test_the_measure_page_links_figures_only_for_child_level_roles(imported, client_for) -> None:
    link = reverse("performance:measure_children", args=["CP03"])
    assert (
        link
        in client_for("director")
        .get(reverse("performance:measure", args=["CP03"]))
        .content.decode()
    )
    assert (
        link
        not in client_for("board")
        .get(reverse("performance:measure", args=["CP03"]))
        .content.decode()
    )


def test_ids_only_when_the_import_predates_keeping_the_lists(imported, client_for) -> None:
    shutil.rmtree(private_path(lists_dir_for(imported.children_file)))
    page = client_for("director").get(_url(period=PERIOD, unit="la")).content.decode()
    assert "only the IDs are shown" in page
    for child in _engine_ids(imported, "la"):
        assert child in page


def test_the_csv_lists_the_rows_and_neutralises_formulas(imported, client_for) -> None:
    response = client_for("director").get(_url(period=PERIOD, unit="la", format="csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Measure", "Month", "Unit", "Part", "List"]
    assert {r[rows[0].index("Child Unique ID")] for r in rows[1:]} == set(
        _engine_ids(imported, "la")
    )
    assert AccessLogEntry.objects.filter(username="director").count() == 1

    found = ChildrenBehind(
        measure_id="CP03",
        period=PERIOD,
        unit="la",
        part="numerator",
        numerator=1,
        denominator=1,
        ids=("=HYPERLINK(1)",),
        lists=(
            ListRows(
                list_no=5,
                title="Section 47",
                columns=("Child Unique ID", "Allocated Worker"),
                rows=(("=HYPERLINK(1)", "+SUM(A1)"),),
            ),
        ),
        extract_dates=(AS_OF,),
        lists_kept=True,
    )
    written = list(
        csv.reader(io.StringIO(_children_csv(found, "@Anyshire").content.decode("utf-8-sig")))
    )
    assert written[1][2] == "'@Anyshire"
    assert written[1][-2:] == ["'=HYPERLINK(1)", "'+SUM(A1)"]


def test_caseload_measures_list_their_workers(imported, demo: Authority, client_for) -> None:
    frame = pl.read_parquet(private_path(imported.children_file)).filter(
        (pl.col("measure_id") == "WF01") & (pl.col("unit") == "la")
    )
    row = frame.sort("period").row(-1, named=True)
    found = children_behind(
        authority=demo, measure_id="WF01", period=row["period"], unit="la", part="denominator"
    )
    assert found.id_kind == "worker"
    assert list(found.ids) == sorted(row["denominator_ids"])
    assert found.lists == ()
    url = reverse("performance:measure_children", args=["WF01"])
    page = client_for("director").get(
        url, {"period": row["period"], "unit": "la", "part": "denominator"}
    )
    text = page.content.decode()
    assert "The workers in the denominator" in text
    assert row["denominator_ids"][0] in text
    assert AccessLogEntry.objects.get(username="director").subject_type == "worker"
