"""Run measures over a loaded Annex A, and write the results as the catalogue's CSV."""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from csc_measures.ingest.annex import AnnexA
from csc_measures.registry import REGISTRY, MeasureSpec, Registry
from csc_measures.shapes import LA, PERIOD, RESULT_SCHEMA, UNIT, Context, NotComputableError

CSV_COLUMNS = ("measure_id", "period", "unit", "numerator", "denominator", "value")


@dataclass(frozen=True)
class NotComputable:
    """A measure that could not be computed, and why (never a zero)."""

    measure_id: str
    reason: str


@dataclass(frozen=True)
class MeasureValue:
    """One figure: a measure in a month for a unit, with the IDs behind it."""

    measure_id: str
    period: str
    unit: str
    numerator: int
    denominator: int | None
    value: float | None
    numerator_ids: pl.Series
    denominator_ids: pl.Series | None


@dataclass(frozen=True)
class Figure:
    """One figure without the IDs behind it: what an application stores."""

    measure_id: str
    period: str
    unit: str
    numerator: int
    denominator: int | None
    value: float | None


@dataclass(frozen=True)
class CatalogueResult:
    """Results of a catalogue run.

    ``results`` holds one row per (measure, period, unit) with the columns of
    :data:`csc_measures.shapes.RESULT_SCHEMA`; ``numerator_ids`` and ``denominator_ids`` are list
    columns of child IDs (worker IDs where the measure says so). ``not_computable`` lists the
    measures that could not be computed, with the reason.
    """

    results: pl.DataFrame
    not_computable: tuple[NotComputable, ...]
    as_of_period: str

    def for_measure(self, measure_id: str) -> pl.DataFrame:
        """Rows of one measure (for FD06, every ``FD06:<source>`` row)."""
        return self.results.filter(
            (pl.col("measure_id") == measure_id)
            | pl.col("measure_id").str.starts_with(f"{measure_id}:")
        )

    def write_parquet(self, path: str | Path) -> None:
        """Keep the results with the children behind each figure, compactly (one list per
        figure), for example in private storage beside an import."""
        self.results.write_parquet(path)

    def figures(self) -> Iterator[Figure]:
        """Every figure, without the IDs (cheap: for storing the figures)."""
        columns = ("measure_id", PERIOD, UNIT, "numerator", "denominator", "value")
        for row in self.results.select(columns).iter_rows():
            yield Figure(*row)

    def values(self) -> Iterator[MeasureValue]:
        for row in self.results.iter_rows(named=True):
            denominator_ids = row["denominator_ids"]
            yield MeasureValue(
                measure_id=row["measure_id"],
                period=row[PERIOD],
                unit=row[UNIT],
                numerator=row["numerator"],
                denominator=row["denominator"],
                value=row["value"],
                numerator_ids=pl.Series("numerator_ids", row["numerator_ids"], dtype=pl.String),
                denominator_ids=None
                if denominator_ids is None
                else pl.Series("denominator_ids", denominator_ids, dtype=pl.String),
            )


def missing_inputs(spec: MeasureSpec, annex: AnnexA) -> str | None:
    """Why ``spec`` cannot be computed from ``annex`` (a missing list or column), or None."""
    reasons: list[str] = []
    for list_no, columns in sorted(spec.uses.items()):
        if not annex.has_list(list_no):
            reasons.append(f"List {list_no} is not loaded")
            continue
        absent = [c for c in columns if not annex.has_column(list_no, c)]
        if absent:
            names = ", ".join(f"'{c}'" for c in absent)
            plural = "columns" if len(absent) > 1 else "column"
            reasons.append(f"List {list_no} has no {names} {plural}")
    return "; ".join(reasons) or None


def compute_measure(spec: MeasureSpec, ctx: Context) -> pl.DataFrame | NotComputable:
    reason = missing_inputs(spec, ctx.annex)
    if reason is not None:
        return NotComputable(spec.id, reason)
    try:
        frame = spec.func(ctx)
    except NotComputableError as exc:
        return NotComputable(spec.id, str(exc))
    if "measure_id" not in frame.columns:
        frame = frame.with_columns(pl.lit(spec.id).alias("measure_id"))
    if not ctx.with_ids:
        frame = frame.with_columns(
            pl.lit(None, dtype=pl.List(pl.String())).alias(name)
            for name in ("numerator_ids", "denominator_ids")
        )
    frame = frame.select([pl.col(name).cast(dtype) for name, dtype in RESULT_SCHEMA.items()])
    # Results are kept by measure, period, then ``la`` before the teams. Most shapes give rows
    # in that order already: sorting them anyway would copy every list of IDs.
    order = frame.select(
        pl.arg_sort_by("measure_id", PERIOD, pl.col(UNIT) != LA, UNIT, maintain_order=True).alias(
            "_order"
        )
    ).to_series()
    if order.equals(pl.int_range(frame.height, dtype=pl.UInt32, eager=True), check_names=False):
        return frame
    return frame[order]


def default_workers() -> int:
    """Measures run side by side: twice polars' thread count (at least 2, at most 8), or
    ``CSC_MEASURES_WORKERS`` when set (1 runs them one after another)."""
    configured = os.environ.get("CSC_MEASURES_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(2, min(8, 2 * pl.thread_pool_size()))


def compute_catalogue(
    annex: AnnexA,
    *,
    measure_ids: Iterable[str] | None = None,
    registry: Registry[MeasureSpec] | None = None,
    workers: int | None = None,
    with_ids: bool = True,
) -> CatalogueResult:
    """Compute the given measures (default: the whole catalogue) over ``annex``.

    With ``with_ids=False`` only the figures are computed (the ID columns are blank): what the
    results CSV needs, in much less time.

    ``workers`` measures run side by side (default: :func:`default_workers`); the results are
    the same whatever the number, in the registry's order."""
    reg = REGISTRY if registry is None else registry
    if measure_ids is None:
        ids = list(reg)
    else:
        ids = list(dict.fromkeys(measure_ids))
        unknown = [i for i in ids if i not in reg]
        if unknown:
            raise KeyError(f"unknown measure id(s): {', '.join(unknown)}")
    ctx = Context(annex, with_ids=with_ids)
    specs = [reg[measure_id] for measure_id in ids]
    frames: list[pl.DataFrame] = []
    not_computable: list[NotComputable] = []
    threads = workers if workers is not None else default_workers()
    if threads > 1 and len(specs) > 1:
        # Polars releases the GIL while it works, but a measure is many small steps, each
        # with some Python between them: running measures side by side keeps every core busy.
        # The lists' ID codes are shared by the measures, so they are made first.
        used = sorted({n for spec in specs for n in spec.uses if annex.has_list(n)})
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="measures") as pool:
            list(pool.map(ctx.rows_table, used))
            outcomes = list(pool.map(lambda spec: compute_measure(spec, ctx), specs))
    else:
        outcomes = [compute_measure(spec, ctx) for spec in specs]
    for outcome in outcomes:
        if isinstance(outcome, NotComputable):
            not_computable.append(outcome)
        else:
            frames.append(outcome)
    results = pl.concat(frames) if frames else pl.DataFrame(schema=RESULT_SCHEMA)
    return CatalogueResult(results, tuple(not_computable), ctx.as_of_label)


def format_value(value: float | None) -> str:
    """At most 4 decimals, no trailing zeros; empty when there is no value."""
    if value is None or math.isnan(value):
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def results_csv_rows(results: pl.DataFrame) -> Iterator[tuple[str, ...]]:
    for measure_id, period, unit, numerator, denominator, value in results.select(
        CSV_COLUMNS
    ).iter_rows():
        yield (
            measure_id,
            period,
            unit,
            str(numerator),
            "" if denominator is None else str(denominator),
            format_value(value),
        )


def results_to_csv(results: pl.DataFrame) -> str:
    """The CSV text: ``measure_id,period,unit,numerator,denominator,value``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(results_csv_rows(results))
    return buffer.getvalue()


def write_results_csv(result: CatalogueResult | pl.DataFrame, path: str | Path) -> None:
    """Write the results CSV atomically (a temporary file renamed at the end)."""
    frame = result.results if isinstance(result, CatalogueResult) else result
    target = Path(path)
    text = results_to_csv(frame)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
