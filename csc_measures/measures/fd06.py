"""FD06 Contacts by source."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CONTACT_DATE, CONTACT_SOURCE
from csc_measures.shapes import LA, MONTH, PERIOD, UNIT, Context, count_rows, in_months

NOT_RECORDED = "(not recorded)"


@measure(
    id="FD06",
    title="Contacts by source",
    kind="count by category",
    polarity="·",
    basis="event",
    definition="FD01 split by `Contact Source` (prefix stripped)",
    uses={1: (CHILD_ID, CONTACT_DATE, CONTACT_SOURCE)},
)
def fd06(ctx: Context) -> pl.DataFrame:
    """Contacts in the month (as FD01) split by `Contact Source`, with the letter prefix
    stripped (`q) 6: Police` is reported as `6: Police`) and the text otherwise as written.
    Each source is its own series with the ID `FD06:<source>` and unit `la` (no team
    breakdown); a blank source is reported as `FD06:(not recorded)`. Every source found
    anywhere in List 1 gets a row in every month, zero when it sent no contact that month, so
    the sources add up to FD01.
    """
    table, ids = ctx.rows_table(1)
    frame = table.with_columns(pl.col(CONTACT_SOURCE).fill_null(NOT_RECORDED))
    sources = frame.get_column(CONTACT_SOURCE).unique().sort().to_list()
    periods = [m.label for m in ctx.months]
    long = in_months(ctx, frame, CONTACT_DATE).with_columns(
        (pl.lit("FD06:") + pl.col(CONTACT_SOURCE)).alias(UNIT),
        pl.lit(ctx.period_labels()).gather(pl.col(MONTH)).alias(PERIOD),
    )
    # Count with the category in the unit column, then move it into the measure ID.
    counted = count_rows(
        long, periods, [f"FD06:{s}" for s in sources], distinct=False, ids=ids, listed=ctx.with_ids
    )
    return counted.with_columns(
        pl.col(UNIT).alias("measure_id"),
        pl.lit(LA).alias(UNIT),
    ).sort("measure_id", PERIOD)
