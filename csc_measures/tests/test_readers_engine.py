"""Workers' figures and the front door's localities, on small hand-built files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from csc_measures.localities import NOT_TAKEN_ON, attribute_front_door
from csc_measures.workers import worker_table

D = dt.date


def _results(path: Path, rows: list[tuple[str, str, str, list[str], list[str] | None]]) -> Path:
    pl.DataFrame(
        {
            "measure_id": [r[0] for r in rows],
            "period": [r[1] for r in rows],
            "unit": [r[2] for r in rows],
            "numerator": [len(r[3]) for r in rows],
            "denominator": [None if r[4] is None else len(r[4]) for r in rows],
            "numerator_ids": [r[3] for r in rows],
            "denominator_ids": [r[4] for r in rows],
        },
        schema_overrides={"denominator": pl.Int64},
    ).write_parquet(path)
    return path


def test_each_worker_counts_the_children_their_rows_name(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    pl.DataFrame(
        {
            "Child Unique ID": ["a", "b", "c", "d", "e"],
            "Allocated Team": ["T1", "T1", "T1", "T2", "T1"],
            "Allocated Worker": ["W1", "W1 ", "W2", "W9", "W2"],
            "CIN Closure Date": [None, None, None, None, D(2025, 3, 1)],
        }
    ).write_parquet(lists / "list_6.parquet")
    pl.DataFrame(
        {
            "Child Unique ID": ["a", "c"],
            "Allocated Team": ["T1", "T1"],
            "Allocated Worker": ["W1", "W2"],
        }
    ).write_parquet(lists / "list_4.parquet")
    results = _results(
        tmp_path / "r.parquet",
        [
            ("CN02", "2025-03", "team:T1", ["a"], ["a", "b", "c"]),
            ("CN02", "2025-03", "la", ["a", "d"], ["a", "b", "c", "d"]),
            ("AS02", "2025-03", "team:T1", ["c"], ["a", "c"]),
            ("AS02", "2025-03", "la", ["c"], ["a", "c"]),
        ],
    )
    table = worker_table(results, lists, team="T1", period="2025-03", extract_date=D(2025, 3, 31))
    rows = {r.worker: r for r in table.rows}
    assert set(rows) == {"W1", "W2"}
    assert rows["W1"].caseload == 2  # a and b (the name trimmed)
    assert rows["W2"].caseload == 1  # e closed before the extract date
    assert (rows["W1"].figures["seen"].numerator, rows["W1"].figures["seen"].denominator) == (1, 2)
    assert (rows["W2"].figures["seen"].numerator, rows["W2"].figures["seen"].denominator) == (0, 1)
    assert rows["W2"].figures["assessed"].value == 100.0
    assert rows["W1"].figures["assessed"].value == 0.0
    assert table.team_figures.figures["seen"].denominator == 3
    assert table.authority.figures["seen"].numerator == 2
    assert table.team_figures.caseload == 1.5
    assert table.authority.caseload == round((2 + 1 + 1) / 3, 1)
    assert "LA06" in table.measures_missing  # no list 8 kept


def test_referrals_go_to_the_locality_of_the_team_that_took_them_on(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    pl.DataFrame(
        {
            "Child Unique ID": ["a", "b", "c"],
            "Date of Referral": [D(2025, 3, 3), D(2025, 3, 10), D(2025, 3, 20)],
            "Allocated Team": ["Front door"] * 3,
        }
    ).write_parquet(lists / "list_3.parquet")
    pl.DataFrame(
        {
            "Child Unique ID": ["a", "b", "b"],
            "Continuous Assessment Start Date": [D(2025, 3, 4), D(2025, 1, 2), D(2025, 3, 12)],
            "Allocated Team": ["North Assessment", "South Assessment", "North Assessment"],
        }
    ).write_parquet(lists / "list_4.parquet")
    results = _results(tmp_path / "r.parquet", [("FD02", "2025-03", "la", ["a", "b", "c"], None)])
    found = attribute_front_door(
        results,
        lists,
        measure_id="FD02",
        locality_of_team={"North Assessment": "North", "South Assessment": "South"},
        localities=["North", "South"],
    )
    assert found.rule == "next_team"
    counts = dict(found.figures.select("area", "numerator").iter_rows())
    # b's January assessment came before the referral: the March one took it on.
    assert counts == {"North": 2, "South": 0, NOT_TAKEN_ON: 1}


def test_a_home_area_column_wins_over_the_next_team(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    pl.DataFrame(
        {
            "Child Unique ID": ["a", "b"],
            "Date of Referral": [D(2025, 3, 3), D(2025, 3, 10)],
            "Home Area": ["south", "Nowhere"],
        }
    ).write_parquet(lists / "list_3.parquet")
    results = _results(tmp_path / "r.parquet", [("FD02", "2025-03", "la", ["a", "b"], None)])
    found = attribute_front_door(
        results, lists, measure_id="FD02", locality_of_team={}, localities=["North", "South"]
    )
    assert (found.rule, found.column) == ("home_area", "Home Area")
    counts = dict(found.figures.select("area", "numerator").iter_rows())
    assert counts == {"North": 0, "South": 1, "Home area not recognised": 1}
