"""The report as PDF, Word, Excel and a standalone HTML file, from its snapshot.

The renderers are ``sightline.reports.render`` (ADR 0021). They read only the snapshot: the
frozen one of an approved or published report, else one built now.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sightline.core.access import require
from sightline.core.permissions import can_use_reports
from sightline.reports import render
from sightline.reports.snapshot import Snapshot

from ._common import readable_report, snapshot_of

_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


_RENDERERS: dict[str, Callable[[Snapshot], bytes | str]] = {
    "pdf": render.pdf,
    "docx": render.docx,
    "xlsx": render.xlsx,
    "html": render.html,
}


def _download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = readable_report(request, pk)
    body = _RENDERERS[fmt](snapshot_of(report))
    response = HttpResponse(body, content_type=_TYPES[fmt])
    name = f"{slugify(report.title)[:80] or 'report'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require(can_use_reports)
@require_GET
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "pdf")


@require(can_use_reports)
@require_GET
def docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "docx")


@require(can_use_reports)
@require_GET
def xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "xlsx")


@require(can_use_reports)
@require_GET
def html(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "html")
