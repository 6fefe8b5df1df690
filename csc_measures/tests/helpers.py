"""Helpers for hand-built Annex A tables in tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from csc_measures import AnnexA, annex_from_frames, compute_catalogue
from csc_measures.compute import CatalogueResult

AS_OF = dt.date(2025, 3, 31)

Table = Mapping[str, Sequence[str | None]]


def annex(
    lists: Mapping[int, Table], *, as_of: dt.date = AS_OF, period_start: dt.date | None = None
) -> AnnexA:
    return annex_from_frames(
        {n: pl.DataFrame(dict(t), schema=dict.fromkeys(t, pl.String)) for n, t in lists.items()},
        as_of=as_of,
        period_start=period_start,
    )


def run(measure_id: str, lists: Mapping[int, Table], **kwargs: dt.date) -> CatalogueResult:
    return compute_catalogue(annex(lists, **kwargs), measure_ids=[measure_id])


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int | None
    value: float | None
    numerator_ids: set[str]
    denominator_ids: set[str] | None


def figure(result: CatalogueResult, measure_id: str, period: str, unit: str = "la") -> Figure:
    rows = result.results.filter(
        (pl.col("measure_id") == measure_id)
        & (pl.col("period") == period)
        & (pl.col("unit") == unit)
    )
    assert rows.height == 1, f"expected one row for {measure_id} {period} {unit}, got {rows.height}"
    row = rows.row(0, named=True)
    den_ids = row["denominator_ids"]
    return Figure(
        row["numerator"],
        row["denominator"],
        row["value"],
        set(row["numerator_ids"]),
        None if den_ids is None else set(den_ids),
    )


def measure_rows(result: CatalogueResult, measure_id: str) -> pl.DataFrame:
    return result.results.filter(pl.col("measure_id") == measure_id)


def table(
    columns: Sequence[str], rows: Sequence[Sequence[str | None]]
) -> dict[str, list[str | None]]:
    """A list given row by row (as it reads in a spreadsheet)."""
    data: dict[str, list[str | None]] = {c: [] for c in columns}
    for row in rows:
        assert len(row) == len(columns), row
        for column, value in zip(columns, row, strict=True):
            data[column].append(value)
    return data
