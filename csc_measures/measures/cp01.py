"""CP01 Section 47 enquiries started."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, S47_START
from csc_measures.shapes import Context, event_count


@measure(
    id="CP01",
    title="Section 47 enquiries started",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 5 rows by `Strategy discussion initiating Section 47 Enquiry Start Date`",
    uses={5: (CHILD_ID, S47_START)},
)
def cp01(ctx: Context) -> pl.DataFrame:
    """Number of section 47 enquiries started in the month: List 5 rows whose `Strategy
    discussion initiating Section 47 Enquiry Start Date` falls in the month.
    """
    return event_count(ctx, 5, S47_START)
