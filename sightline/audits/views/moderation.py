"""Moderation: the queue and moderating one audit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.audits import selectors, services
from sightline.audits.forms import ModerationForm
from sightline.audits.models import Moderation
from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_run_audit_programme
from sightline.kernel.forms import handle_form

from .common import answer_rows, area_rows, log_access


@require_GET
@require(can_run_audit_programme)
def moderation(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    queue = list(selectors.moderation_queue(authority=authority))
    log_access(request, [m.audit for m in queue], "moderation queue")
    recent = (
        Moderation.objects.filter(audit__authority=authority, completed_at__isnull=False)
        .select_related("audit__team", "moderator")
        .order_by("-completed_at")[:15]
    )
    return render(
        request,
        "audits/moderation.html",
        {
            "queue": queue,
            "recent": recent,
            "agreement": selectors.moderation_agreement(authority=authority),
        },
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Moderation.objects.select_related("audit__team", "audit__framework", "audit__auditor"),
        pk=pk,
        audit__authority=authority_of(request),
    )
    audit = item.audit
    log_access(request, [audit], "moderation")
    form = ModerationForm(request.POST or None)
    response = handle_form(
        request,
        form,
        save=lambda data: services.moderation_record(
            by=user_of(request),
            moderation=item,
            agreed=data["decision"] == "agree",
            grade=data["grade"],
            reason=data["reason"],
        ),
        success="Moderation recorded. Both grades are kept.",
        redirect_to="audits:moderation",
    )
    if response:
        return response
    return render(
        request,
        "audits/moderate.html",
        {
            "item": item,
            "audit": audit,
            "form": form,
            "areas": area_rows(audit),
            "answers": answer_rows(audit),
        },
    )
