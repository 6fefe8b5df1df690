"""Allocated workers in kept Annex A lists, by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from csc_measures.allocations import caseloads_by_worker, many_workers_count
from csc_measures.schema import CHILD_ID, CIN_CLOSED, TEAM, WORKER

D1, D2, D3 = dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2025, 3, 31)


def _list(folder: Path, list_no: int, rows: dict[str, list[object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pl.DataFrame(rows).write_parquet(folder / f"list_{list_no}.parquet")


def test_children_with_three_or_more_workers_across_extracts(tmp_path: Path) -> None:
    _list(
        tmp_path / "a",
        6,
        {
            CHILD_ID: ["c1", "c2", "c3"],
            TEAM: ["North", "North", "South"],
            WORKER: ["W1", "W1", "W9"],
        },
    )
    _list(tmp_path / "a", 7, {CHILD_ID: ["c1"], TEAM: ["North"], WORKER: [" W2 "]})
    _list(
        tmp_path / "b",
        8,
        {CHILD_ID: ["c1", "c2", "c3"], TEAM: ["South", "North", "South"], WORKER: ["W3", "w1", ""]},
    )
    _list(tmp_path / "c", 6, {CHILD_ID: ["c9"], TEAM: ["North"]})  # names no worker
    found = many_workers_count([(D1, tmp_path / "a"), (D2, tmp_path / "b"), (D3, tmp_path / "c")])
    assert found is not None
    # c1: W1, W2, W3 (3); c2: W1, w1 (2); c3: W9 (the blank is no worker)
    assert (found.children, found.of, found.extracts) == (1, 3, (D1, D2))
    north = many_workers_count([(D1, tmp_path / "a"), (D2, tmp_path / "b")], teams=["North"])
    assert north is not None
    # c1 and c2 were in North at some extract: every row of theirs counts
    assert (north.children, north.of) == (1, 2)


def test_no_kept_list_naming_workers_is_none(tmp_path: Path) -> None:
    _list(tmp_path / "a", 6, {CHILD_ID: ["c1"]})
    assert many_workers_count([(D1, tmp_path / "a"), (D2, tmp_path / "missing")]) is None
    assert many_workers_count([]) is None


def test_lists_without_teams_match_no_team(tmp_path: Path) -> None:
    _list(tmp_path / "a", 6, {CHILD_ID: ["c1"], WORKER: ["W1"]})
    everyone = many_workers_count([(D1, tmp_path / "a")])
    assert everyone is not None
    assert (everyone.children, everyone.of) == (0, 1)
    north = many_workers_count([(D1, tmp_path / "a")], teams=["North"])
    assert north is not None
    assert (north.children, north.of) == (0, 0)


def test_caseloads_count_children_open_on_the_extract_date(tmp_path: Path) -> None:
    _list(
        tmp_path,
        6,
        {
            CHILD_ID: ["c1", "c2", "c2", "c3", "c4", "c5"],
            TEAM: ["North", "North", "North", "South", "North", "North"],
            WORKER: ["W1", "W1 ", "W1", "W2", "W2", None],
            CIN_CLOSED: [None, None, None, D3, dt.date(2025, 4, 1), None],
        },
    )
    # W1 holds c1 and c2 (once); c3 closed on the extract date; c5 has no worker
    assert sorted(caseloads_by_worker(tmp_path, extract_date=D3) or []) == [1, 2]
    assert sorted(caseloads_by_worker(tmp_path, extract_date=D3, teams=["South"]) or []) == []
    assert sorted(caseloads_by_worker(tmp_path, extract_date=D2, teams=["South"]) or []) == [1]


def test_caseloads_without_closure_dates_or_teams(tmp_path: Path) -> None:
    _list(tmp_path, 6, {CHILD_ID: ["c1", "c2"], WORKER: ["W1", "W1"]})
    assert caseloads_by_worker(tmp_path, extract_date=D3, teams=["North"]) == [2]
    assert caseloads_by_worker(tmp_path / "missing", extract_date=D3) is None
    _list(tmp_path / "b", 6, {CHILD_ID: ["c1"]})
    assert caseloads_by_worker(tmp_path / "b", extract_date=D3) is None
