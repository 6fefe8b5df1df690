"""The children behind a figure, and the rows that explain why each was counted."""

from __future__ import annotations

from pathlib import Path

from csc_measures import REGISTRY, compute_catalogue
from csc_measures.drilldown import (
    ids_behind,
    ids_by_unit,
    lists_written,
    rows_behind,
    write_lists,
)
from csc_measures.tests.helpers import annex, table
from csc_measures.tests.test_measures_looked_after import CLA, _cla


def _stored(tmp_path: Path, rows: list[tuple[str | None, ...]]) -> tuple[Path, Path]:
    data = annex({8: table(CLA, rows)})
    result = compute_catalogue(data, measure_ids=["LA01", "LA02"])
    results_path = tmp_path / "children.parquet"
    result.write_parquet(results_path)
    write_lists(data, tmp_path / "lists")
    return results_path, tmp_path / "lists"


def test_ids_behind_one_unit_and_a_union_of_units(tmp_path: Path) -> None:
    results, _ = _stored(
        tmp_path,
        [
            _cla("A", "01/05/2024", team="North"),
            _cla("B", "01/05/2024", team="South"),
            _cla("C", "01/01/2025", team="North"),
        ],
    )
    args = {"measure_id": "LA01", "period": "2025-02", "part": "numerator"}
    assert ids_behind(results, units=["la"], **args) == ["A", "B", "C"]  # type: ignore[arg-type]
    assert ids_behind(results, units=["team:North"], **args) == ["A", "C"]  # type: ignore[arg-type]
    assert ids_behind(results, units=["team:North", "team:South"], **args) == [  # type: ignore[arg-type]
        "A",
        "B",
        "C",
    ]
    # LA01 is a count: it has no denominator
    assert ids_behind(results, units=["la"], **{**args, "part": "denominator"}) == []  # type: ignore[arg-type]
    assert ids_behind(results, units=["team:Nowhere"], **args) == []  # type: ignore[arg-type]


def test_ids_by_unit_reads_each_team_of_a_locality_at_once(tmp_path: Path) -> None:
    results, _ = _stored(
        tmp_path,
        [
            _cla("C", "01/01/2025", team="North"),
            _cla("A", "01/05/2024", team="North"),
            _cla("B", "01/05/2024", team="South"),
        ],
    )
    found = ids_by_unit(
        results,
        measure_id="LA01",
        period="2025-02",
        units=["team:North", "team:South", "team:Nowhere"],
        part="numerator",
    )
    assert found == {"team:North": ["A", "C"], "team:South": ["B"]}
    # A count has no denominator: no unit has IDs for it.
    assert (
        ids_by_unit(results, measure_id="LA01", period="2025-02", units=["la"], part="denominator")
        == {}
    )


def test_rows_behind_show_team_and_the_dates_the_measure_used(tmp_path: Path) -> None:
    _, lists = _stored(
        tmp_path,
        [
            _cla("A", "03/05/2024", team="North"),  # started in May 2024
            _cla("B", "01/01/2020", team="South"),  # looked after since 2020
            _cla("Z", "01/05/2024", team="North"),  # not asked for
        ],
    )
    spec = REGISTRY["LA02"]
    assert lists_written(lists, spec)
    [found] = rows_behind(lists, spec=spec, ids=["A", "B"], period="2024-05")
    assert found.list_no == 8
    assert found.columns[:2] == ("Child Unique ID", "Allocated Team")
    assert "Date Started to be Looked After" in found.columns
    start = found.columns.index("Date Started to be Looked After")
    assert [(row[0], row[1], row[start]) for row in found.rows] == [
        ("A", "North", "2024-05-03"),
        ("B", "South", "2020-01-01"),  # no row dated in the month: their latest row
    ]


def test_rows_behind_when_the_lists_were_not_kept(tmp_path: Path) -> None:
    spec = REGISTRY["LA01"]
    assert not lists_written(tmp_path / "missing", spec)
    assert rows_behind(tmp_path / "missing", spec=spec, ids=["A"], period="2024-05") == []
