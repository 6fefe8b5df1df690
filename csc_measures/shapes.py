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
from typing import Any, TypeVar

import polars as pl

from csc_measures.dates import month_end, month_label, month_start
from csc_measures.ingest.annex import AnnexA
from csc_measures.schema import CHILD_ID, CIN_CLOSED, CIN_START, TEAM, WORKER

PERIOD = "period"
UNIT = "unit"
REF = "_ref"  # the reference date of a month (its last day, or as-of)
MONTH = "_month"  # a reporting month as a number (0 = the first); labelled after grouping
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


FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)


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
    """What a measure function sees: the typed lists and the reporting months.

    With ``with_ids`` False only the figures are wanted, not the IDs behind them: the shapes then
    count without listing anyone (much less work), and the ID columns of the results are
    blank."""

    annex: AnnexA
    with_ids: bool = True
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
        ctx = Context(replace(self.annex, lists=lists), with_ids=self.with_ids)
        if ids is not None and CODE in frame.columns:
            ctx._cache[("coded", list_no)] = (frame, ids)
        return ctx

    def rows_table(self, list_no: int) -> tuple[pl.DataFrame, pl.Series | None]:
        """The list the shapes count: with IDs wanted, :meth:`coded_table`; otherwise the list
        as it is (no codes needed to count)."""
        return self.coded_table(list_no) if self.with_ids else (self.table(list_no), None)

    def has_team(self, list_no: int) -> bool:
        return self.annex.has_column(list_no, TEAM)

    def units(self, list_no: int) -> list[str]:
        """``la`` then every team of the list (sorted), as unit labels."""
        if not self.has_team(list_no):
            return [LA]
        key = ("units", list_no)
        units: list[str] | None = self._cache.get(key)
        if units is None:
            teams = self.table(list_no).get_column(TEAM).unique()
            units = [LA, *sorted(f"team:{t if t is not None else UNALLOCATED}" for t in teams)]
            self._cache[key] = units
        return list(units)

    def months_frame(self) -> pl.DataFrame:
        """Each reporting month's number (:data:`MONTH`) and reference date (:data:`REF`)."""
        return pl.DataFrame(
            {MONTH: range(len(self.months)), REF: [m.ref for m in self.months]},
            schema={MONTH: pl.UInt32(), REF: pl.Date()},
        )

    def period_labels(self) -> pl.Series:
        """The ``YYYY-MM`` label of each month number."""
        return pl.Series(PERIOD, [m.label for m in self.months], dtype=pl.String())


def _encode(ids: pl.Series) -> tuple[pl.Series, pl.Series]:
    """The IDs as an enumeration over their sorted distinct values, and those values. The
    enumeration is stored as integer codes in sorted ID order, so that finding and sorting the
    distinct IDs of a group is integer work, and turning a list of them back into text keeps
    the list as it is (no regrouping)."""
    distinct = ids.unique().sort()
    return ids.cast(pl.Enum(distinct)), distinct


def team_unit_expr() -> pl.Expr:
    return (pl.lit("team:") + pl.col(TEAM).fill_null(UNALLOCATED)).alias(UNIT)


def expand_units(frame: pl.DataFrame, *, team: bool) -> pl.DataFrame:
    """Each row once for ``la`` and, with ``team``, once more for its team unit."""
    la = frame.with_columns(pl.lit(LA).alias(UNIT))
    if not team:
        return la
    return pl.concat([la, frame.with_columns(team_unit_expr())], how="vertical")


def filter_rows(frame: FrameT, predicate: pl.Expr) -> FrameT:
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
    """Complete the (period x unit) grid and compute values. Rows come in the grid's order:
    by period, then ``la``, then the teams in order (the order results are kept in)."""
    blank_ids = pl.lit(None, dtype=pl.List(pl.String()))
    agg = agg.with_columns(
        blank_ids.alias(name)
        for name in ("numerator_ids", "denominator_ids")
        if name not in agg.columns and (ratio or name == "numerator_ids")
    )
    full = _grid(periods, units).join(agg, on=[PERIOD, UNIT], how="left", maintain_order="left")
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


def decode_ids(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Turn list columns of coded IDs (see :meth:`Context.coded_table`) back into text (IDs
    already text stay as they are; absent columns are left absent). The codes are in sorted ID
    order, so sorted codes give sorted IDs."""
    return frame.with_columns(
        pl.col(name).cast(pl.List(pl.String())) for name in columns if name in frame.columns
    )


def _count_aggs(key: str, *, distinct: bool, coded: bool, ids: bool = True) -> list[pl.Expr]:
    if not ids:
        counter = pl.col(key).n_unique() if distinct else pl.len()
        return [counter.cast(pl.Int64).alias("numerator")]
    if distinct and coded:
        # The distinct children are listed anyway: count the list (codes are never null).
        return [_sorted_ids(pl.col(key)).alias("numerator_ids")]
    counter = pl.col(key).n_unique() if distinct else pl.len()
    return [
        counter.cast(pl.Int64).alias("numerator"),
        _sorted_ids(pl.col(key)).alias("numerator_ids"),
    ]


def _with_count(agg: pl.DataFrame) -> pl.DataFrame:
    if "numerator" in agg.columns:
        return agg
    return agg.with_columns(pl.col("numerator_ids").list.len().cast(pl.Int64).alias("numerator"))


def _ratio_aggs(key: str, *, ids: bool = True) -> list[pl.Expr]:
    in_n = pl.col(key).filter(pl.col("_n"))
    counts = [
        pl.len().cast(pl.Int64).alias("denominator"),
        pl.col("_n").sum().cast(pl.Int64).alias("numerator"),
    ]
    if not ids:
        return counts
    return [
        *counts,
        _sorted_ids(pl.col(key)).alias("denominator_ids"),
        _sorted_ids(in_n).alias("numerator_ids"),
    ]


def count_rows(
    long: pl.DataFrame,
    periods: list[str],
    units: list[str],
    *,
    distinct: bool,
    id_col: str = CHILD_ID,
    ids: pl.Series | None = None,
    listed: bool = True,
) -> pl.DataFrame:
    """Count rows (or distinct IDs) of a long (period, unit, id) frame. With ``ids``, the frame
    also has the IDs as codes (column :data:`CODE`), which are used instead. With ``listed``
    False, the IDs are counted but not listed."""
    key = CODE if ids is not None else id_col
    aggs = _count_aggs(key, distinct=distinct, coded=ids is not None, ids=listed)
    agg = _with_count(long.group_by(PERIOD, UNIT).agg(aggs))
    return finish_rows(decode_ids(agg, ["numerator_ids"]), periods, units, ratio=False)


def ratio_rows(
    long: pl.DataFrame,
    periods: list[str],
    units: list[str],
    *,
    numerator: pl.Expr,
    id_col: str = CHILD_ID,
    ids: pl.Series | None = None,
    listed: bool = True,
) -> pl.DataFrame:
    """Proportion of the rows of a long (period, unit, id) frame meeting ``numerator``
    (unknown counts as not meeting it). Rows are counted; the IDs are listed once each (unless
    ``listed`` is False). With ``ids``, the IDs are taken from the codes (see
    :func:`count_rows`)."""
    key = CODE if ids is not None else id_col
    flagged = long.with_columns(numerator.fill_null(value=False).alias("_n"))
    agg = flagged.group_by(PERIOD, UNIT).agg(_ratio_aggs(key, ids=listed))
    agg = decode_ids(agg, ["denominator_ids", "numerator_ids"])
    return finish_rows(agg, periods, units, ratio=True)


def _by_month_and_unit(
    ctx: Context, long: pl.LazyFrame, aggs: list[pl.Expr], *, team: bool, needs: list[str]
) -> pl.DataFrame:
    """Aggregate a long query with a :data:`MONTH` column once by month (the ``la`` unit) and,
    with ``team``, once by month and team, then label the (few) groups with their period and
    unit. Cheaper than labelling every row and stacking a copy of them per unit. The query is
    run once, keeping only the columns the aggregations need (``needs``)."""
    rows = long.select(MONTH, *([TEAM] if team else []), *needs).collect()
    parts = [rows.group_by(MONTH).agg(aggs).with_columns(pl.lit(LA).alias(UNIT))]
    if team:
        by_team = rows.group_by(MONTH, TEAM).agg(aggs).with_columns(team_unit_expr())
        parts.append(by_team.select(parts[0].columns))
    agg = pl.concat(parts, how="vertical")
    labels = pl.lit(ctx.period_labels()).gather(pl.col(MONTH)).alias(PERIOD)
    return agg.with_columns(labels).drop(MONTH)


def _month_count(
    ctx: Context,
    long: pl.LazyFrame,
    list_no: int,
    *,
    team: bool,
    distinct: bool,
    periods: list[str],
) -> pl.DataFrame:
    ids = ctx.rows_table(list_no)[1]
    key = CODE if ids is not None else CHILD_ID
    aggs = _count_aggs(key, distinct=distinct, coded=ids is not None, ids=ctx.with_ids)
    agg = _by_month_and_unit(ctx, long, aggs, team=team, needs=[key])
    agg = decode_ids(_with_count(agg), ["numerator_ids"])
    units = ctx.units(list_no) if team else [LA]
    return finish_rows(agg, periods, units, ratio=False)


def _month_ratio(
    ctx: Context, long: pl.LazyFrame, list_no: int, *, numerator: pl.Expr, periods: list[str]
) -> pl.DataFrame:
    ids = ctx.rows_table(list_no)[1]
    key = CODE if ids is not None else CHILD_ID
    flagged = long.with_columns(numerator.fill_null(value=False).alias("_n"))
    aggs = _ratio_aggs(key, ids=ctx.with_ids)
    team = ctx.has_team(list_no)
    agg = _by_month_and_unit(ctx, flagged, aggs, team=team, needs=[key, "_n"])
    agg = decode_ids(agg, ["denominator_ids", "numerator_ids"])
    return finish_rows(agg, periods, ctx.units(list_no), ratio=True)


def month_number(ctx: Context, date: pl.Expr) -> pl.Expr:
    """The reporting month number (:data:`MONTH`) of a date in the period."""
    first = ctx.first_day
    return (
        (date.dt.year().cast(pl.Int32) * 12 + date.dt.month().cast(pl.Int32))
        - (first.year * 12 + first.month)
    ).cast(pl.UInt32)


def in_months(ctx: Context, frame: FrameT, date_col: str) -> FrameT:
    """Rows whose ``date_col`` falls in a reporting month (up to the as-of date), with their
    month number (:data:`MONTH`). Dates after the as-of date are reported at ingest and not
    counted."""
    return frame.filter(pl.col(date_col).is_between(ctx.first_day, ctx.as_of)).with_columns(
        month_number(ctx, pl.col(date_col)).alias(MONTH)
    )


def _periods(ctx: Context) -> list[str]:
    return [m.label for m in ctx.months]


def _rows(ctx: Context, list_no: int, where: pl.Expr | None) -> pl.LazyFrame:
    """The coded list as a query, optionally only the rows ``where``."""
    frame = ctx.rows_table(list_no)[0].lazy()
    return frame if where is None else filter_rows(frame, where)


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
    long = in_months(ctx, _rows(ctx, list_no, where), date_col)
    counted = _month_count(ctx, long, list_no, team=by_team, distinct=False, periods=_periods(ctx))
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
    long = in_months(ctx, _rows(ctx, list_no, where), date_col)
    return _month_ratio(ctx, long, list_no, numerator=numerator, periods=_periods(ctx))


def open_at_refs(
    ctx: Context, list_no: int, start: str, end: str | None, *, where: pl.Expr | None = None
) -> pl.LazyFrame:
    """Rows open at each month's reference date, one row per (row, month), with the month
    number (:data:`MONTH`) and ``_ref``, keeping only the ID, the dates and the team. ``where``
    may use ``pl.col(REF)``. A query: nothing is computed until it is collected."""
    table, ids = ctx.rows_table(list_no)
    keep = [
        CHILD_ID,
        *([CODE] if ids is not None else []),
        start,
        *([end] if end else []),
        *([TEAM] if ctx.has_team(list_no) else []),
    ]
    # A row is open at a month's reference date D when start <= D and (end blank or end > D).
    # Reference dates rise month by month, so the months a row is open at are a run: from the
    # first whose D >= start to the last whose D < end. Listing that run for each row gives
    # the (row, month) pairs without pairing every row with every month first.
    refs = pl.Series(REF, [m.ref for m in ctx.months], dtype=pl.Date())
    first = pl.lit(refs).search_sorted(pl.col(start), side="left")
    stop: pl.Expr = pl.lit(refs.len(), dtype=pl.UInt32)
    if end is not None:
        after = pl.lit(refs).search_sorted(pl.col(end), side="left")
        stop = pl.when(pl.col(end).is_null()).then(stop).otherwise(after)
    crossed = (
        table.lazy()
        .select(keep)
        .filter(pl.col(start).is_not_null())
        .with_columns(pl.int_ranges(first, stop, dtype=pl.UInt32).alias(MONTH))
        .explode(MONTH)
        .filter(pl.col(MONTH).is_not_null())
        .with_columns(pl.lit(refs).gather(pl.col(MONTH)).alias(REF))
    )
    return crossed if where is None else filter_rows(crossed, where)


def stock_count(
    ctx: Context, list_no: int, start: str, end: str | None, *, where: pl.Expr | None = None
) -> pl.DataFrame:
    """Distinct children open (start ≤ D and (end blank or end > D)) at each month's
    reference date D; ``where`` may add a condition using ``pl.col(REF)``."""
    crossed = open_at_refs(ctx, list_no, start, end, where=where)
    return _month_count(
        ctx, crossed, list_no, team=ctx.has_team(list_no), distinct=True, periods=_periods(ctx)
    )


def snapshot_ratio(
    ctx: Context, list_no: int, *, cohort: pl.Expr, numerator: pl.Expr
) -> pl.DataFrame:
    """At the as-of date, for the as-of month only: denominator = rows in ``cohort``,
    numerator = those also meeting ``numerator`` (unknown never meets it)."""
    frame = _rows(ctx, list_no, cohort).with_columns(
        pl.lit(len(ctx.months) - 1, dtype=pl.UInt32).alias(MONTH)
    )
    return _month_ratio(ctx, frame, list_no, numerator=numerator, periods=[ctx.as_of_label])


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
