"""The reports pages: a preparer's few clicks from a new report to a published one, and who
may read what."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from sightline.organisation.models import Authority
from sightline.reports.models import Report

from .factories import new_report, published


@pytest.mark.django_db
def test_the_chair_produces_a_chairs_report_in_a_few_clicks(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    chair = client_for("board")
    response = chair.post(
        reverse("reports:report_create"),
        {"type": "chair_report", "period_start": "01/08/2026", "period_end": "31/10/2026"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.get(type="chair_report")
    assert report.audience == "members"
    assert response["Location"] == reverse("reports:report_edit", args=[report.pk])
    assert chair.get(response["Location"]).status_code == 200
    intro = report.sections.get(order=1)
    page = chair.get(reverse("reports:section_edit", args=[intro.pk]))
    assert "Draft written from the figures" in page.content.decode()
    saved = chair.post(
        reverse("reports:section_edit", args=[intro.pk]),
        {"title": "1. Introduction", "narrative": "This report is for the Committee."},
    )
    assert saved.status_code == 302
    assert chair.get(reverse("reports:preview", args=[report.pk])).status_code == 200
    assert chair.post(reverse("reports:submit", args=[report.pk])).status_code == 302
    director = client_for("director")
    assert director.post(reverse("reports:approve", args=[report.pk])).status_code == 302
    assert director.post(reverse("reports:publish", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == "published"
    assert report.snapshot["sections"][0]["narrative"] == "This report is for the Committee."
    member = client_for("member")
    assert member.get(reverse("reports:preview", args=[report.pk])).status_code == 200
    assert report.title in member.get(reverse("reports:index")).content.decode()


@pytest.mark.django_db
def test_a_board_member_may_start_only_a_chairs_report(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    response = client_for("board").post(
        reverse("reports:report_create"),
        {"type": "board_pack", "period_start": "01/10/2026", "period_end": "31/10/2026"},
    )
    assert response.status_code == 200  # the choice is refused on the form
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_readers_see_published_reports_of_their_audience_only(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    board_pack = published(new_report(demo))
    scrutiny = published(new_report(demo, type="scrutiny_dashboard"))
    dfe = published(new_report(demo, type="dfe_highlight"))
    draft = new_report(demo, type="scrutiny_dashboard")
    board_draft = new_report(demo, type="scrutiny_dashboard", audience="board")

    def status(user: str, report: Report) -> int:
        return client_for(user).get(reverse("reports:report", args=[report.pk])).status_code

    everything = (board_pack, scrutiny, dfe, draft, board_draft)
    # A member may open a draft scrutiny dashboard for members (they prepare them), never
    # one an officer wrote for the board.
    assert [status("member", r) for r in everything] == [403, 200, 403, 200, 403]
    assert [status("adviser", r) for r in everything] == [403, 403, 200, 403, 403]
    assert [status("board", r) for r in everything] == [200, 200, 200, 403, 403]
    assert [status("analyst", r) for r in everything] == [200] * 5
    assert status("admin", board_pack) == 403


@pytest.mark.django_db
def test_sections_are_reordered_added_and_removed_with_buttons(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    report = new_report(demo, type="custom")
    director = client_for("director")
    for kind in ("narrative", "scorecard", "dfe_assessment"):
        response = director.post(reverse("reports:section_add", args=[report.pk]), {"kind": kind})
        assert response.status_code == 302
    first, second, third = report.sections.all()
    director.post(reverse("reports:section_move", args=[second.pk]), {"direction": "up"})
    assert [s.kind for s in report.sections.all()] == ["scorecard", "narrative", "dfe_assessment"]
    page = director.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert 'Move up<span class="govuk-visually-hidden"> Narrative (free text)' in page
    assessment = director.get(reverse("reports:section_edit", args=[third.pk]))
    assert assessment.status_code == 200
    director.post(reverse("reports:section_remove", args=[first.pk]))
    assert [s.kind for s in report.sections.all()] == ["scorecard", "dfe_assessment"]


@pytest.mark.django_db
def test_the_dfe_ratings_and_summaries_are_the_advisers(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    report = new_report(demo, type="dfe_highlight")
    section = report.sections.get(kind="dfe_assessment")
    data = {"title": section.title, "narrative": ""}
    for key in ("help_protection", "looked_after", "care_leavers", "leadership"):
        data[f"rag_{key}"] = "amber"
        data[f"summary_{key}"] = f"Summary for {key}."
    data["rag_leadership"] = "green"
    response = client_for("director").post(reverse("reports:section_edit", args=[section.pk]), data)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.config["ratings"]["leadership"] == "green"
    from sightline.reports.build import snapshot_build

    rows = next(
        s for s in snapshot_build(report=report)["sections"] if s["kind"] == "dfe_assessment"
    )["data"]["rows"]
    assert [r["rag"] for r in rows] == ["amber", "amber", "amber", "green"]
    assert rows[0]["summary"] == "Summary for help_protection."


@pytest.mark.django_db
def test_headlines_are_chosen_from_the_proposals(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    report = new_report(demo)
    section = report.sections.get(title="Risks and concerns")
    response = client_for("director").post(
        reverse("reports:section_edit", args=[section.pk]),
        {"title": section.title, "narrative": "", "extra": "Court delays.\n\nFostering review."},
    )
    assert response.status_code == 302
    from sightline.reports.build import snapshot_build

    items = next(
        s for s in snapshot_build(report=report)["sections"] if s["title"] == "Risks and concerns"
    )["data"]["items"]
    assert items == ["Court delays.", "Fostering review."]
