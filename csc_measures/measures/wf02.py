"""WF02 Workers holding 18 or fewer children."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CIN_CLOSED, CIN_START, WORKER
from csc_measures.shapes import Context, worker_caseload_ratio


@measure(
    id="WF02",
    title="Workers holding 18 or fewer children",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition="D = distinct workers with ≥ 1 open child at as-of; N = those with ≤ 18",
    uses={6: (CHILD_ID, CIN_START, CIN_CLOSED, WORKER)},
    default_target=80,
    numerator_ids="worker",
    denominator_ids="worker",
)
def wf02(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the distinct workers (`Allocated Worker`, as
    written, trimmed) holding at least one child with a List 6 episode open that day, the
    percentage holding 18 or fewer distinct children. A worker's caseload counts every child
    they hold across the authority; per team, the worker is counted in each team where they
    hold an open child, with that whole caseload. Numerator and denominator list workers.
    """
    return worker_caseload_ratio(ctx, limit=18)
