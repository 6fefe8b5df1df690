"""The children behind a figure: their IDs, and the rows of the lists the measure read.

A stored catalogue result (:meth:`CatalogueResult.write_parquet`) keeps, per measure, month and
unit, the IDs counted in the numerator and the denominator. The normalised Annex A lists kept
beside it (:func:`write_lists`) let a reader see *why* each child was counted: their team,
worker and the dates and values of the columns the measure uses.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polars as pl

from csc_measures.ingest.annex import AnnexA
from csc_measures.registry import MeasureSpec
from csc_measures.schema import CHILD_ID, LISTS, TEAM, WORKER

Part = Literal["numerator", "denominator"]


def write_lists(annex: AnnexA, directory: str | Path) -> None:
    """Keep every loaded list as ``list_<n>.parquet`` in ``directory``."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    for list_no, frame in annex.lists.items():
        frame.write_parquet(folder / f"list_{list_no}.parquet")


def ids_by_unit(
    results_path: str | Path, *, measure_id: str, period: str, units: Iterable[str], part: Part
) -> dict[str, list[str]]:
    """The sorted IDs in ``part`` of the figure for each of ``units``, in one read of the
    stored results (a locality's page needs each of its teams). Units with no figure, or no
    such part, are absent."""
    ids = pl.col(f"{part}_ids").list.drop_nulls().list.unique().list.sort()
    frame = (
        pl.scan_parquet(results_path)
        .filter(
            (pl.col("measure_id") == measure_id)
            & (pl.col("period") == period)
            & pl.col("unit").is_in(list(units))
        )
        .select("unit", ids)
        .collect()
    )
    return {unit: ids for unit, ids in frame.iter_rows() if ids is not None}


def ids_behind(
    results_path: str | Path, *, measure_id: str, period: str, units: Iterable[str], part: Part
) -> list[str]:
    """The sorted, distinct IDs in ``part`` of the figure(s) for ``units`` (several units: a
    locality, the union of its teams). Empty when the figure has no such part."""
    per_unit = ids_by_unit(
        results_path, measure_id=measure_id, period=period, units=units, part=part
    )
    return sorted({child for unit_ids in per_unit.values() for child in unit_ids})


@dataclass(frozen=True)
class ListRows:
    """The rows of one Annex A list that explain why the children were counted."""

    list_no: int
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _month(period: str) -> tuple[dt.date, dt.date]:
    year, month = (int(part) for part in period.split("-"))
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def rows_behind(
    lists_dir: str | Path, *, spec: MeasureSpec, ids: Sequence[str], period: str
) -> list[ListRows]:
    """For each list the measure uses: the rows of those children, with the child's team and
    worker and the columns the measure reads.

    A child with a row dated in the month (any of the measure's date columns) shows those
    rows; otherwise their most recent row (a stock or snapshot measure counts children whose
    dates lie before the month).
    """
    folder = Path(lists_dir)
    start, end = _month(period)
    out: list[ListRows] = []
    for list_no, used in sorted(spec.uses.items()):
        path = folder / f"list_{list_no}.parquet"
        if not path.exists():
            continue
        frame = pl.read_parquet(path)
        if CHILD_ID not in frame.columns:
            continue
        wanted = [CHILD_ID]
        wanted += [c for c in (TEAM, WORKER) if c in frame.columns]
        wanted += [c for c in used if c in frame.columns and c not in wanted]
        frame = frame.filter(pl.col(CHILD_ID).is_in(list(ids))).select(wanted)
        dates = [c for c in wanted if frame.schema[c] == pl.Date]
        if dates and frame.height:
            in_month = pl.any_horizontal([pl.col(c).is_between(start, end) for c in dates])
            frame = frame.with_columns(
                in_month.fill_null(value=False).alias("_in"),
                pl.max_horizontal([pl.col(c) for c in dates]).alias("_latest"),
            )
            frame = frame.with_columns(pl.col("_in").any().over(CHILD_ID).alias("_child_in"))
            keep_in = frame.filter(pl.col("_in"))
            rest = (
                frame.filter(~pl.col("_child_in"))
                .sort([CHILD_ID, "_latest"], descending=[False, True], nulls_last=True)
                .unique(subset=[CHILD_ID], keep="first", maintain_order=True)
            )
            frame = pl.concat([keep_in, rest]).drop("_in", "_latest", "_child_in")
        frame = frame.sort([CHILD_ID, *dates[:1]])
        out.append(
            ListRows(
                list_no=list_no,
                title=LISTS[list_no].title if list_no in LISTS else f"List {list_no}",
                columns=tuple(frame.columns),
                rows=tuple(tuple(_text(v) for v in row) for row in frame.iter_rows()),
            )
        )
    return out


def lists_written(lists_dir: str | Path, spec: MeasureSpec) -> bool:
    """Whether the lists this measure uses were kept (imports before they were are not)."""
    folder = Path(lists_dir)
    return all((folder / f"list_{n}.parquet").exists() for n in spec.uses)


__all__ = [
    "ListRows",
    "Part",
    "ids_behind",
    "ids_by_unit",
    "lists_written",
    "rows_behind",
    "write_lists",
]
