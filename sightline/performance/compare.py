"""What an import would change: the authority-level figures it would replace, compared with
the figures shown now (the figure store's winners).

Worked out when an extract is checked (before an analyst accepts one with problems) and when
it is stored (clean imports), and kept on the import (``AnnexAImport.changes``). A figure
changes *a lot* when it moves by more than 10% and by at least 3 in its count: then the
analyst must confirm, with a reason, before importing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from csc_measures import Figure
from csc_measures.coverage import Coverage, measure_covers
from sightline.organisation.models import Authority

from .figures import latest
from .models import AnnexAImport

#: A figure changes a lot when it moves by more than this (relative) …
RELATIVE = 0.10
#: … and its count by at least this many.
ABSOLUTE = 3
#: How many of the largest changes are kept to show.
LARGEST = 10


def _shown(value: float | None, numerator: int) -> float:
    return float(numerator) if value is None else float(value)


def import_changes(
    *,
    authority: Authority,
    extract_date: date,
    window: Coverage,
    figures: Iterable[Figure],
    lists: Mapping[int, Coverage] | None = None,
) -> dict[str, object]:
    """The months whose authority-level figures would change, for how many measures, and the
    largest changes (held → new). JSON-ready, to keep on the import. ``lists`` are the lists'
    own windows: a figure counts only for months every list its measure reads covers."""
    new = {
        (f.measure_id, f.period): f
        for f in figures
        if f.unit == "la"
        and ":" not in f.measure_id
        and window.covers(f.period)
        and (lists is None or measure_covers(lists, f.measure_id, f.period))
    }
    # An earlier upload of the same extract date is replaced whole: its figures for months
    # this file does not cover (for a measure) would no longer be read. Those are changes too.
    same_date = AnnexAImport.objects.filter(
        authority=authority, extract_date=extract_date, status=AnnexAImport.Status.IMPORTED
    ).exists()
    if window.first_month is None and not same_date:
        return {"changed": 0, "large": 0, "added": 0, "lost": 0, "months": [], "largest": []}
    held = {
        (f.measure_id, f.period): f
        for f in latest(
            authority=authority,
            units=["la"],
            with_parts=False,
            period_from=None if same_date else window.first_month,
            period_to=None if same_date else window.last_month,
        )
    }

    def covered(measure_id: str, period: str) -> bool:
        return window.covers(period) and (
            lists is None or measure_covers(lists, measure_id, period)
        )

    lost_keys = [
        key for key, now in held.items() if now.extract_date == extract_date and not covered(*key)
    ]
    fallback = (
        {
            (f.measure_id, f.period): f
            for f in latest(
                authority=authority,
                units=["la"],
                measure_ids={k[0] for k in lost_keys},
                with_parts=False,
                extracted_before=extract_date,
            )
        }
        if lost_keys
        else {}
    )
    lost = set(lost_keys)
    months: Counter[str] = Counter()
    changes: list[dict[str, object]] = []
    for key in lost_keys:
        now, before = held[key], fallback.get(key)
        months[key[1]] += 1
        changes.append(
            {
                "measure_id": key[0],
                "period": key[1],
                "held": round(_shown(now.value, now.numerator), 1),
                "new": None if before is None else round(_shown(before.value, before.numerator), 1),
                "relative": None,
                "large": True,
                "lost": True,
            }
        )
    for key, now in held.items():
        after = new.get(key)
        if after is None or now.extract_date > extract_date or key in lost:
            continue  # not in this extract, or a later extract keeps winning
        before_value, after_value = (
            _shown(now.value, now.numerator),
            _shown(after.value, after.numerator),
        )
        if before_value == after_value and now.numerator == after.numerator:
            continue
        months[key[1]] += 1
        relative = (
            abs(after_value - before_value) / abs(before_value) if before_value else float("inf")
        )
        large = relative > RELATIVE and abs(after.numerator - now.numerator) >= ABSOLUTE
        changes.append(
            {
                "measure_id": key[0],
                "period": key[1],
                "held": round(before_value, 1),
                "new": round(after_value, 1),
                "relative": None if relative == float("inf") else round(relative, 4),
                "large": large,
            }
        )
    changes.sort(
        key=lambda c: (
            -(float("inf") if c["relative"] is None else float(str(c["relative"]))),
            str(c["measure_id"]),
            str(c["period"]),
        )
    )
    return {
        "changed": len(changes),
        "large": sum(1 for c in changes if c["large"]),
        "added": sum(1 for key in new if key not in held),
        "lost": len(lost_keys),
        "months": [{"period": p, "measures": n} for p, n in sorted(months.items())],
        "largest": changes[:LARGEST],
    }
