"""Caseloads and timeliness by allocated worker, for one team, from an import's stored results
(``numerator_ids`` / ``denominator_ids`` per measure, month and unit) and its kept lists
(``list_<n>.parquet``, which name each child's ``Allocated Worker``).

A worker's figure for a measure counts the children in the team's figure whose row in the
measure's list names that worker (a child with two workers in the list counts for both). The
team's and the authority's figures beside it are the stored figures themselves, so the team row
reads as on the dashboard. Pure functions over files: the web application chooses which import
and which team, and applies its own rules on who may see the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csc_measures.registry import REGISTRY
from csc_measures.schema import CHILD_ID, CIN_CLOSED, TEAM, WORKER

#: The table's columns: a heading and the measures pooled into it (their numerators and
#: denominators added up).
COLUMNS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "seen": ("Children seen in time", ("CN02", "CP09", "LA06")),
    "assessed": ("Assessments in time", ("AS02",)),
    "reviewed": ("Plans reviewed in time", ("CP10", "LA07")),
}
CASELOAD_LIST = 6


@dataclass(frozen=True)
class Ratio:
    numerator: int = 0
    denominator: int = 0

    @property
    def value(self) -> float | None:
        """Percentage, None when nothing was due."""
        return round(100 * self.numerator / self.denominator, 1) if self.denominator else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.numerator + other.numerator, self.denominator + other.denominator)


@dataclass(frozen=True)
class WorkerRow:
    worker: str
    caseload: int
    """open children in need on the extract date (list 6), as WF01-WF03 count them"""
    figures: dict[str, Ratio] = field(default_factory=dict)

    @property
    def ordered(self) -> tuple[Ratio, ...]:
        """The timeliness figures in the order of :data:`COLUMNS`."""
        return tuple(self.figures.get(key, Ratio()) for key in COLUMNS)


@dataclass(frozen=True)
class Comparison:
    """The team's or the authority's own figures beside the workers'."""

    caseload: float | None
    """average open children in need per allocated worker"""
    workers: int
    figures: dict[str, Ratio] = field(default_factory=dict)

    @property
    def ordered(self) -> tuple[Ratio, ...]:
        return tuple(self.figures.get(key, Ratio()) for key in COLUMNS)


@dataclass(frozen=True)
class WorkerTable:
    team: str
    period: str
    rows: tuple[WorkerRow, ...]
    team_figures: Comparison
    authority: Comparison
    measures_missing: tuple[str, ...] = ()
    """measures without stored results or kept lists (their columns count nothing)"""

    @property
    def comparisons(self) -> tuple[tuple[str, Comparison], ...]:
        return (("The team", self.team_figures), ("The authority", self.authority))


def _open_caseloads(lists_dir: Path, *, extract_date: dt.date) -> pl.DataFrame:
    """team, worker, caseload: open children in need on the extract date, per worker."""
    path = lists_dir / f"list_{CASELOAD_LIST}.parquet"
    empty = pl.DataFrame(schema={"team": pl.String, "worker": pl.String, "caseload": pl.UInt32})
    if not path.exists():
        return empty
    schema = pl.read_parquet_schema(path)
    if WORKER not in schema or TEAM not in schema:
        return empty
    rows = pl.scan_parquet(path)
    if CIN_CLOSED in schema:
        rows = rows.filter(pl.col(CIN_CLOSED).is_null() | (pl.col(CIN_CLOSED) > extract_date))
    return (
        rows.select(
            pl.col(TEAM).alias("team"),
            pl.col(WORKER).str.strip_chars().alias("worker"),
            pl.col(CHILD_ID),
        )
        .filter(pl.col("worker").is_not_null() & (pl.col("worker") != ""))
        .group_by("team", "worker")
        .agg(pl.col(CHILD_ID).n_unique().cast(pl.UInt32).alias("caseload"))
        .collect()
    )


def _stored(
    results_path: Path, *, measure_ids: Sequence[str], period: str, units: Sequence[str]
) -> pl.DataFrame:
    return (
        pl.scan_parquet(results_path)
        .filter(
            pl.col("measure_id").is_in(list(measure_ids))
            & (pl.col("period") == period)
            & pl.col("unit").is_in(list(units))
        )
        .select(
            "measure_id", "unit", "numerator", "denominator", "numerator_ids", "denominator_ids"
        )
        .collect()
    )


def _child_workers(lists_dir: Path, list_no: int, team: str) -> pl.DataFrame | None:
    path = lists_dir / f"list_{list_no}.parquet"
    if not path.exists():
        return None
    schema = pl.read_parquet_schema(path)
    if WORKER not in schema or TEAM not in schema:
        return None
    return (
        pl.scan_parquet(path)
        .filter(pl.col(TEAM) == team)
        .select(pl.col(CHILD_ID).alias("child"), pl.col(WORKER).str.strip_chars().alias("worker"))
        .filter(pl.col("worker").is_not_null() & (pl.col("worker") != ""))
        .unique()
        .collect()
    )


def worker_table(
    results_path: str | Path,
    lists_dir: str | Path,
    *,
    team: str,
    period: str,
    extract_date: dt.date,
) -> WorkerTable:
    """The workers of ``team`` (as ``Allocated Team`` names it) in ``period`` (``YYYY-MM``,
    normally the extract's month), with the team's and the authority's figures."""
    results, lists = Path(results_path), Path(lists_dir)
    unit = f"team:{team}"
    measure_ids = [m for _, ids in COLUMNS.values() for m in ids]
    stored = _stored(results, measure_ids=measure_ids, period=period, units=[unit, "la"])
    caseloads = _open_caseloads(lists, extract_date=extract_date)
    per_worker: dict[str, dict[str, Ratio]] = {}
    team_figures: dict[str, Ratio] = {}
    la_figures: dict[str, Ratio] = {}
    missing = []
    for key, (_, ids) in COLUMNS.items():
        team_figures[key] = Ratio()
        la_figures[key] = Ratio()
        for measure_id in ids:
            rows = stored.filter(pl.col("measure_id") == measure_id)
            spec = REGISTRY.get(measure_id)
            assigned = _child_workers(lists, spec.lists[0], team) if spec else None
            if rows.is_empty() or assigned is None:
                missing.append(measure_id)
                continue
            for row in rows.iter_rows(named=True):
                ratio = Ratio(int(row["numerator"] or 0), int(row["denominator"] or 0))
                if row["unit"] == "la":
                    la_figures[key] += ratio
                    continue
                team_figures[key] += ratio
                parts = {}
                for part in ("numerator", "denominator"):
                    children = pl.DataFrame(
                        {"child": sorted({c for c in row[f"{part}_ids"] or [] if c})},
                        schema={"child": pl.String},
                    )
                    parts[part] = dict(
                        children.join(assigned, on="child")
                        .group_by("worker")
                        .agg(pl.len().alias("n"))
                        .iter_rows()
                    )
                for worker in set(parts["numerator"]) | set(parts["denominator"]):
                    mine = per_worker.setdefault(worker, {})
                    mine[key] = mine.get(key, Ratio()) + Ratio(
                        int(parts["numerator"].get(worker, 0)),
                        int(parts["denominator"].get(worker, 0)),
                    )
    team_loads = caseloads.filter(pl.col("team") == team)
    loads = dict(team_loads.select("worker", "caseload").iter_rows())
    workers = sorted(set(loads) | set(per_worker))
    rows_out = tuple(
        WorkerRow(
            worker=worker,
            caseload=int(loads.get(worker, 0)),
            figures={key: per_worker.get(worker, {}).get(key, Ratio()) for key in COLUMNS},
        )
        for worker in workers
    )

    def average(frame: pl.DataFrame) -> tuple[float | None, int]:
        if frame.is_empty():
            return None, 0
        by_worker = frame.group_by("worker").agg(pl.col("caseload").sum())
        return round(float(by_worker["caseload"].mean()), 1), by_worker.height  # type: ignore[arg-type]

    team_avg, team_n = average(team_loads)
    la_avg, la_n = average(caseloads)
    return WorkerTable(
        team=team,
        period=period,
        rows=rows_out,
        team_figures=Comparison(caseload=team_avg, workers=team_n, figures=team_figures),
        authority=Comparison(caseload=la_avg, workers=la_n, figures=la_figures),
        measures_missing=tuple(sorted(set(missing))),
    )


__all__ = ["COLUMNS", "Comparison", "Ratio", "WorkerRow", "WorkerTable", "worker_table"]
