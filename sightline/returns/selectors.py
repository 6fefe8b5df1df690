"""Reads: uploads of returns and the figures accepted, always of one authority."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from csc_measures.returns.dfe import published
from csc_measures.returns.registry import RETURNS_REGISTRY
from sightline.organisation.models import Authority

from .models import ReturnFigure, ReturnImport


def return_imports(*, authority: Authority) -> QuerySet[ReturnImport]:
    return ReturnImport.objects.filter(authority=authority).select_related("uploaded_by")


def imports_awaiting_decision(*, authority: Authority) -> QuerySet[ReturnImport]:
    return ReturnImport.objects.filter(authority=authority, status=ReturnImport.Status.CHECKED)


@dataclass(frozen=True)
class Group:
    key: str
    count: int
    issues: list[dict[str, object]]


def _grouped(issues: list[dict[str, object]], key: str) -> list[Group]:
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for issue in issues:
        if key == "rule":
            label = (
                f"{issue.get('table') or 'file'}, {issue.get('column') or '–'}: {issue['reason']}"
            )
        elif key == "child":
            label = str(issue.get("child") or "No child named")
        else:
            label = str(issue.get("table") or "The file as a whole")
        groups[label].append(issue)
    return [
        Group(label, len(items), items)
        for label, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def report_groups(*, return_import: ReturnImport) -> dict[str, list[Group]]:
    """The check report's issues by rule (table, column and reason), by child and by table."""
    issues = list(return_import.report.get("issues", []))
    return {key: _grouped(issues, key) for key in ("rule", "child", "table")}


def severity_counts(*, return_import: ReturnImport) -> Counter[str]:
    return Counter(str(i["severity"]) for i in return_import.report.get("issues", []))


@dataclass(frozen=True)
class AcceptedFigure:
    measure_id: str
    title: str
    value: float | None
    numerator: int | None
    denominator: int | None
    year_label: str
    source: str
    dfe_published: float | None
    dfe_england: float | None
    dfe_publishes: bool
    return_import_id: int


def accepted_figures(*, authority: Authority) -> list[AcceptedFigure]:
    """Each returns measure's figures from the accepted uploads in use, newest year first."""
    rows = (
        ReturnFigure.objects.filter(
            authority=authority, return_import__status=ReturnImport.Status.ACCEPTED
        )
        .select_related("return_import")
        .order_by("measure_id", "-period")
    )
    out = []
    for row in rows:
        spec = RETURNS_REGISTRY.get(row.measure_id)
        dfe = published(row.measure_id, dfe_code=authority.dfe_code, year=row.period.year)
        out.append(
            AcceptedFigure(
                measure_id=row.measure_id,
                title=spec.title if spec else row.measure_id,
                value=row.value,
                numerator=row.numerator,
                denominator=row.denominator,
                year_label=row.return_import.year_label,
                source=row.return_import.source,
                dfe_published=None if dfe is None else dfe.authority,
                dfe_england=None if dfe is None else dfe.england,
                dfe_publishes=dfe is not None,
                return_import_id=row.return_import_id,
            )
        )
    return out
