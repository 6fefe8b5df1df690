"""Learning: theme frequency, learning summaries and publishing one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.audits import selectors, services
from sightline.audits.forms import SummaryForm
from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import (
    can_run_audit_programme,
    can_use_audits,
    disclosure_policy_for,
)
from sightline.kernel.disclosure import NOTE, suppress_parts
from sightline.kernel.forms import handle_form

from .common import form_page


@require_GET
@require(can_use_audits)
def themes(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    user = user_of(request)
    by = "month" if request.GET.get("by") == "month" else "team"
    table = selectors.theme_frequency(authority=authority, by=by, user=user)
    rule = disclosure_policy_for(user)
    suppress = rule.suppress
    rows = []
    reasons: set[str] = set()
    for theme, cells, total in table.rows:
        # a row's cells add up to its total: withheld together (primary and secondary)
        w_total, w_cells = suppress_parts(total, list(cells), policy=rule)
        shown = [None if w else c for c, w in zip(cells, w_cells, strict=True)]
        rows.append((theme, shown, None if w_total else total))
        reasons |= {w.reason for w in [w_total, *w_cells] if w is not None}
    return render(
        request,
        "audits/themes.html",
        {
            "by": by,
            "columns": table.columns,
            "rows": rows,
            "suppress": suppress,
            "disclosure_note": NOTE,
            "rules": sorted(reasons),
        },
    )


@require_GET
@require(can_use_audits)
def learning(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "audits/learning.html",
        {
            "summaries": selectors.learning_summaries(authority=authority_of(request)),
            "can_publish": can_run_audit_programme(user_of(request)),
        },
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def learning_publish(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = SummaryForm(request.POST or None, initial={"month": f"{today:%Y-%m}"})
    response = handle_form(
        request,
        form,
        save=lambda data: services.learning_summary_publish(
            by=user_of(request),
            authority=authority_of(request),
            month=data["month"],
            body=data["body"],
        ),
        success="Learning summary published. Team managers can read it.",
        redirect_to="audits:learning",
    )
    return response or form_page(
        request,
        form,
        title="Publish a learning summary",
        caption="Case-file audits",
        submit="Publish",
        back="audits:learning",
    )
