"""Writes of performance data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from csc_measures import REGISTRY
from csc_measures.benchmarks import load_benchmarks
from csc_measures.mapping import template_column
from csc_measures.schema import LISTS, normalise_header
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.organisation.models import Authority

from .models import PERIOD_RE, BenchmarkFigure, BenchmarkLoad, ColumnMapping, SpcRebase, Target


@transaction.atomic
def benchmark_figures_load(*, data_dir: Path, by: User | None = None) -> BenchmarkLoad:
    """Replace the DfE benchmark figures with those in ``data_dir``, all or nothing.

    A file that is missing or not in the expected shape raises ``BenchmarkDataError`` (naming
    the file and column) before anything is changed."""
    benchmarks = load_benchmarks(data_dir)
    figures = [
        BenchmarkFigure(
            measure_id=row.measure_id,
            area_type=row.area_type,
            area_code=row.area_code,
            year=row.year,
            value=row.value,
        )
        for row in benchmarks.rows()
    ]
    BenchmarkFigure.objects.all().delete()
    BenchmarkFigure.objects.bulk_create(figures, batch_size=2000)
    measures = sorted({f.measure_id for f in figures})
    load = BenchmarkLoad.objects.create(loaded_by=by, figures=len(figures), measures=measures)
    audit_record(
        actor=by,
        action="benchmarks.load",
        obj=load,
        changes={"figures": len(figures), "measures": measures},
        actor_label="sightline load_benchmarks",
    )
    return load


@transaction.atomic
def target_set(
    *,
    by: User,
    authority: Authority,
    measure_id: str,
    target: float | None,
    tolerance: float | None,
    polarity: str,
    effective_from: date,
    reason: str = "",
) -> Target:
    """Set a measure's target from a date (a new row: earlier targets stay in the history)."""
    if measure_id not in REGISTRY:
        raise ValidationError({"measure_id": f"There is no measure {measure_id!r}."})
    if polarity not in Target.Polarity.values:
        raise ValidationError({"polarity": "Choose whether higher or lower is better."})
    if tolerance is not None and tolerance < 0:
        raise ValidationError({"tolerance": "The tolerance cannot be negative."})
    if target is None and tolerance is not None:
        raise ValidationError({"tolerance": "A tolerance needs a target."})
    if target is not None and polarity == Target.Polarity.NONE:
        raise ValidationError(
            {"polarity": "A target needs a direction: say whether higher or lower is better."}
        )
    row = Target.objects.create(
        authority=authority,
        measure_id=measure_id,
        target=target,
        tolerance=tolerance,
        polarity=polarity,
        effective_from=effective_from,
        reason=reason.strip(),
        set_by=by,
    )
    audit_record(
        actor=by,
        action="target.set",
        obj=row,
        authority=authority,
        changes={
            "measure": measure_id,
            "target": target,
            "tolerance": tolerance,
            "polarity": polarity,
            "effective_from": effective_from.isoformat(),
        },
    )
    return row


@transaction.atomic
def spc_rebase_add(
    *, by: User, authority: Authority, measure_id: str, period: str, reason: str
) -> SpcRebase:
    """Start a new SPC baseline for a measure from ``period`` (YYYY-MM), with the reason."""
    if measure_id not in REGISTRY:
        raise ValidationError({"measure_id": f"There is no measure {measure_id!r}."})
    if not PERIOD_RE.match(period):
        raise ValidationError({"period": f"Choose a month written YYYY-MM (got {period!r})."})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the chart starts again from this month."})
    if SpcRebase.objects.filter(authority=authority, measure_id=measure_id, period=period).exists():
        raise ValidationError({"period": f"{measure_id} is already rebased from {period}."})
    row = SpcRebase.objects.create(
        authority=authority, measure_id=measure_id, period=period, reason=reason, set_by=by
    )
    audit_record(
        actor=by,
        action="spc.rebase",
        obj=row,
        authority=authority,
        changes={"measure": measure_id, "period": period, "reason": reason},
    )
    return row


@transaction.atomic
def spc_rebase_remove(*, by: User, rebase: SpcRebase) -> None:
    audit_record(
        actor=by,
        action="spc.rebase_remove",
        obj=rebase,
        authority=rebase.authority,
        changes={"measure": rebase.measure_id, "period": rebase.period, "reason": rebase.reason},
    )
    rebase.delete()


@transaction.atomic
def column_mapping_set(
    *,
    by: User,
    authority: Authority,
    list_no: int,
    header: str,
    column: str,
    replaces: ColumnMapping | None = None,
) -> ColumnMapping:
    """Save that the council's ``header`` in list ``list_no`` is the template column ``column``
    (its engine name or any header the templates know it by); replaces the mapping of the
    same header, and ``replaces`` (a mapping being edited). Refused, naming the header, when
    the list has no such column."""
    header = " ".join(header.split())
    key = normalise_header(header)
    if list_no not in LISTS:
        raise ValidationError({"column": f"There is no List {list_no} in Annex A."})
    if not key:
        raise ValidationError({"header": "Enter the header as your export writes it."})
    if len(header) > 255:
        raise ValidationError({"header": "The header must be 255 characters or fewer."})
    engine = template_column(list_no, column)
    if engine is None:
        raise ValidationError(
            {"column": f"'{column}' is not a column of List {list_no} that a measure uses."}
        )
    before = ColumnMapping.objects.filter(
        authority=authority, list_no=list_no, header_key=key
    ).first()
    mapping, _ = ColumnMapping.objects.update_or_create(
        authority=authority,
        list_no=list_no,
        header_key=key,
        defaults={"header": header, "column": engine, "set_by": by},
    )
    if replaces is not None and replaces.authority_id != authority.pk:
        raise ValidationError("This mapping belongs to another authority.")
    if replaces is not None and replaces.pk != mapping.pk:
        ColumnMapping.objects.filter(pk=replaces.pk).delete()
    audit_record(
        actor=by,
        action="annex_a.column_mapping_set",
        obj=mapping,
        authority=authority,
        changes={
            "list": list_no,
            "header": header,
            "column": [before.column if before else None, engine],
            **({"replaces": replaces.header} if replaces is not None else {}),
        },
    )
    return mapping


@transaction.atomic
def column_mapping_delete(*, by: User, mapping: ColumnMapping) -> None:
    """Stop reading the header as the column: later checks report it as unrecognised."""
    audit_record(
        actor=by,
        action="annex_a.column_mapping_delete",
        obj=mapping,
        authority=mapping.authority,
        changes={"list": mapping.list_no, "header": mapping.header, "column": mapping.column},
    )
    mapping.delete()
