"""A report snapshot as a tagged PDF/UA-1, laid out by Typst (ADR 0021).

The snapshot becomes plain blocks (paragraphs with bold and italic runs, bullet lists,
tables with a header row and a caption, charts as SVG with their text alternative), passed as
JSON to ``typst/report.typ``; Typst writes the PDF/UA-1 with its structure tree (H1, H2, H3,
Table/TR/TH/TD, Figure with Alt, TOC), repeated table header rows, unbroken rows and page
numbers. Nothing is read from disk but the template and nothing is fetched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sightline.reports.snapshot import Snapshot

from .blocks import section_blocks
from .htmlpage import prepare

TEMPLATE = Path(__file__).with_name("typst") / "report.typ"


def print_model(snapshot: Snapshot) -> dict[str, Any]:
    """The JSON the Typst template lays out."""
    context = prepare(snapshot)
    report = context["report"]
    cover = [
        ["Paper", report["type_label"]],
        ["For", report["audience_label"]],
        ["Period", report["period_label"]],
        ["Status", report["status_label"]],
        ["Prepared by", report["prepared_by"]],
    ]
    if report.get("approved_by"):
        cover.append(
            [
                "Approved by",
                report["approved_by"]
                + (f", {report['approved_on']}" if report.get("approved_on") else ""),
            ]
        )
    if report.get("published_on"):
        cover.append(["Published", report["published_on"]])
    if report.get("next_update"):
        cover.append(["Date of next update", report["next_update"]])
    return {
        "report": report,
        "brand_colour": context["brand_colour"],
        "cover": cover,
        "sections": [
            {"title": s["title"], "blocks": section_blocks(s)} for s in context["sections"]
        ],
    }


def pdf(snapshot: Snapshot) -> bytes:
    """The report as a tagged PDF/UA-1: real headings, tables with repeated header rows and
    rows never split, charts as vector figures with their text alternatives, contents and
    page numbers, the council's colour."""
    import typst

    model = json.dumps(print_model(snapshot), ensure_ascii=False)
    return bytes(
        typst.compile(
            str(TEMPLATE),
            root=str(TEMPLATE.parent),
            sys_inputs={"report": model},
            pdf_standards=["ua-1"],
            ignore_system_fonts=False,
        )
    )
