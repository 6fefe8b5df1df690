"""The lifecycle: draft → in review → approved (figures frozen) → published, who did each,
and the next report starting from the last."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.organisation.models import Authority
from sightline.reports import services
from sightline.reports.build import snapshot_build
from sightline.reports.models import Report
from sightline.reports.types import TYPES
from sightline.reports.views._common import snapshot_of

from .factories import new_report, percent_series, published, store

FD04 = [22, 23, 21, 22, 24, 23, 22, 21, 23, 22, 24, 23, 24, 26]


def _fd04(snapshot: dict) -> str:
    scorecard = next(s for s in snapshot["sections"] if s["kind"] == "scorecard")
    return next(r for r in scorecard["data"]["rows"] if r["measure_id"] == "FD04")["latest"]


@pytest.mark.django_db
def test_a_new_report_has_its_types_sections_in_order(demo: Authority) -> None:
    report = new_report(demo, type="dfe_highlight")
    assert report.title == (
        "Local authority intervention: 6-weekly adviser highlight report, October 2026"
    )
    assert report.audience == "dfe"
    assert [(s.order, s.kind, s.title) for s in report.sections.all()] == [
        (i, s.kind, s.title) for i, s in enumerate(TYPES["dfe_highlight"].sections, start=1)
    ]
    assert AuditEvent.objects.filter(
        action="reports.report.create", object_id=str(report.pk)
    ).exists()


@pytest.mark.django_db
def test_approval_freezes_the_figures_a_later_import_does_not_change_them(demo: Authority) -> None:
    store(demo, {"FD04": percent_series(FD04)})
    report = new_report(demo)
    director = User.objects.get(username="director")
    services.report_submit(by=director, report=report)
    report = services.report_approve(by=director, report=report)
    assert report.approved_by == director
    assert report.approved_at is not None
    assert _fd04(report.snapshot) == "26%"
    assert report.snapshot["report"]["approved_by"] == director.display_name
    # A later extract recomputes October: 30%.
    store(
        demo,
        {"FD04": percent_series([*FD04[:-1], 30])},
        extract_date=date(2026, 11, 20),
    )
    assert _fd04(snapshot_build(report=report)) == "30%"
    report.refresh_from_db()
    assert _fd04(snapshot_of(report)) == "26%"
    report = services.report_publish(by=director, report=report)
    assert _fd04(report.snapshot) == "26%"
    assert report.snapshot["report"]["status"] == "published"
    assert "published_on" in report.snapshot["report"]


@pytest.mark.django_db
def test_steps_out_of_order_are_refused(demo: Authority) -> None:
    director = User.objects.get(username="director")
    report = new_report(demo)
    with pytest.raises(ValidationError):
        services.report_approve(by=director, report=report)
    with pytest.raises(ValidationError):
        services.report_publish(by=director, report=report)
    services.report_submit(by=director, report=report)
    with pytest.raises(ValidationError):
        services.report_submit(by=director, report=report)
    services.report_return(by=director, report=report, reason="Add the audit findings.")
    assert Report.objects.get(pk=report.pk).status == "draft"


@pytest.mark.django_db
def test_an_approved_report_can_no_longer_be_edited(demo: Authority) -> None:
    report = published(new_report(demo))
    section = report.sections.first()
    with pytest.raises(ValidationError, match="frozen"):
        services.section_update(by=None, section=section, seen_version=None, narrative="New")
    with pytest.raises(ValidationError):
        services.section_add(by=None, report=report, kind="narrative")


@pytest.mark.django_db
def test_the_next_report_starts_from_the_last(demo: Authority) -> None:
    first = new_report(demo)
    scorecard = first.sections.get(kind="scorecard")
    services.section_update(
        by=None, section=scorecard, seen_version=None, measures=["fd04", "AS02"]
    )
    services.section_add(by=None, report=first, kind="narrative", title="Chair's note")
    published(first)
    second = new_report(demo, based_on=first)
    assert second.based_on == first
    assert [s.title for s in second.sections.all()] == [s.title for s in first.sections.all()]
    assert second.sections.get(kind="scorecard").config["measures"] == ["FD04", "AS02"]


@pytest.mark.django_db
def test_sections_move_and_go_and_stale_edits_are_refused(demo: Authority) -> None:
    report = new_report(demo, type="committee_paper")
    titles = [s.title for s in report.sections.all()]
    second = report.sections.all()[1]
    services.section_move(by=None, section=second, up=True)
    assert [s.title for s in report.sections.all()][:2] == [titles[1], titles[0]]
    services.section_remove(by=None, section=report.sections.get(title="Risks"))
    assert [s.order for s in report.sections.all()] == list(range(1, len(titles)))
    section = report.sections.first()
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.section_update(by=None, section=section, seen_version="stale", narrative="x")
    with pytest.raises(ValidationError, match="Unknown measure"):
        services.section_update(by=None, section=section, seen_version=None, measures=["ZZ99"])
