"""Hand-built report snapshots: every section kind and every report type, synthetic figures.

Used by the renderer tests and by ``benchmarks/report_render.py`` (a board pack with 40 charts).
"""

from __future__ import annotations

import math
from typing import Any

from sightline.reports.snapshot import (
    SCHEMA_VERSION,
    ChartPoint,
    MeasureChart,
    ReportMeta,
    ReportType,
    ScorecardRow,
    Section,
    Snapshot,
)

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

TYPE_LABELS: dict[str, str] = {
    "board_pack": "Board pack",
    "scrutiny_dashboard": "Scrutiny dashboard",
    "dfe_highlight": "DfE adviser's highlight report",
    "chair_report": "Independent Chair's report",
    "committee_paper": "Cabinet paper",
    "custom": "Report",
}
AUDIENCE_LABELS = {
    "board": "Improvement Board",
    "members": "Elected members",
    "dfe": "Department for Education",
    "cabinet": "Cabinet",
    "public": "The public",
}


def month_labels(count: int, *, last_year: int = 2026, last_month: int = 10) -> list[str]:
    """``count`` month labels ending at Oct 2026: "Oct 2025" ... "Oct 2026"."""
    labels = []
    for back in range(count - 1, -1, -1):
        index = last_year * 12 + last_month - 1 - back
        labels.append(f"{MONTHS[index % 12]} {index // 12}")
    return labels


def meta(report_type: ReportType = "board_pack", *, audience: str = "board") -> ReportMeta:
    return ReportMeta(
        id=7,
        type=report_type,
        type_label=TYPE_LABELS[report_type],
        title=f"{TYPE_LABELS[report_type]}, October 2026",
        audience=audience,  # type: ignore[typeddict-item]
        audience_label=AUDIENCE_LABELS[audience],
        period_label="October 2026",
        period_start="2026-10-01",
        period_end="2026-10-31",
        status="approved",
        status_label="Approved",
        prepared_by="Priya Shah",
        approved_by="Morgan Ellis",
        approved_on="4 Dec 2026",
        next_update="15 Jan 2027",
        authority={"name": "Northshire County Council", "code": "999", "brand_colour": "#005a9c"},
        disclosure_note=(
            "Counts of 1 to 4 children are shown as [c] and the figures that would let them "
            "be worked out are withheld too."
        ),
    )


def chart(measure_id: str = "FD03", *, months: int = 13, seed: int = 0) -> MeasureChart:
    """An XmR chart of a percentage with one withheld month and two special causes."""
    labels = month_labels(months)
    points: list[ChartPoint] = []
    for i, label in enumerate(labels):
        value = round(24 + 4 * math.sin((i + seed) / 2) + (seed % 3), 1)
        signal = ""
        if i == months - 1:
            signal = "concerning"
            value += 12
        elif i == 2:
            signal = "improving"
        withheld = i == 4 and seed % 2 == 0
        points.append(
            ChartPoint(
                label=label, value=None if withheld else value, withheld=withheld, signal=signal
            )
        )
    return MeasureChart(
        measure_id=measure_id,
        title=f"Re-referrals within 12 months ({measure_id})",
        unit_label="% of referrals",
        y_axis_title="Re-referrals (% of referrals)",
        points=points,
        mean=25.1,
        upper=33.8,
        lower=16.4,
        target=22.0,
        variation_label="Special cause: concerning (high)",
        assurance_label="Hits and misses the target",
        alt_text=(
            f"Re-referrals by month from {labels[0]} to {labels[-1]}: mostly between 20% and 29%, "
            f"rising to {points[-1]['value']}% in {labels[-1]}, "
            "above the upper process limit of 33.8%."
        ),
        summary=(
            "Re-referrals were **high** in October, above the upper limit (`special cause`).\n\n"
            "- Three localities rose\n- One fell"
        ),
    )


def scorecard_rows() -> list[ScorecardRow]:
    base: dict[str, Any] = {
        "period_label": "Oct 2026",
        "variation": "common_cause",
        "variation_label": "Common cause (usual variation)",
        "assurance": "hit_or_miss",
        "assurance_label": "Hits and misses the target",
        "england": "",
        "region": "",
        "neighbours": "",
        "reading": "",
        "withheld_rule": "",
    }
    return [
        ScorecardRow(
            **base,
            measure_id="FD03",
            title="Re-referrals within 12 months",
            unit_label="% of referrals",
            latest="26%",
            target="22%",
            rag="red",
            rag_label="Red: misses the target",
            change="up 2 percentage points since Sep 2026",
        ),
        ScorecardRow(
            **{
                **base,
                "england": "40.6 per 10,000",
                "region": "38.2 per 10,000",
                "neighbours": "44.0 per 10,000",
                "reading": "Meets the target, but a concerning run of 7 months above the mean.",
            },
            measure_id="CP05",
            title="Children on a child protection plan",
            unit_label="rate per 10,000 children",
            latest="41.2 per 10,000",
            target="45.0 per 10,000",
            rag="green",
            rag_label="Green: meets the target",
            change="down 1.1 per 10,000 since Sep 2026",
        ),
        ScorecardRow(
            **{
                **base,
                "withheld_rule": "Fewer than 5 children: the count is withheld.",
                "variation": "none",
                "variation_label": "No chart",
                "assurance": "none",
                "assurance_label": "",
            },
            measure_id="=CL02",
            title="Care leavers in custody",
            unit_label="count",
            latest="[c]",
            target="",
            rag="grey",
            rag_label="Not rated",
            change="",
        ),
        ScorecardRow(
            **{**base, "period_label": ""},
            measure_id="AD01",
            title="Days from care to adoption",
            unit_label="days",
            latest="Not covered",
            target="426 days",
            rag="grey",
            rag_label="Not rated",
            change="",
        ),
    ]


def section(kind: str, **extra: Any) -> Section:
    """One section of ``kind`` with example data."""
    narrative = "Written by the author, with **emphasis** and `code`.\n\nA second paragraph."
    data: dict[str, object]
    title = kind.replace("_", " ").capitalize()
    if kind == "headlines":
        data = {"items": ["Re-referrals rose to **26%**.", "Caseloads fell to 17 children each."]}
        title = "Headline messages"
    elif kind == "narrative":
        data = {}
        title = "Background"
    elif kind == "scorecard":
        data = {"rows": scorecard_rows()}
        title = "Scorecard"
    elif kind == "mdc_matrix":
        data = {
            "cells": [
                {
                    "variation": "concerning",
                    "assurance": "consistent_fail",
                    "measures": [{"measure_id": "FD03", "title": "Re-referrals"}],
                },
                {
                    "variation": "improving",
                    "assurance": "consistent_pass",
                    "measures": [{"measure_id": "CP05", "title": "Child protection plans"}],
                },
                {"variation": "common_cause", "assurance": "hit_or_miss", "measures": []},
            ]
        }
        title = "Making Data Count summary"
    elif kind == "measure_charts":
        count = extra.get("charts", 2)
        data = {"charts": [chart(f"M{n:02d}", seed=n) for n in range(count)]}
        title = "Measures in detail"
    elif kind == "plan":
        data = {
            "priorities": [
                {
                    "number": "1",
                    "title": "Front door",
                    "brag": "amber",
                    "brag_label": "Amber: some progress",
                    "impact": "Contacts decided within a day rose to 91%.",
                    "actions": "12 actions: 8 complete, 3 on track, 1 overdue",
                    "categories": ["Children in need of help and protection"],
                },
                {
                    "number": "2",
                    "title": "Care leavers' homes",
                    "brag": "blue",
                    "brag_label": "Blue: complete",
                    "impact": "",
                    "actions": "4 actions: 4 complete",
                    "categories": [],
                },
            ]
        }
        title = "The plan on a page"
    elif kind == "audits":
        data = {
            "period_label": "Sep 2026 to Oct 2026",
            "audits_completed": "62",
            "rows": [
                {
                    "grade": "Good",
                    "count": "14",
                    "share": "23%",
                    "interval": "95% interval 14% to 35%",
                    "target": "at least 42% good or better",
                },
                {
                    "grade": "Inadequate",
                    "count": "[c]",
                    "share": "[c]",
                    "interval": "",
                    "target": "no more than 12%",
                },
            ],
        }
        title = "Audits of practice"
    elif kind in ("workforce", "risks", "recommendations"):
        header = {
            "workforce": ["Measure", "Latest", "Target"],
            "risks": ["Risk", "Rating", "Mitigation"],
            "recommendations": ["Recommendation", "Status", "Evidence"],
        }[kind]
        data = {
            "caption": f"{title} this period",
            "header": header,
            "rows": [[f"{header[0]} {n}", "+ten", f"Row {n} text"] for n in range(1, 4)],
        }
    elif kind == "voice":
        data = {
            "items": [
                {
                    "you_said": "We want to see the same social worker.",
                    "we_did": "Teams are smaller and steadier.",
                    "source": "Children in Care Council, Sep 2026",
                }
            ],
            "responses": ["The Ambassadors asked about **money for driving lessons**."],
        }
        title = "Voice of children"
    elif kind == "dfe_assessment":
        data = {
            "rag_definitions": {
                "Red": "Progress is not being made, or there are significant risks.",
                "Amber": "Progress is being made but not yet embedded.",
                "Green": "Good progress, sustained and evidenced.",
            },
            "rows": [
                {
                    "category": "Children in need of help and protection",
                    "priorities": ["Priority 1: Front door", "Priority 2: Assessment"],
                    "rag": "amber",
                    "summary": "Timeliness is improving.",
                },
                {
                    "category": "Care leavers",
                    "priorities": [],
                    "rag": "green",
                    "summary": "Every care leaver has a personal adviser.",
                },
            ],
        }
        title = "Detailed assessment"
    else:
        raise ValueError(kind)
    return Section(kind=kind, title=str(extra.get("title", title)), narrative=narrative, data=data)  # type: ignore[typeddict-item]


ALL_KINDS = (
    "headlines",
    "narrative",
    "scorecard",
    "mdc_matrix",
    "measure_charts",
    "plan",
    "audits",
    "workforce",
    "voice",
    "risks",
    "recommendations",
    "dfe_assessment",
)

#: The sections of each report type, in the order of the seed papers.
TYPE_SECTIONS: dict[str, list[tuple[str, str]]] = {
    "board_pack": [
        ("headlines", "Headline messages"),
        ("mdc_matrix", "Making Data Count summary"),
        ("scorecard", "Scorecard"),
        ("measure_charts", "Measures in detail"),
        ("plan", "Improvement plan on a page"),
        ("audits", "Audits of practice"),
        ("workforce", "Workforce"),
        ("voice", "Voice of children and young people"),
        ("risks", "Risks"),
    ],
    "scrutiny_dashboard": [
        ("headlines", "Headline messages"),
        ("scorecard", "Dashboard"),
        ("plan", "Improvement plan update"),
        ("recommendations", "Inspection recommendations"),
    ],
    "dfe_highlight": [
        ("headlines", "Headline messages for the Minister"),
        ("narrative", "Things that are going well"),
        ("risks", "Risks and concerns"),
        ("dfe_assessment", "Detailed assessment"),
        ("narrative", "What is coming up"),
        ("narrative", "Additional information"),
    ],
    "chair_report": [
        ("narrative", "Introduction"),
        ("headlines", "What the Chair has seen"),
        ("voice", "Voice of children and young people"),
        ("narrative", "Conclusion"),
    ],
    "committee_paper": [
        ("narrative", "Purpose of report"),
        ("recommendations", "Recommendations"),
        ("narrative", "Background"),
        ("risks", "Risks"),
        ("plan", "Appendix 1: Improvement plan"),
    ],
    "custom": [(kind, kind.replace("_", " ").capitalize()) for kind in ALL_KINDS],
}


def example(
    report_type: ReportType = "board_pack", *, audience: str = "board", charts: int = 2
) -> Snapshot:
    """An example snapshot of ``report_type``."""
    return Snapshot(
        schema=SCHEMA_VERSION,
        report=meta(report_type, audience=audience),
        sections=[
            section(kind, title=title, charts=charts) for kind, title in TYPE_SECTIONS[report_type]
        ],
    )


def every_kind() -> Snapshot:
    """One section of every kind."""
    return example("custom")


def board_pack(*, charts: int = 40) -> Snapshot:
    """A full board pack with ``charts`` measure charts (the benchmark's 20-page pack)."""
    snapshot = example("board_pack", charts=charts)
    scorecard = next(s for s in snapshot["sections"] if s["kind"] == "scorecard")
    scorecard["data"] = {"rows": scorecard_rows() * 6}
    return snapshot
