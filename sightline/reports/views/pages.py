"""The reports pages: the list, a new report, the edit page and its sections, the preview,
and the lifecycle buttons (send for review, send back, approve, publish)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_approve_report,
    can_approve_reports,
    can_edit_report,
    can_prepare_report_type,
    can_prepare_reports,
    can_use_reports,
    forced_report_audience,
)
from sightline.kernel.forms import form_add_service_errors, handle_form
from sightline.reports import drafting, selectors, services
from sightline.reports.build import BuildContext, context_for, dfe_rows
from sightline.reports.categories import DEFAULT_FRAMEWORK, FRAMEWORKS, categories_of
from sightline.reports.forms import (
    AssessmentForm,
    HeadlinesForm,
    MeasuresForm,
    ReportCreateForm,
    ReportEditForm,
    SectionAddForm,
    SectionForm,
)
from sightline.reports.models import Report, ReportSection
from sightline.reports.render import sections_html
from sightline.reports.types import AUDIENCE_PHRASES, KINDS, MEASURE_KINDS, TYPES

from ._common import editable_report, editable_section, readable_report, snapshot_of


@require(can_use_reports)
def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return render(
        request,
        "reports/index.html",
        {
            "reports": selectors.reports_visible(user=user),
            "can_prepare": can_prepare_reports(user),
            "can_map": can_approve_reports(user),
        },
    )


@require(can_prepare_reports)
def report_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    authority = authority_of(request)
    types = [(t.key, t.label) for t in TYPES.values() if can_prepare_report_type(user, t.key)]
    forced = forced_report_audience(user)
    initial = {"type": request.GET.get("type") or types[0][0]}
    form = ReportCreateForm(
        request.POST or None, types=types, forced_audience=forced, initial=initial
    )

    def save(data: dict[str, Any]) -> Report:
        spec = TYPES[data["type"]]
        based_on = (
            selectors.report_latest_of_type(authority=authority, type=spec.key, reader=user)
            if data["start_from_last"]
            else None
        )
        return services.report_create(
            by=user,
            authority=authority,
            type=spec.key,
            audience=forced
            or data["audience"]
            or (based_on.audience if based_on else spec.audience),
            period_start=data["period_start"],
            period_end=data["period_end"],
            next_update=data.get("next_update"),
            based_on=based_on,
        )

    done = handle_form(
        request,
        form,
        save=save,
        success="Report started. Each section starts as a draft written from the figures.",
        redirect_to=lambda r: reverse("reports:report_edit", args=[r.pk]),
    )
    return done or render(
        request,
        "reports/form_page.html",
        {
            "form": form,
            "heading": "Start a report",
            "button": "Start the report",
            "back": reverse("reports:index"),
            "types": [TYPES[key] for key, _ in types],
            "note": (
                f"The reports you prepare are for {AUDIENCE_PHRASES[forced]}: a count from 1 "
                "to 4 is always withheld, on screen and in every download."
                if forced
                else ""
            ),
        },
    )


def _transitions(user: Any, report: Report) -> list[tuple[str, str, str]]:
    """(url name, button text, class) of the lifecycle steps this person may take now."""
    out = []
    if report.status == Report.Status.DRAFT and can_edit_report(user, report):
        out.append(("reports:submit", "Send for review", ""))
    if report.status == Report.Status.IN_REVIEW and can_approve_report(user, report):
        out.append(("reports:approve", "Approve and freeze the figures", ""))
    if report.status == Report.Status.APPROVED and can_approve_report(user, report):
        out.append(("reports:publish", "Publish to its audience", ""))
    return out


@require(can_use_reports)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    report = readable_report(request, pk)
    history = [
        ("Started", report.created_by, report.created_at),
        ("Sent for review", report.submitted_by, report.submitted_at),
        ("Approved", report.approved_by, report.approved_at),
        ("Published", report.published_by, report.published_at),
    ]
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "history": [(label, who, when) for label, who, when in history if when],
            "transitions": _transitions(user, report),
            "can_edit": can_edit_report(user, report),
            "can_send_back": report.status == Report.Status.IN_REVIEW
            and can_approve_report(user, report),
            "can_start_next": can_prepare_report_type(user, report.type),
            "type_label": TYPES[report.type].label if report.type in TYPES else report.type,
        },
    )


@require(can_prepare_reports)
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    report = editable_report(request, pk)
    form = ReportEditForm(
        request.POST or None,
        initial={
            "version": version_of(report.updated_at),
            "title": report.title,
            "next_update": report.next_update,
        },
    )
    done = handle_form(
        request,
        form,
        save=lambda d: services.report_update(
            by=user,
            report=report,
            seen_version=d["version"] or None,
            title=d["title"],
            next_update=d["next_update"],
        ),
        success="Report saved.",
        redirect_to=reverse("reports:report_edit", args=[report.pk]),
    )
    sections = list(report.sections.all())
    return done or render(
        request,
        "reports/edit.html",
        {
            "report": report,
            "form": form,
            "sections": sections,
            "kinds": KINDS,
            "add_form": SectionAddForm(auto_id="add_%s"),  # ids unique beside the title form
            "last": len(sections),
        },
    )


def _section_form(request: HttpRequest, section: ReportSection, ctx: BuildContext) -> SectionForm:
    draft_facts = ctx.facts()
    config = section.config
    initial: dict[str, Any] = {
        "version": version_of(section.updated_at),
        "title": section.title,
        "narrative": section.narrative,
    }
    data = request.POST if request.method == "POST" else None
    if section.kind in MEASURE_KINDS:
        initial["measures"] = config.get("measures", [])
        return MeasuresForm(data, initial=initial)
    if section.kind == "headlines":
        proposals = drafting.proposals(config.get("proposes", ""), draft_facts)
        chosen = config.get("chosen")
        initial["chosen"] = [p.key for p in proposals] if chosen is None else chosen
        initial["extra"] = "\n".join(config.get("extra", []))
        return HeadlinesForm(data, initial=initial, proposals=[(p.key, p.text) for p in proposals])
    if section.kind == "dfe_assessment":
        shown = dfe_rows(ctx, section)
        for category, row in shown:
            initial[f"rag_{category.key}"] = row["rag"]
            initial[f"summary_{category.key}"] = row["summary"]
        return AssessmentForm(
            data, initial=initial, categories=[(c.key, c.title) for c, _ in shown]
        )
    return SectionForm(data, initial=initial)


def _section_save(user: Any, section: ReportSection, form: SectionForm) -> ReportSection:
    d = form.cleaned_data
    kwargs: dict[str, Any] = {"title": d["title"], "narrative": d["narrative"]}
    if isinstance(form, MeasuresForm):
        kwargs["measures"] = d["measures"]
    if isinstance(form, HeadlinesForm):
        kwargs["chosen"] = d["chosen"]
        kwargs["extra"] = d["extra"].splitlines()
    if isinstance(form, AssessmentForm):
        kwargs["ratings"] = {key: d[f"rag_{key}"] for key, _ in form.categories}
        kwargs["summaries"] = {key: d[f"summary_{key}"] for key, _ in form.categories}
    return services.section_update(
        by=user, section=section, seen_version=d["version"] or None, **kwargs
    )


@require(can_prepare_reports)
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    section = editable_section(request, pk)
    ctx = context_for(section.report)
    facts = ctx.facts()
    draft = drafting.draft(section.config.get("draft", ""), facts)
    if request.method == "POST" and "use_draft" in request.POST:
        try:
            services.section_update(
                by=user,
                section=section,
                seen_version=request.POST.get("version") or None,
                narrative=draft,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The section's text is now the draft from the figures.")
        return redirect("reports:section_edit", pk=section.pk)
    form = _section_form(request, section, ctx)
    if request.method == "POST" and form.is_valid():
        try:
            _section_save(user, section, form)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Section “{form.cleaned_data['title']}” saved.")
            return redirect(reverse("reports:report_edit", args=[section.report_id]))
    return render(
        request,
        "reports/section.html",
        {
            "section": section,
            "report": section.report,
            "form": form,
            "draft": draft,
            "kind_label": KINDS.get(section.kind, section.kind),
            "version": version_of(section.updated_at),
        },
    )


@require(can_prepare_reports)
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = editable_report(request, pk)
    form = SectionAddForm(request.POST)
    if form.is_valid():
        section = services.section_add(
            by=user_of(request),
            report=report,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
        )
        messages.success(request, f"Section “{section.title}” added at the end.")
    else:
        messages.error(request, "Choose the kind of section to add.")
    return redirect("reports:report_edit", pk=report.pk)


@require(can_prepare_reports)
@require_POST
def section_move(request: HttpRequest, pk: int) -> HttpResponse:
    section = editable_section(request, pk)
    up = request.POST.get("direction") == "up"
    services.section_move(by=user_of(request), section=section, up=up)
    messages.success(request, f"Section “{section.title}” moved {'up' if up else 'down'}.")
    return redirect(
        reverse("reports:report_edit", args=[section.report_id]) + f"#section-{section.pk}"
    )


@require(can_prepare_reports)
@require_POST
def section_remove(request: HttpRequest, pk: int) -> HttpResponse:
    section = editable_section(request, pk)
    services.section_remove(by=user_of(request), section=section)
    messages.success(request, f"Section “{section.title}” removed.")
    return redirect("reports:report_edit", pk=section.report_id)


@require(can_use_reports)
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as its audience will read it (the frozen snapshot once approved)."""
    report = readable_report(request, pk)
    snapshot = snapshot_of(report)
    return render(
        request,
        "reports/preview.html",
        {
            "report": report,
            "snapshot": snapshot,
            "meta": snapshot["report"],
            "sections": sections_html(snapshot),
        },
    )


@require(can_approve_reports)
def categories(request: HttpRequest) -> HttpResponse:
    """Map the plan's priorities to the Ofsted reporting categories of a framework."""
    user = user_of(request)
    authority = authority_of(request)
    framework = request.POST.get("framework") or request.GET.get("framework") or DEFAULT_FRAMEWORK
    ensure(framework in FRAMEWORKS)
    cats = categories_of(framework)
    priorities = selectors.plan_priorities(authority=authority)
    if request.method == "POST":
        mapping = {
            p.pk: [c.key for c in cats if request.POST.get(f"p{p.pk}_{c.key}")] for p in priorities
        }
        try:
            services.priority_categories_set(
                by=user, authority=authority, framework=framework, mapping=mapping
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Priorities mapped to the reporting categories.")
            return redirect(reverse("reports:categories") + f"?framework={framework}")
    mapped = selectors.priority_categories(authority=authority, framework=framework)
    return render(
        request,
        "reports/categories.html",
        {
            "framework": framework,
            "framework_name": FRAMEWORKS[framework][0],
            "frameworks": [(code, name) for code, (name, _) in FRAMEWORKS.items()],
            "categories": cats,
            "rows": [
                (p, [(c, c.key in mapped.get(p.pk, set())) for c in cats]) for p in priorities
            ],
            "today": timezone.localdate(),
        },
    )
