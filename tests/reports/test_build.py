"""Building a snapshot from the data: figures worded for a lay reader, RAG and SPC read
together, the Making Data Count matrix, and each audience's small-number rule."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sightline.kernel import disclosure
from sightline.organisation.models import Authority
from sightline.reports.build import (
    _cells_with_complement,
    disclosure_policy,
    snapshot_build,
)

from .factories import count_series, new_report, percent_series, store

FD04 = [22, 23, 21, 22, 24, 23, 22, 21, 23, 22, 24, 23, 24, 26]
CP09 = [96, 95, 97, 96, 95, 97, 96, 92, 93, 91, 92, 93, 92, 92]
CP05 = [40, 38, 41, 39, 40, 42, 41, 40, 39, 41, 40, 42, 12, 3]


@pytest.fixture
def figures(demo: Authority) -> Authority:
    store(
        demo,
        {
            "FD04": percent_series(FD04),
            "CP09": percent_series(CP09),
            "CP05": count_series(CP05),
        },
    )
    return demo


def _section(snapshot: dict, kind: str) -> dict:
    return next(s for s in snapshot["sections"] if s["kind"] == kind)


def _row(snapshot: dict, measure_id: str) -> dict:
    return next(
        r for r in _section(snapshot, "scorecard")["data"]["rows"] if r["measure_id"] == measure_id
    )


def _with_measures(report, kind: str, measures: list[str]) -> None:
    section = report.sections.get(kind=kind)
    section.config = {**section.config, "measures": measures}
    section.save()


@pytest.mark.django_db
def test_a_scorecard_row_is_worded_for_a_lay_reader(figures: Authority) -> None:
    report = new_report(figures)
    _with_measures(report, "scorecard", ["FD04", "CP09"])
    row = _row(snapshot_build(report=report), "FD04")
    assert row["latest"] == "26%"
    assert row["period_label"] == "Oct 2026"
    assert row["target"] == "22%"
    assert row["unit_label"] == "%"
    assert row["rag"] == "amber"
    assert row["change"] == "up 2 percentage points since Sep 2026"
    assert row["variation"] == "common_cause"
    assert row["reading"] == ""
    visits = _row(snapshot_build(report=report), "CP09")
    assert (visits["rag"], visits["variation"]) == ("green", "concern_low")
    assert (
        visits["reading"] == "Meets the target, but a concerning run of 7 months below the average."
    )


@pytest.mark.django_db
def test_the_summary_is_drafted_from_the_figures(figures: Authority) -> None:
    report = new_report(figures)
    summary = report.sections.get(title="Summary")
    assert "Re-referrals within 12 months" not in summary.narrative.split("\n\n")[0]
    assert (
        "Children on a CP plan visited within 10 working days: 92% in Oct 2026, a cause for "
        "concern (special cause: a run of 7 months below the average) and above the 90% target."
    ) in summary.narrative


@pytest.mark.django_db
def test_the_matrix_places_measures_by_variation_and_assurance(figures: Authority) -> None:
    report = new_report(figures)
    _with_measures(report, "mdc_matrix", ["FD04", "CP09", "CP05"])
    cells = _section(snapshot_build(report=report), "mdc_matrix")["data"]["cells"]
    assert len(cells) == 16
    placed = {
        m["measure_id"]: (c["variation"], c["assurance"]) for c in cells for m in c["measures"]
    }
    assert placed["CP09"][0] == "concerning"
    assert placed["FD04"][0] == "common_cause"
    assert placed["CP05"][1] == "none"  # no target: no assurance


@pytest.mark.django_db
def test_a_members_version_never_shows_a_count_from_1_to_4(figures: Authority) -> None:
    members = new_report(figures, type="scrutiny_dashboard")
    _with_measures(members, "scorecard", ["CP05"])
    snapshot = snapshot_build(report=members)
    row = _row(snapshot, "CP05")
    assert row["latest"] == disclosure.MARK
    assert row["withheld_rule"] == disclosure.NOTE
    assert row["change"] == ""  # 3 could be worked out from the change
    assert snapshot["report"]["disclosure_note"] == disclosure.NOTE
    board = new_report(figures)
    _with_measures(board, "scorecard", ["CP05"])
    assert _row(snapshot_build(report=board), "CP05")["latest"] == "3"


@pytest.mark.django_db
def test_a_members_chart_withholds_the_small_month_and_its_limits(figures: Authority) -> None:
    members = new_report(figures, type="scrutiny_dashboard")
    members.sections.create(
        order=99, kind="measure_charts", title="Charts", config={"measures": ["CP05"]}
    )
    snapshot = snapshot_build(report=members)
    (chart,) = _section(snapshot, "measure_charts")["data"]["charts"]
    assert chart["points"][-1] == {
        "label": "Oct 2026",
        "value": None,
        "withheld": True,
        "signal": "",
    }
    assert chart["points"][-2]["value"] == 12.0
    assert (chart["mean"], chart["upper"], chart["lower"]) == (None, None, None)
    assert '"value": 3.0' not in json.dumps(snapshot)
    assert "withheld" in chart["alt_text"]


@pytest.mark.django_db
def test_a_lone_withheld_cell_takes_another_with_it(demo: Authority) -> None:
    suppressed = disclosure_policy(authority=demo, audience="members")
    cells = _cells_with_complement(suppressed, [10, 20, 9, 3], 42)
    assert cells[3] == "[c]"
    assert cells.count("[c]") >= 2  # the 3 cannot be worked out from 42
    assert _cells_with_complement(suppressed, [10, 20, 0, 0], 30) == ["10", "20", "0", "0"]
    board = disclosure_policy(authority=demo, audience="board")
    assert _cells_with_complement(board, [10, 20, 9, 3], 42) == ["10", "20", "9", "3"]
    assert disclosure_policy(authority=demo, audience="cabinet").suppress
    assert disclosure_policy(authority=demo, audience="dfe").suppress
    demo.disclosure_withheld_roles = ["board_member"]
    assert disclosure_policy(authority=demo, audience="board").suppress


@pytest.mark.django_db
def test_every_type_builds_a_json_snapshot_without_data(demo: Authority) -> None:
    for kind in (
        "board_pack",
        "scrutiny_dashboard",
        "dfe_highlight",
        "chair_report",
        "committee_paper",
        "custom",
    ):
        report = new_report(demo, type=kind)
        snapshot = snapshot_build(report=report)
        assert json.loads(json.dumps(snapshot)) == snapshot
        assert snapshot["report"]["period_label"] == "October 2026"
        assert [s["title"] for s in snapshot["sections"]] == [
            s.title for s in report.sections.all()
        ]


@pytest.mark.django_db
def test_the_dfe_assessment_has_a_row_per_category_with_the_seed_definitions(
    demo: Authority,
) -> None:
    report = new_report(demo, type="dfe_highlight")
    data = _section(snapshot_build(report=report), "dfe_assessment")["data"]
    assert set(data["rag_definitions"]) == {"red", "amber", "green"}
    assert data["rag_definitions"]["amber"].startswith("Some progress against the improvement plan")
    assert [r["category"] for r in data["rows"]] == [
        "The experiences and progress of children who need help and protection",
        "The experiences and progress of children in care",
        "The experiences and progress of care leavers",
        "The impact of leaders on social work practice with children and families",
    ]
    report.framework = "ILACS-2023"
    report.save()
    rows = _section(snapshot_build(report=report), "dfe_assessment")["data"]["rows"]
    assert rows[0]["category"] == "Children in need of help and protection"


@pytest.mark.django_db
def test_a_report_period_before_the_latest_month_reads_that_month(figures: Authority) -> None:
    report = new_report(figures)
    report.period_start, report.period_end = date(2026, 9, 1), date(2026, 9, 30)
    report.save()
    _with_measures(report, "scorecard", ["FD04"])
    row = _row(snapshot_build(report=report), "FD04")
    assert (row["latest"], row["period_label"]) == ("24%", "Sep 2026")


def _audits(authority: Authority, grades: dict[str, int]) -> None:
    from datetime import UTC, datetime

    from sightline.accounts.models import User
    from sightline.audits.models import Audit, Framework
    from sightline.audits.services import frameworks_install_defaults
    from sightline.organisation.models import Team

    frameworks_install_defaults(authority=authority)
    framework = Framework.objects.get(authority=authority, key="practice-fundamentals")
    team = Team.objects.filter(authority=authority).order_by("name")[0]
    auditor = User.objects.get(username="auditor")
    done = datetime(2026, 10, 15, 12, 0, tzinfo=UTC)
    n = 0
    for grade, count in grades.items():
        for _ in range(count):
            n += 1
            Audit.objects.create(
                authority=authority,
                framework=framework,
                team=team,
                child_id=f"R{n:04d}",
                auditor=auditor,
                status=Audit.Status.COMPLETED,
                overall_grade=grade,
                completed_at=done,
            )


@pytest.mark.django_db
def test_a_members_audit_table_withholds_small_grades_and_what_would_reveal_them(
    demo: Authority,
) -> None:
    _audits(demo, {"outstanding": 2, "good": 10, "requires_improvement": 8, "inadequate": 3})
    members = new_report(demo, type="scrutiny_dashboard")
    data = _section(snapshot_build(report=members), "audits")["data"]
    assert data["audits_completed"] == "23"
    assert [(r["grade"], r["count"], r["share"]) for r in data["rows"]] == [
        ("Outstanding", "[c]", "[c]"),
        ("Good", "10", "43.5%"),
        ("Requires improvement", "8", "34.8%"),
        ("Inadequate", "[c]", "[c]"),
    ]
    summary = members.sections.get(order=1).narrative
    assert "good or better" not in summary  # 52.2% beside 43.5% would give away the 2
    assert "inadequate" not in summary
    board = new_report(demo, type="board_pack", audience="cabinet")
    assert _section(snapshot_build(report=board), "audits")["data"]["rows"][0]["count"] == "[c]"
    _audits(demo, {"outstanding": 5})
    rows = _section(snapshot_build(report=new_report(demo)), "audits")["data"]["rows"]
    # The board sees what the authority's disclosure setting gives board members on every
    # page (by default every count: ADR 0018) ...
    assert [r["count"] for r in rows] == ["7", "10", "8", "3"]
    # ... and when the authority withholds small numbers from its board, the lone [c] beside
    # the total would be 28 - 7 - 10 - 8, so another count is withheld with it.
    demo.disclosure_withheld_roles = ["board_member"]
    demo.save()
    rows = _section(snapshot_build(report=new_report(demo)), "audits")["data"]["rows"]
    counts = [r["count"] for r in rows]
    assert counts[3] == "[c]"
    assert counts.count("[c]") >= 2
