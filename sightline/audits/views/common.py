"""Helpers the audit pages share: finding an audit the person may see, logging access to
children's records, the rows of an audit, the period and framework chosen on a page."""

from __future__ import annotations

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sightline.auditlog.services import access_record
from sightline.audits import selectors
from sightline.audits.forms import AnalyticsFilterForm
from sightline.audits.models import Audit, Framework
from sightline.core.access import ensure, user_of
from sightline.core.permissions import can_view_audit
from sightline.organisation.models import Authority


def log_access(request: HttpRequest, audits: list[Audit], purpose: str) -> None:
    if audits:
        access_record(
            user=user_of(request),
            path=request.get_full_path(),
            subject_type="child",
            subject_ids=[a.child_id for a in audits],
            purpose=purpose,
        )


def audit_for(request: HttpRequest, pk: int) -> Audit:
    audit = get_object_or_404(
        Audit.objects.select_related("team__locality", "auditor", "framework", "programme"),
        pk=pk,
        authority_id=user_of(request).authority_id,
    )
    ensure(can_view_audit(user_of(request), audit))
    return audit


def area_rows(audit: Audit) -> list[dict[str, str]]:
    from sightline.audits.models import Grade

    labels = dict(Grade.choices)
    return [
        {
            "title": a["title"],
            "grade": labels.get(audit.area_grades.get(a["key"], ""), "Not graded"),
        }
        for a in audit.framework.areas
    ]


def answer_rows(audit: Audit) -> list[dict[str, str]]:
    from sightline.audits.models import Answer

    labels = dict(Answer.choices)
    rows = []
    for q in audit.framework.questions:
        answer = audit.answers.get(q["key"], {})
        rows.append(
            {
                "text": q["text"],
                "answer": labels.get(answer.get("answer", ""), "Not answered"),
                "comment": answer.get("comment", ""),
            }
        )
    return rows


def period_and_framework(
    request: HttpRequest, authority: Authority
) -> tuple[selectors.Period, Framework]:
    """The months and framework chosen on the page (bad values fall back to all months and
    Practice Fundamentals)."""
    _, period, framework = analytics_filter(request, authority)
    return period, framework


def analytics_filter(
    request: HttpRequest, authority: Authority
) -> tuple[AnalyticsFilterForm, selectors.Period, Framework]:
    """The filter form (GOV.UK month boxes, with its errors), the months it chose (a wrong
    box leaves that end open) and the framework (Practice Fundamentals unless another)."""
    form = AnalyticsFilterForm(request.GET or None)
    period = selectors.Period(*form.months())
    by_key = {f.key: f for f in selectors.current_frameworks(authority=authority)}
    key = request.GET.get("framework") or selectors.MAIN_FRAMEWORK
    return form, period, by_key.get(key) or by_key[selectors.MAIN_FRAMEWORK]


def form_page(
    request: HttpRequest,
    form: Form,
    *,
    title: str,
    submit: str,
    caption: str = "",
    lead: str = "",
    back: str = "",
) -> HttpResponse:
    """The page of one plain form (audits/form.html): a caption, the title, an optional lead
    paragraph, the form and its button; ``back`` is the URL name of the back link (the
    module's home when blank)."""
    return render(
        request,
        "audits/form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "lead": lead,
            "submit": submit,
            "back": back,
        },
    )
