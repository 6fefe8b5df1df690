"""Compute the returns measures over a CIN census and/or an SSDA903 return."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from csc_measures.compute import CatalogueResult, NotComputable
from csc_measures.dates import month_label
from csc_measures.returns.cin import CinCensus
from csc_measures.returns.registry import RETURNS_REGISTRY, SOURCE_TITLES, ReturnMeasureSpec
from csc_measures.returns.shapes import ReturnContext
from csc_measures.returns.ssda903 import Ssda903
from csc_measures.shapes import RESULT_SCHEMA, NotComputableError


def _missing(spec: ReturnMeasureSpec, ctx: ReturnContext) -> str | None:
    loaded = ctx.cin if spec.source == "cin" else ctx.ssda903
    if loaded is None:
        return f"no {SOURCE_TITLES[spec.source]} loaded"
    reasons = []
    for table, columns in spec.uses.items():
        tables = loaded.tables
        if table not in tables:
            reasons.append(f"the {SOURCE_TITLES[spec.source]} has no {table} table")
            continue
        absent = [c for c in columns if c not in tables[table].columns]
        if absent:
            reasons.append(f"{table} has no {', '.join(absent)}")
    return "; ".join(reasons) or None


def compute_one(spec: ReturnMeasureSpec, ctx: ReturnContext) -> pl.DataFrame | NotComputable:
    reason = _missing(spec, ctx)
    if reason is not None:
        return NotComputable(spec.id, reason)
    try:
        frame = spec.func(ctx)
    except NotComputableError as exc:
        return NotComputable(spec.id, str(exc))
    frame = frame.with_columns(pl.lit(spec.id).alias("measure_id"))
    return frame.select([pl.col(n).cast(t) for n, t in RESULT_SCHEMA.items()])


def compute_returns(
    *,
    cin: CinCensus | None = None,
    ssda903: Ssda903 | None = None,
    measure_ids: Iterable[str] | None = None,
    with_ids: bool = True,
) -> CatalogueResult:
    """The returns measures (default: those whose return is loaded) over the returns given."""
    from csc_measures import measures as _measures  # noqa: F401  (registers the catalogue)

    if measure_ids is None:
        loaded = {s for s, r in (("cin", cin), ("ssda903", ssda903)) if r is not None}
        ids = [m for m, spec in RETURNS_REGISTRY.items() if spec.source in loaded]
    else:
        ids = list(dict.fromkeys(measure_ids))
        unknown = [i for i in ids if i not in RETURNS_REGISTRY]
        if unknown:
            raise KeyError(f"unknown measure id(s): {', '.join(unknown)}")
    ctx = ReturnContext(cin=cin, ssda903=ssda903, with_ids=with_ids)
    frames: list[pl.DataFrame] = []
    not_computable: list[NotComputable] = []
    for measure_id in ids:
        outcome = compute_one(RETURNS_REGISTRY[measure_id], ctx)
        if isinstance(outcome, NotComputable):
            not_computable.append(outcome)
        else:
            frames.append(outcome)
    results = pl.concat(frames) if frames else pl.DataFrame(schema=RESULT_SCHEMA)
    reference = (cin or ssda903).reference_date if (cin or ssda903) else None  # type: ignore[union-attr]
    label = month_label(reference) if reference else ""
    return CatalogueResult(results, tuple(not_computable), label)
