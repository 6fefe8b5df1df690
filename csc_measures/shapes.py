"""Shared shapes most measures are made of, over typed Annex A lists.

- :func:`event_count` / :func:`event_ratio`: rows whose event date falls in each month;
- :func:`stock_count`: distinct children open on the last day of each month (the as-of date
  for the as-of month);
- :func:`snapshot_ratio`: a proportion of a cohort at the as-of date, for the as-of month only.

Every shape returns one row per (period, unit) with ``numerator``, ``denominator``, ``value``
and the IDs behind the numerator and the denominator as list columns (see
:data:`RESULT_SCHEMA`). Units are ``la`` and, when the list has ``Allocated Team``,
``team:<team>`` (a blank team is ``team:(unallocated)``). Every month and every team found in
the list gets a row, zero when nothing happened, so series are complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl

from csc_measures.dates import month_end, month_label, month_start
from csc_measures.ingest.annex import AnnexA
from csc_measures.schema import CHILD_ID, CIN_CLOSED, CIN_START, TEAM, WORKER

PERIOD = "period"
UNIT = "unit"
REF = "_ref"  # the reference date of a month (its last day, or as-of)
CODE = "_id_code"  # a child's ID as an integer: its rank among the list's distinct IDs
LA = "la"
UNALLOCATED = "(unallocated)"

RESULT_SCHEMA: dict[str, pl.DataType] = {
    "measure_id": pl.String(),
    PERIOD: pl.String(),
    UNIT: pl.String(),
    "numerator": pl.Int64(),
    "denominator": pl.Int64(),
    "value": pl.Float64(),
    "numerator_ids": pl.List(pl.String()),
    "denominator_ids": pl.List(pl.String()),
}


class NotComputableError(Exception):
    """A measure cannot be computed from this input (the message says why)."""


@dataclass(frozen=True)
class Month:
    label: str  # YYYY-MM
    start: dt.date
    end: dt.date
    ref: dt.date  # last day of the month, or the as-of date in the as-of month


def months_between(period_start: dt.date, as_of: dt.date) -> tuple[Month, ...]:
    """Every calendar month from the month of ``period_start`` to the month of ``as_of``."""
    months: list[Month] = []
    current = month_start(period_start)
    while current <= as_of:
        end = month_end(current)
        months.append(Month(month_label(current), current, end, min(end, as_of)))
        current = end + dt.timedelta(days=1)
    return tuple(months)


@dataclass(frozen=True)
class Context:
    """What a measure function sees: the typed lists and the reporting months."""

    annex: AnnexA
    months: tuple[Month, ...] = field(init=False)
    # Frames derived from the lists, shared between the measures run with this context.
    _cache: dict[Any, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "months", months_between(self.annex.period_start, self.annex.as_of)
        )

    @property
    def as_of(self) -> dt.date:
        return self.annex.as_of

    @property
    def as_of_label(self) -> str:
        return month_label(self.annex.as_of)

    @property
    def first_day(self) -> dt.date:
        return self.months[0].start

    def table(self, list_no: int) -> pl.DataFrame:
        return self.annex.table(list_no)

    def coded_table(self, list_no: int) -> tuple[pl.DataFrame, pl.Series | None]:
        """The list with ``Child Unique ID`` also as an integer code (column :data:`CODE`),
        and the sorted distinct IDs the codes index. Distinct IDs per group are found and
        sorted on the codes, much faster than on the text, and decoded at the end. Without an
        ID column, or with a blank ID, the list as it is and no codes."""
        key = ("coded", list_no)
        hit: tuple[pl.DataFrame, pl.Series | None] | None = self._cache.get(key)
        if hit is None:
            frame = self.table(list_no)
            ids = frame.get_column(CHILD_ID) if CHILD_ID in frame.columns else None
            if ids is None or ids.dtype != pl.String or ids.null_count() > 0:
                hit = (frame, None)
            else:
                codes, distinct = _encode(ids)
                hit = (frame.with_columns(codes.alias(CODE)), distinct)
            self._cache[key] = hit
        return hit

    def with_table(
        self, list_no: int, frame: pl.DataFrame, *, ids: pl.Series | None = None
    ) -> Context:
        """The same context with one list replaced (for example with a derived column). When
        ``frame`` was derived from :meth:`coded_table` and keeps its :data:`CODE` column, pass
        the distinct IDs of that table as ``ids`` to reuse the codes."""
        lists = dict(self.annex.lists)
        lists[list_no] = frame
        ctx = Context(replace(self.annex, lists=lists))
        if ids is not None and CODE in frame.columns:
            ctx._cache[("coded", list_no)] = (frame, ids)
        return ctx

    def has_team(self, list_no: int) -> bool:
        return self.annex.has_column(list_no, TEAM)

    def units(self, list_no: int) -> list[str]:
        """``la`` then every team of the list (sorted), as unit labels."""
        if not self.has_team(list_no):
            return [LA]
        teams = (
            self.table(list_no).select(team_unit_expr().unique()).get_column(UNIT).sort().to_list()
        )
        return [LA, *teams]

    def months_frame(self) -> pl.DataFrame:
        return pl.DataFrame(
            {PERIOD: [m.label for m in self.months], REF: [m.ref for m in self.months]},
            schema={PERIOD: pl.String(), REF: pl.Date()},
        )


def _encode(ids: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Each ID's rank among the distinct IDs (0-based, in sorted order), and the sorted
    distinct IDs: one sort of the IDs, the rest is integer work."""
    order = ids.arg_sort()
    ordered = ids.gather(order)
    first = ordered.ne_missing(ordered.shift(1))
    ranks = (first.cum_sum() - 1).cast(pl.UInt32)
    return ranks.gather(order.arg_sort()), ordered.filter(first)


def team_unit_expr() -> pl.Expr:
    return (pl.lit("team:") + pl.col(TEAM).fill_null(UNALLOCATED)).alias(UNIT)


def expand_units(frame: pl.DataFrame, *, team: bool) -> pl.DataFrame:
    """Each row once for ``la`` and, with ``team``, once more for its team unit."""
    la = frame.with_columns(pl.lit(LA).alias(UNIT))
    if not team:
        return la
    return pl.concat([la, frame.with_columns(team_unit_expr())], how="vertical")


def filter_rows(frame: pl.DataFrame, predicate: pl.Expr) -> pl.DataFrame:
    """Rows where ``predicate`` holds (unknown counts as not holding). The predicate is first
    materialised as a column: polars 2.1 mis-broadcasts a bare literal predicate (such as
    ``pl.lit(True)``, "every row") on a frame it splits for parallel filtering."""
    return (
        frame.with_columns(predicate.fill_null(value=False).alias("_keep"))
        .filter(pl.col("_keep"))
        .drop("_keep")
    )


def open_on(start: str, end: str | None, day: pl.Expr | dt.date) -> pl.Expr:
    """Open on day D: start ≤ D and (end blank or end > D)."""
    day_expr = pl.lit(day) if isinstance(day, dt.date) else day
    is_open = pl.col(start) <= day_expr
    if end is not None:
        is_open = is_open & (pl.col(end).is_null() | (pl.col(end) > day_expr))
    return is_open


def _grid(periods: list[str], units: list[str]) -> pl.DataFrame:
    return pl.DataFrame({PERIOD: periods}, schema={PERIOD: pl.String()}).join(
        pl.DataFrame({UNIT: units}, schema={UNIT: pl.String()}), how="cross"
    )


def finish_rows(
    agg: pl.DataFrame, periods: list[str], units: list[str], *, ratio: bool, scale: float = 100.0
) -> pl.DataFrame:
    """Complete the (period x unit) grid and compute values."""
    full = _grid(periods, units).join(agg, on=[PERIOD, UNIT], how="left")
    empty = pl.lit([], dtype=pl.List(pl.String()))
    full = full.with_columns(
        pl.col("numerator").fill_null(0).cast(pl.Int64),
        pl.col("numerator_ids").fill_null(empty),
    )
    if ratio:
        full = full.with_columns(
            pl.col("denominator").fill_null(0).cast(pl.Int64),
            pl.col("denominator_ids").fill_null(empty),
        ).with_columns(
            pl.when(pl.col("denominator") > 0)
            .then(scale * pl.col("numerator") / pl.col("denominator"))
            .otherwise(None)
            .cast(pl.Float64)
            .alias("value")
        )
    else:
        full = full.with_columns(
            pl.lit(None, dtype=pl.Int64).alias("denominator"),
            pl.col("numerator").cast(pl.Float64).alias("value"),
            pl.lit(None, dtype=pl.List(pl.String())).alias("denominator_ids"),
        )
    return full.select(
        PERIOD, UNIT, "numerator", "denominator", "value", "numerator_ids", "denominator_ids"
    )


def _sorted_ids(expr: pl.Expr) -> pl.Expr:
    return expr.unique().sort()


def decode_ids(frame: pl.DataFrame, columns: list[str], ids: pl.Series) -> pl.DataFrame:
    """Replace list columns of ID codes by the IDs they index in ``ids`` (sorted codes give
    sorted IDs)."""
    for name in columns:
        exploded = frame.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_i"), name).explode(
            name, empty_as_null=True, keep_nulls=True
        )
        texts = ids.gather(exploded.get_column(name))  # a null code (an empty list) stays null
        decoded = (
            exploded.with_columns(texts.alias(name))
            .group_by("_i", maintain_order=True)
            .agg(pl.col(name).drop_nulls())
        )
        frame = frame.with_columns(decoded.get_column(name).cast(pl.List(pl.String())))
    return frame


def count_rows(
    long: pl.DataFrame,
    periods: list[str],
    units: list[str],
    *,
    distinct: bool,
    id_col: str = CHILD_ID,
    ids: pl.Series | None = None,
) -> pl.DataFrame:
    """Count rows (or distinct IDs) of a long (period, unit, id) frame. With ``ids``, the frame
    also has the IDs as codes into ``ids`` (column :data:`CODE`), which are used instead."""
    key = CODE if ids is not None else id_col
    if distinct and ids is not None:
        # The distinct children are listed anyway: count the list (codes are never null).
        agg = long.group_by(PERIOD, UNIT).agg(_sorted_ids(pl.col(key)).alias("numerator_ids"))
        agg = agg.with_columns(pl.col("numerator_ids").list.len().cast(pl.Int64).alias("numerator"))
    else:
        counter = pl.col(key).n_unique() if distinct else pl.len()
        agg = long.group_by(PERIOD, UNIT).agg(
            counter.cast(pl.Int64).alias("numerator"),
            _sorted_ids(pl.col(key)).alias("numerator_ids"),
        )
    if ids is not None:
        agg = decode_ids(agg, ["numerator_ids"], ids)
    return finish_rows(agg, periods, units, ratio=False)


def ratio_rows(
    long: pl.DataFrame,
    periods: list[str],
    units: list[str],
    *,
    numerator: pl.Expr,
    id_col: str = CHILD_ID,
    ids: pl.Series | None = None,
) -> pl.DataFrame:
    """Proportion of the rows of a long (period, unit, id) frame meeting ``numerator``
    (unknown counts as not meeting it). Rows are counted; the IDs are listed once each. With
    ``ids``, the IDs are taken from the codes (see :func:`count_rows`)."""
    key = CODE if ids is not None else id_col
    flagged = long.with_columns(numerator.fill_null(value=False).alias("_n"))
    in_n = pl.col(key).filter(pl.col("_n"))
    agg = flagged.group_by(PERIOD, UNIT).agg(
        pl.len().cast(pl.Int64).alias("denominator"),
        pl.col("_n").sum().cast(pl.Int64).alias("numerator"),
        _sorted_ids(pl.col(key)).alias("denominator_ids"),
        _sorted_ids(in_n).alias("numerator_ids"),
    )
    if ids is not None:
        agg = decode_ids(agg, ["denominator_ids", "numerator_ids"], ids)
    return finish_rows(agg, periods, units, ratio=True)


def in_months(ctx: Context, frame: pl.DataFrame, date_col: str) -> pl.DataFrame:
    """Rows whose ``date_col`` falls in a reporting month (up to the as-of date), with their
    period label. Dates after the as-of date are reported at ingest and not counted."""
    return frame.filter(pl.col(date_col).is_between(ctx.first_day, ctx.as_of)).with_columns(
        pl.col(date_col).dt.strftime("%Y-%m").alias(PERIOD)
    )


def _periods(ctx: Context) -> list[str]:
    return [m.label for m in ctx.months]


def event_count(
    ctx: Context,
    list_no: int,
    date_col: str,
    *,
    where: pl.Expr | None = None,
    team: bool | None = None,
) -> pl.DataFrame:
    """Rows of a list whose ``date_col`` falls in each month (optionally only rows ``where``).
    ``team=False`` gives the ``la`` unit only."""
    by_team = ctx.has_team(list_no) if team is None else team and ctx.has_team(list_no)
    key = ("event_count", list_no, date_col, by_team)
    if where is None and key in ctx._cache:  # FD03 counts what FD01 and FD02 count
        cached: pl.DataFrame = ctx._cache[key]
        return cached
    frame, ids = ctx.coded_table(list_no)
    if where is not None:
        frame = filter_rows(frame, where)
    long = expand_units(in_months(ctx, frame, date_col), team=by_team)
    units = ctx.units(list_no) if by_team else [LA]
    counted = count_rows(long, _periods(ctx), units, distinct=False, ids=ids)
    if where is None:
        ctx._cache[key] = counted
    return counted


def event_ratio(
    ctx: Context,
    list_no: int,
    date_col: str,
    *,
    numerator: pl.Expr,
    where: pl.Expr | None = None,
) -> pl.DataFrame:
    """Denominator: rows whose ``date_col`` falls in the month (and ``where``); numerator:
    those meeting ``numerator``."""
    frame, ids = ctx.coded_table(list_no)
    if where is not None:
        frame = filter_rows(frame, where)
    long = expand_units(in_months(ctx, frame, date_col), team=ctx.has_team(list_no))
    return ratio_rows(long, _periods(ctx), ctx.units(list_no), numerator=numerator, ids=ids)


def open_at_refs(
    ctx: Context, list_no: int, start: str, end: str | None, *, where: pl.Expr | None = None
) -> pl.DataFrame:
    """Rows open at each month's reference date, one row per (row, month), with ``period`` and
    ``_ref``, keeping only the ID, the dates and the team. ``where`` may use ``pl.col(REF)``."""
    table, ids = ctx.coded_table(list_no)
    keep = [
        CHILD_ID,
        *([CODE] if ids is not None else []),
        start,
        *([end] if end else []),
        *([TEAM] if ctx.has_team(list_no) else []),
    ]
    frame = table.select(keep).filter(pl.col(start).is_not_null())
    crossed = (
        frame.lazy()
        .join(ctx.months_frame().lazy(), how="cross")
        .filter(open_on(start, end, pl.col(REF)))
        .collect()
    )
    if where is not None:
        crossed = filter_rows(crossed, where)
    return crossed


def stock_count(
    ctx: Context, list_no: int, start: str, end: str | None, *, where: pl.Expr | None = None
) -> pl.DataFrame:
    """Distinct children open (start ≤ D and (end blank or end > D)) at each month's
    reference date D; ``where`` may add a condition using ``pl.col(REF)``."""
    crossed = open_at_refs(ctx, list_no, start, end, where=where)
    long = expand_units(crossed, team=ctx.has_team(list_no))
    ids = ctx.coded_table(list_no)[1]
    return count_rows(long, _periods(ctx), ctx.units(list_no), distinct=True, ids=ids)


def snapshot_ratio(
    ctx: Context, list_no: int, *, cohort: pl.Expr, numerator: pl.Expr
) -> pl.DataFrame:
    """At the as-of date, for the as-of month only: denominator = rows in ``cohort``,
    numerator = those also meeting ``numerator`` (unknown never meets it)."""
    table, ids = ctx.coded_table(list_no)
    frame = filter_rows(table, cohort)
    frame = frame.with_columns(pl.lit(ctx.as_of_label).alias(PERIOD))
    long = expand_units(frame, team=ctx.has_team(list_no))
    return ratio_rows(long, [ctx.as_of_label], ctx.units(list_no), numerator=numerator, ids=ids)


def is_yes(expr: pl.Expr) -> pl.Expr:
    """A coded text value that says Yes (``Yes``/``Y`` in any case, prefix already stripped)."""
    return expr.str.to_uppercase().is_in(["YES", "Y"])


def activity_code(expr: pl.Expr) -> pl.Expr:
    """The activity code of a care leaver: text before the first colon, trimmed, upper case."""
    return expr.str.split(":").list.first().str.strip_chars().str.to_uppercase()


def open_allocations(ctx: Context) -> pl.DataFrame:
    """List 6 rows open at the as-of date with a non-blank ``Allocated Worker``."""
    return ctx.table(6).filter(
        open_on(CIN_START, CIN_CLOSED, ctx.as_of) & pl.col(WORKER).is_not_null()
    )


def caseloads(ctx: Context) -> pl.DataFrame:
    """Open allocations at the as-of date, per unit, labelled with the as-of period."""
    frame = open_allocations(ctx).with_columns(pl.lit(ctx.as_of_label).alias(PERIOD))
    return expand_units(frame, team=ctx.has_team(6))


def worker_caseload_ratio(ctx: Context, *, limit: int) -> pl.DataFrame:
    """Workers with at least one open child at as-of (denominator) and those holding ``limit``
    or fewer distinct children across the authority (numerator), per unit."""
    allocations = open_allocations(ctx)
    load = allocations.group_by(WORKER).agg(pl.col(CHILD_ID).n_unique().alias("_caseload"))
    keep = [WORKER, TEAM] if ctx.has_team(6) else [WORKER]
    per_unit = (
        expand_units(allocations.select(keep), team=ctx.has_team(6))
        .unique([WORKER, UNIT])
        .join(load, on=WORKER, how="left")
        .with_columns(pl.lit(ctx.as_of_label).alias(PERIOD))
    )
    return ratio_rows(
        per_unit,
        [ctx.as_of_label],
        ctx.units(6),
        numerator=pl.col("_caseload") <= limit,
        id_col=WORKER,
    )
