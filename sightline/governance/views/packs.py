"""Meeting packs, on screen and as a PDF."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from sightline.core.access import require, user_of
from sightline.core.permissions import can_view_governance, disclosure_policy_for
from sightline.governance import selectors
from sightline.kernel.pdf import html_to_pdf

from ._common import _ctx, _meeting


@require(can_view_governance)
@require_GET
def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    pack = selectors.meeting_pack(
        meeting=meeting,
        today=timezone.localdate(),
        policy=disclosure_policy_for(user_of(request)),
    )
    return render(request, "governance/pack.html", _ctx(request, pack=pack))


@require(can_view_governance)
@require_GET
def meeting_pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same pack as a PDF (WeasyPrint, fetching nothing from the network)."""
    meeting = _meeting(request, pk)
    pack = selectors.meeting_pack(
        meeting=meeting,
        today=timezone.localdate(),
        policy=disclosure_policy_for(user_of(request)),
    )
    html = render_to_string("governance/pack_print.html", {"pack": pack})
    pdf = html_to_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"meeting-pack-{meeting.board.kind}-{meeting.date:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
