"""FD01 Contacts."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CONTACT_DATE
from csc_measures.shapes import Context, event_count


@measure(
    id="FD01",
    title="Contacts",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 1 rows by `Date of Contact`",
    uses={1: (CHILD_ID, CONTACT_DATE)},
)
def fd01(ctx: Context) -> pl.DataFrame:
    """Number of contacts received in the month: List 1 rows whose `Date of Contact` falls in
    the month. Each row is one contact for one child, so a child contacted twice counts twice;
    the children behind the figure are listed once each. The as-of month counts contacts up to
    the as-of date. List 1 has no team, so only the whole authority is reported (per team when
    the list carries `Allocated Team`).
    """
    return event_count(ctx, 1, CONTACT_DATE)
