"""Allocated workers in the normalised Annex A lists an import keeps (``list_<n>.parquet``,
see :func:`csc_measures.drilldown.write_lists`): children with many workers over successive
extracts, and each worker's caseload on an extract date.

Pure functions over folders of kept lists; the web application says which folders (which
imports, which authority) and applies its own small-number rule to what comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from csc_measures.schema import CHILD_ID, CIN_CLOSED, TEAM, WORKER

#: The lists of open cases whose rows name the child's allocated worker at each extract
#: (children in need, on a child protection plan, looked after).
CASE_LISTS = (6, 7, 8)

#: Children with this many different workers or more count as having "many workers".
MANY_WORKERS = 3


@dataclass(frozen=True)
class ManyWorkersCount:
    """Children with ``MANY_WORKERS`` or more different allocated workers across extracts."""

    children: int
    """with that many workers or more"""
    of: int
    """children with any allocated worker in those extracts"""
    extracts: tuple[dt.date, ...]
    """the extract dates whose lists named workers, oldest first"""


def many_workers_count(
    extracts: Sequence[tuple[dt.date, Path]], *, teams: Sequence[str] | None = None
) -> ManyWorkersCount | None:
    """Each child's distinct ``Allocated Worker`` names in lists 6-8 of the given extracts
    (extract date and folder of kept lists, oldest first), counting children with 3 or more.

    With ``teams``, only children allocated to one of those teams in some row (all their
    rows then count). None when no extract kept a list naming workers."""
    frames = []
    used: list[dt.date] = []
    for extract_date, folder in extracts:
        found = False
        for list_no in CASE_LISTS:
            path = folder / f"list_{list_no}.parquet"
            if not path.exists():
                continue
            columns = pl.read_parquet_schema(path)
            if WORKER not in columns:
                continue
            team = pl.col(TEAM) if TEAM in columns else pl.lit(None, dtype=pl.String)
            frames.append(
                pl.scan_parquet(path).select(
                    pl.col(CHILD_ID).alias("child"),
                    team.alias("team"),
                    pl.col(WORKER).str.strip_chars().alias("worker"),
                )
            )
            found = True
        if found:
            used.append(extract_date)
    if not frames:
        return None
    rows = pl.concat(frames).filter(pl.col("worker").is_not_null() & (pl.col("worker") != ""))
    if teams is not None:
        in_unit = rows.filter(pl.col("team").is_in(list(teams))).select("child").unique()
        rows = rows.join(in_unit, on="child", how="semi")
    counts = rows.group_by("child").agg(pl.col("worker").n_unique().alias("n")).collect()
    return ManyWorkersCount(
        children=int((counts["n"] >= MANY_WORKERS).sum()),
        of=counts.height,
        extracts=tuple(used),
    )


def caseloads_by_worker(
    folder: Path, *, extract_date: dt.date, teams: Sequence[str] | None = None
) -> list[int] | None:
    """Children in need open on ``extract_date`` (list 6) per allocated worker, as WF01-WF03
    count them: one number per worker. ``teams`` limits the rows to those teams when the list
    names teams. None when the folder has no list 6 naming workers."""
    path = folder / "list_6.parquet"
    if not path.exists():
        return None
    schema = pl.read_parquet_schema(path)
    if WORKER not in schema:
        return None
    rows = pl.scan_parquet(path).filter(
        pl.col(CIN_CLOSED).is_null() | (pl.col(CIN_CLOSED) > extract_date)
        if CIN_CLOSED in schema
        else pl.lit(value=True)
    )
    if teams is not None and TEAM in schema:
        rows = rows.filter(pl.col(TEAM).is_in(list(teams)))
    counts: list[int] = (
        rows.with_columns(pl.col(WORKER).str.strip_chars())
        .filter(pl.col(WORKER).is_not_null() & (pl.col(WORKER) != ""))
        .group_by(WORKER)
        .agg(pl.col(CHILD_ID).n_unique().alias("n"))
        .collect()["n"]
        .to_list()
    )
    return counts
