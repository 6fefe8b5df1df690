"""The children behind a figure (page and CSV) for those who may see them; access-logged."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from csc_measures import REGISTRY
from sightline.auditlog.services import access_record
from sightline.core.access import ensure, user_of
from sightline.core.permissions import (
    can_view_child_level,
)
from sightline.kernel.exports import neutralise
from sightline.performance import children, dashboard, figures

from .access import _authority_for_figures


@require_GET
def measure_children(request: HttpRequest, measure_id: str) -> HttpResponse:
    """The children behind a figure: only for people with child-level access to the unit;
    every view (page or CSV) is written to the access log."""
    authority = _authority_for_figures(request)
    user = user_of(request)
    if measure_id.split(":", 1)[0] not in REGISTRY:
        raise Http404("No such measure.")
    unit = request.GET.get("unit", "la")
    part = request.GET.get("part", "numerator")
    period = request.GET.get("period") or figures.latest_period(
        authority=authority, measure_id=measure_id
    )
    spec = REGISTRY[measure_id.split(":", 1)[0]]
    try:
        ensure(can_view_child_level(user, children.org_unit(authority=authority, unit=unit)))
        if period is None:
            return render(
                request,
                "performance/measure_children.html",
                {"empty": True, "measure_id": measure_id, "spec": spec},
            )
        found = children.children_behind(
            authority=authority, measure_id=measure_id, period=period, unit=unit, part=part
        )
    except children.DrillDownError as exc:
        return render(
            request,
            "performance/measure_children.html",
            {
                "error": str(exc),
                "measure_id": measure_id,
                "spec": REGISTRY[measure_id.split(":", maxsplit=1)[0]],
            },
            status=400,
        )
    access_record(
        user=user,
        path=request.get_full_path(),
        subject_type=found.id_kind,
        subject_ids=found.ids,
        purpose=f"{measure_id} {part} {period} {unit}",
    )
    label = dict(dashboard.unit_choices(authority=authority)).get(unit, unit.removeprefix("team:"))
    if request.GET.get("format") == "csv":
        return _children_csv(found, label)
    return render(
        request,
        "performance/measure_children.html",
        {
            "found": found,
            "spec": spec,
            "measure_id": measure_id,
            "unit_label": label,
            "other_part": "denominator" if part == "numerator" else "numerator",
            "csv_query": _query(request, format="csv"),
        },
    )


def _query(request: HttpRequest, **extra: str) -> str:
    query = request.GET.copy()
    for key, value in extra.items():
        query[key] = value
    return query.urlencode()


def _children_csv(found: children.ChildrenBehind, unit_label: str) -> HttpResponse:
    """One row per list row behind the figure (or per ID when the lists were not kept), every
    cell neutralised against spreadsheet formulas."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{found.measure_id.replace(':', '-')}-{found.period}-{found.part}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    header = ["Measure", "Month", "Unit", "Part", "List"]
    columns: list[str] = []
    for rows in found.lists:
        columns += [c for c in rows.columns if c not in columns]
    writer.writerow([*header, *(columns or ["Child Unique ID"])])
    prefix = [found.measure_id, found.period, unit_label, found.part]
    if found.lists:
        for rows in found.lists:
            for row in rows.rows:
                cells = dict(zip(rows.columns, row, strict=True))
                writer.writerow(
                    [
                        neutralise(v)
                        for v in [*prefix, rows.title, *(cells.get(c, "") for c in columns)]
                    ]
                )
    else:
        for child in found.ids:
            writer.writerow([neutralise(v) for v in [*prefix, "", child]])
    return response
