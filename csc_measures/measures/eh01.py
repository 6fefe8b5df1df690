"""EH01 Early help assessments completed."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, EH_COMPLETED
from csc_measures.shapes import Context, event_count


@measure(
    id="EH01",
    title="Early help assessments completed",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 2 rows by `Assessment completion date`",
    uses={2: (CHILD_ID, EH_COMPLETED)},
)
def eh01(ctx: Context) -> pl.DataFrame:
    """Number of early help assessments completed in the month: List 2 rows whose
    `Assessment completion date` falls in the month. Assessments not yet completed (blank
    completion date) are not counted.
    """
    return event_count(ctx, 2, EH_COMPLETED)
