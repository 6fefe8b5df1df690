"""Writes to reports: create (from the type's sections or from the last report), edit
sections, and the lifecycle draft → in review → approved (the snapshot is frozen) →
published. Each runs in a transaction and records who did it."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.core.concurrency import ensure_unchanged
from sightline.core.permissions import (
    can_approve_report,
    can_edit_report,
    can_prepare_report_type,
    can_read_report,
    forced_report_audience,
)
from sightline.organisation.models import Authority

from . import drafting, wording
from .build import BuildContext, context_for, snapshot_build
from .categories import FRAMEWORKS, categories_of
from .models import PriorityCategory, Report, ReportSection
from .types import AUDIENCE_PHRASES, AUDIENCES, KINDS, TYPES, default_config

#: Config keys that belong to one period (proposals chosen): not carried to the next report.
_PERIOD_KEYS = ("chosen",)


def _draft_for(config: dict[str, Any], ctx: BuildContext) -> str:
    key = config.get("draft")
    return drafting.draft(key, ctx.facts()) if key else ""


@transaction.atomic
def report_create(
    *,
    by: User | None,
    authority: Authority,
    type: str,  # noqa: A002
    audience: str,
    period_start: date,
    period_end: date,
    title: str = "",
    based_on: Report | None = None,
    next_update: date | None = None,
    framework: str | None = None,
) -> Report:
    """A new draft: its sections copied from ``based_on`` (the last report of the type) or,
    without one, the type's default sections; each drafted section starts as the draft
    written from the figures. A person who prepares for one audience only (the DfE adviser,
    an elected member) is refused any other, and may start only from a report they may
    read."""
    if type not in TYPES:
        raise ValidationError({"type": "Choose a type of report."})
    if audience not in AUDIENCES:
        raise ValidationError({"audience": "Choose who the report is for."})
    if by is not None:
        _may_start(by, type=type, audience=audience, based_on=based_on)
    if period_end < period_start:
        raise ValidationError({"period_end": "The period must end on or after its start."})
    if based_on is not None and (based_on.authority_id != authority.pk):
        raise ValidationError("The report to start from must be this authority's.")
    if framework is not None and framework not in FRAMEWORKS:
        raise ValidationError({"framework": "Choose an inspection framework."})
    spec = TYPES[type]
    report = Report.objects.create(
        authority=authority,
        type=type,
        audience=audience,
        title=title.strip()
        or spec.title.format(period=wording.period_label(period_start, period_end)),
        period_start=period_start,
        period_end=period_end,
        framework=framework
        or (based_on.framework if based_on else Report._meta.get_field("framework").default),
        next_update=next_update,
        based_on=based_on,
        created_by=by,
    )
    ctx = context_for(report)
    if based_on is not None:
        specs = [
            (
                s.kind,
                s.title,
                {k: v for k, v in deepcopy(s.config).items() if k not in _PERIOD_KEYS},
                s.narrative,
            )
            for s in based_on.sections.all()
        ]
    else:
        specs = [(s.kind, s.title, deepcopy(s.config), "") for s in spec.sections]
    for order, (kind, section_title, config, narrative) in enumerate(specs, start=1):
        drafted = _draft_for(config, ctx)
        ReportSection.objects.create(
            report=report,
            order=order,
            kind=kind,
            title=section_title,
            config=config,
            narrative=drafted or narrative,
        )
    audit_record(
        actor=by,
        action="reports.report.create",
        obj=report,
        authority=authority,
        changes={"type": type, "audience": audience, "based_on": based_on.pk if based_on else None},
    )
    return report


def _may_start(by: User, *, type: str, audience: str, based_on: Report | None) -> None:  # noqa: A002
    if not can_prepare_report_type(by, type):
        raise ValidationError(
            {"type": f"You cannot prepare this type of report ({TYPES[type].label})."}
        )
    forced = forced_report_audience(by)
    if forced is not None and audience != forced:
        raise ValidationError(
            {
                "audience": "The reports you prepare are for "
                f"{AUDIENCE_PHRASES[forced]}, whose small numbers are withheld: you cannot "
                f"prepare one for {AUDIENCE_PHRASES[audience]}."
            }
        )
    if based_on is not None and not can_read_report(by, based_on):
        raise ValidationError("You can only start from a report you may read.")


def _editable(report: Report, by: User | None) -> None:
    if not report.is_editable:
        raise ValidationError(
            "This report is approved: its figures are frozen and it can no longer be edited. "
            "Start the next report from it instead."
        )
    if by is not None and not can_edit_report(by, report):
        raise ValidationError("You cannot edit this report.")


def _measures(measure_ids: list[str]) -> list[str]:
    cleaned = [m.strip().upper() for m in measure_ids if m.strip()]
    unknown = [m for m in cleaned if m not in REGISTRY]
    if unknown:
        raise ValidationError({"measures": f"Unknown measure IDs: {', '.join(unknown)}."})
    return list(dict.fromkeys(cleaned))


@transaction.atomic
def section_update(
    *,
    by: User | None,
    section: ReportSection,
    seen_version: str | None,
    title: str | None = None,
    narrative: str | None = None,
    measures: list[str] | None = None,
    chosen: list[str] | None = None,
    extra: list[str] | None = None,
    ratings: dict[str, str] | None = None,
    summaries: dict[str, str] | None = None,
) -> ReportSection:
    """Change what a section says: its title, narrative, chosen measures, the proposals
    chosen and lines added, or (DfE assessment) the R/A/G ratings and summaries."""
    section = ReportSection.objects.select_for_update().select_related("report").get(pk=section.pk)
    _editable(section.report, by)
    ensure_unchanged(current=section.updated_at, seen=seen_version, what="this section")
    config = dict(section.config)
    changes: dict[str, Any] = {}
    if title is not None:
        if not title.strip():
            raise ValidationError({"title": "Enter the section's title."})
        section.title = title.strip()
        changes["title"] = section.title
    if narrative is not None:
        section.narrative = narrative.replace("\r\n", "\n").strip()
        changes["narrative"] = "edited"
    if measures is not None:
        config["measures"] = _measures(measures)
        changes["measures"] = config["measures"]
    if chosen is not None:
        config["chosen"] = list(chosen)
        changes["chosen"] = config["chosen"]
    if extra is not None:
        config["extra"] = [line.strip() for line in extra if line.strip()]
        changes["extra"] = "edited"
    if ratings is not None:
        allowed = {c.key for c in categories_of(section.report.framework)}
        bad = [
            v
            for k, v in ratings.items()
            if k not in allowed or v not in ("red", "amber", "green", "grey")
        ]
        if bad:
            raise ValidationError({"ratings": "Rate each category red, amber or green."})
        config["ratings"] = dict(ratings)
        changes["ratings"] = config["ratings"]
    if summaries is not None:
        config["summaries"] = {k: v.strip() for k, v in summaries.items() if v.strip()}
        changes["summaries"] = "edited"
    section.config = config
    section.save()
    audit_record(
        actor=by,
        action="reports.section.update",
        obj=section,
        authority=section.report.authority,
        changes=changes,
    )
    return section


@transaction.atomic
def section_add(*, by: User | None, report: Report, kind: str, title: str = "") -> ReportSection:
    report = Report.objects.select_for_update().get(pk=report.pk)
    _editable(report, by)
    if kind not in KINDS:
        raise ValidationError({"kind": "Choose the kind of section."})
    config = default_config(kind)
    last = report.sections.aggregate(m=Max("order"))["m"] or 0
    section = ReportSection.objects.create(
        report=report,
        order=last + 1,
        kind=kind,
        title=title.strip() or KINDS[kind],
        config=config,
    )
    audit_record(
        actor=by,
        action="reports.section.add",
        obj=section,
        authority=report.authority,
        changes={"kind": kind},
    )
    return section


@transaction.atomic
def section_remove(*, by: User | None, section: ReportSection) -> None:
    report = Report.objects.select_for_update().get(pk=section.report_id)
    _editable(report, by)
    audit_record(
        actor=by,
        action="reports.section.remove",
        obj=section,
        authority=report.authority,
        changes={"title": section.title, "kind": section.kind},
    )
    section.delete()
    for order, s in enumerate(report.sections.all(), start=1):
        if s.order != order:
            ReportSection.objects.filter(pk=s.pk).update(order=order)


@transaction.atomic
def section_move(*, by: User | None, section: ReportSection, up: bool) -> None:
    """Move a section one place up or down (the ends stay where they are)."""
    report = Report.objects.select_for_update().get(pk=section.report_id)
    _editable(report, by)
    sections = list(report.sections.all())
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(sections):
        return
    sections[index], sections[other] = sections[other], sections[index]
    for order, s in enumerate(sections, start=1):
        ReportSection.objects.filter(pk=s.pk).update(order=order)
    audit_record(
        actor=by,
        action="reports.section.move",
        obj=section,
        authority=report.authority,
        changes={"up": up},
    )


@transaction.atomic
def report_update(
    *,
    by: User | None,
    report: Report,
    seen_version: str | None,
    title: str,
    next_update: date | None,
) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    _editable(report, by)
    ensure_unchanged(current=report.updated_at, seen=seen_version, what="this report")
    if not title.strip():
        raise ValidationError({"title": "Enter the report's title."})
    report.title = title.strip()
    report.next_update = next_update
    report.save()
    audit_record(
        actor=by,
        action="reports.report.update",
        obj=report,
        authority=report.authority,
        changes={"title": report.title, "next_update": str(next_update or "")},
    )
    return report


def _transition(
    report: Report, expected: str, what: str, *, by: User, may: Callable[[User, Report], bool]
) -> Report:
    """The report locked, in the state the step starts from, and ``by`` allowed to take it
    (``can_edit_report`` to send for review, ``can_approve_report`` for the others)."""
    locked = Report.objects.select_for_update().select_related("authority").get(pk=report.pk)
    if locked.status != expected:
        raise ValidationError(
            f"This report is {locked.get_status_display().lower()}: it cannot be {what} now."
        )
    if not may(by, locked):
        raise ValidationError(f"This report cannot be {what} by you.")
    return locked


@transaction.atomic
def report_submit(*, by: User, report: Report) -> Report:
    """Send a draft for review."""
    report = _transition(report, Report.Status.DRAFT, "sent for review", by=by, may=can_edit_report)
    report.status = Report.Status.IN_REVIEW
    report.submitted_by, report.submitted_at = by, timezone.now()
    report.save()
    audit_record(actor=by, action="reports.report.submit", obj=report, authority=report.authority)
    return report


@transaction.atomic
def report_return(*, by: User, report: Report, reason: str) -> Report:
    """Send a report in review back to its author as a draft."""
    report = _transition(
        report, Report.Status.IN_REVIEW, "sent back", by=by, may=can_approve_report
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say what needs changing."})
    report.status = Report.Status.DRAFT
    report.save()
    audit_record(
        actor=by,
        action="reports.report.return",
        obj=report,
        authority=report.authority,
        changes={"reason": reason.strip()},
    )
    return report


@transaction.atomic
def report_approve(*, by: User, report: Report) -> Report:
    """Approve a report in review: every figure is built now and frozen in its snapshot, so a
    later import never changes the paper the board reads."""
    report = _transition(report, Report.Status.IN_REVIEW, "approved", by=by, may=can_approve_report)
    report.status = Report.Status.APPROVED
    report.approved_by, report.approved_at = by, timezone.now()
    report.snapshot = snapshot_build(report=report)
    report.save()
    audit_record(actor=by, action="reports.report.approve", obj=report, authority=report.authority)
    return report


@transaction.atomic
def report_publish(*, by: User, report: Report) -> Report:
    """Publish an approved report to its audience (its figures stay as approved)."""
    report = _transition(report, Report.Status.APPROVED, "published", by=by, may=can_approve_report)
    report.status = Report.Status.PUBLISHED
    report.published_by, report.published_at = by, timezone.now()
    snapshot = dict(report.snapshot or {})
    meta = dict(snapshot.get("report", {}))
    meta.update(
        status="published",
        status_label=Report.Status.PUBLISHED.label,
        published_on=wording.day_label(timezone.localdate(report.published_at)),
    )
    snapshot["report"] = meta
    report.snapshot = snapshot
    report.save()
    audit_record(actor=by, action="reports.report.publish", obj=report, authority=report.authority)
    return report


@transaction.atomic
def priority_categories_set(
    *, by: User | None, authority: Authority, framework: str, mapping: dict[int, list[str]]
) -> None:
    """Map each plan priority (pk) to the Ofsted reporting categories it serves."""
    from sightline.plan.models import Priority

    if framework not in FRAMEWORKS:
        raise ValidationError({"framework": "Choose an inspection framework."})
    keys = {c.key for c in categories_of(framework)}
    priorities = {
        p.pk: p for p in Priority.objects.filter(plan__authority=authority, pk__in=list(mapping))
    }
    if len(priorities) != len(mapping):
        raise ValidationError("Priorities must belong to this authority's plan.")
    for pk, categories in mapping.items():
        unknown = set(categories) - keys
        if unknown:
            raise ValidationError(
                {"categories": f"Unknown categories: {', '.join(sorted(unknown))}."}
            )
        PriorityCategory.objects.filter(priority_id=pk, framework=framework).exclude(
            category__in=categories
        ).delete()
        for category in categories:
            PriorityCategory.objects.get_or_create(
                authority=authority, priority=priorities[pk], framework=framework, category=category
            )
    audit_record(
        actor=by,
        action="reports.priority_categories.set",
        authority=authority,
        changes={"framework": framework, "mapping": {str(k): v for k, v in mapping.items()}},
    )


def section_draft(*, section: ReportSection, ctx: BuildContext | None = None) -> str:
    """The draft the system would write for this section now (for the edit page)."""
    return _draft_for(section.config, ctx or context_for(section.report))
