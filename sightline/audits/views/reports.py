"""Figures and downloads: the grades page (with its SPC chart), the audit PDF and the summary
spreadsheet."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sightline.audits import exports, selectors
from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_use_audits, disclosure_policy_for
from sightline.kernel.disclosure import NOTE

from .common import (
    analytics_filter,
    answer_rows,
    area_rows,
    audit_for,
    log_access,
    period_and_framework,
)


@require_GET
@require(can_use_audits)
def analytics(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    user = user_of(request)
    rule = disclosure_policy_for(user)
    suppress = rule.suppress
    by = request.GET.get("by", "month")
    if by not in {"month", "team", "locality"}:
        by = "month"
    form, period, framework = analytics_filter(request, authority)
    groups, areas = selectors.area_grades(authority=authority, period=period)
    rows = selectors.grade_distribution(
        authority=authority, by=by, suppress=rule, framework_key=framework.key, period=period
    )
    return render(
        request,
        "audits/analytics.html",
        {
            "form": form,
            "by": by,
            "by_choices": [("month", "Month"), ("team", "Team"), ("locality", "Locality")],
            "period": period,
            "framework": framework,
            "frameworks": selectors.current_frameworks(authority=authority),
            "query": request.GET.urlencode(),
            "rows": rows,
            "chart_svg": _good_share_chart(rows) if by == "month" else "",
            "practitioners": selectors.practitioner_grades(user=user),
            "suppress": suppress,
            "policy": rule,
            "disclosure_note": NOTE,
            "rules": sorted({reason for r in rows for reason in r.rules}),
            "consistency": []
            if suppress
            else selectors.team_consistency(authority=authority, period=period),
            "area_groups": groups,
            "area_rows": areas,
            "weakest": selectors.weakest_area(rows=areas),
            "target_good": int(selectors.TARGET_GOOD_MIN * 100),
            "target_inadequate": int(selectors.TARGET_INADEQUATE_MAX * 100),
            "agreement": selectors.moderation_agreement(authority=authority),
        },
    )


def _good_share_chart(rows: list[selectors.GradeRow]) -> str:
    """The monthly share good or better as an SPC (XmR) chart with the target, drawn by the
    performance module's chart code when that module is installed."""
    from django.apps import apps

    series = [(r.label, r.good.percent) for r in rows if r.good.percent is not None]
    if len(series) < 2 or not apps.is_installed("sightline.performance"):
        return ""
    from csc_measures.spc import xmr_compute
    from sightline.performance.charts import spc_svg

    target = selectors.TARGET_GOOD_MIN * 100
    return spc_svg(xmr_compute(series, direction="up", target=target), target=target)


@require_GET
def audit_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_for(request, pk)
    log_access(request, [audit], "audit PDF")
    pdf = exports.audit_pdf(audit=audit, areas=area_rows(audit), answers=answer_rows(audit))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="audit-{audit.pk}.pdf"'
    return response


@require_GET
@require(can_use_audits)
def export_summary(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    period, framework = period_and_framework(request, authority)
    content = exports.summary_xlsx(
        authority=authority,
        suppress=disclosure_policy_for(user_of(request)),
        today=timezone.localdate(),
        period=period,
        framework=framework,
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="audit-summary.xlsx"'
    return response
