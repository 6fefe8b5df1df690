"""Awkward snapshots in every format: nothing to show, nothing covered, text that looks like
markup. Every renderer still gives a whole paper, and people's text is only ever text."""

from __future__ import annotations

import io

import docx as python_docx
import pypdf
import pytest
from python_calamine import CalamineWorkbook

from sightline.reports.render import docx, html, pdf, xlsx
from sightline.reports.snapshot import Section, Snapshot

from . import snapshots

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free


def empty_sections() -> Snapshot:
    snapshot = snapshots.example("custom")
    chart = snapshots.chart("AD01")
    chart["points"] = [
        {**p, "value": None, "withheld": False, "signal": ""} for p in chart["points"]
    ]
    chart["mean"] = chart["upper"] = chart["lower"] = chart["target"] = None
    snapshot["sections"] = [
        Section(kind="headlines", title="Headline messages", narrative="", data={"items": []}),
        Section(kind="scorecard", title="Scorecard", narrative="", data={"rows": []}),
        Section(kind="measure_charts", title="Measures", narrative="", data={"charts": [chart]}),
        Section(kind="plan", title="Plan", narrative="", data={"priorities": []}),
        Section(
            kind="risks",
            title="Risks",
            narrative="",
            data={"caption": "Risks", "header": ["Risk", "Rating"], "rows": []},
        ),
        Section(kind="voice", title="Voice", narrative="", data={"items": [], "responses": []}),
        Section(
            kind="dfe_assessment",
            title="Assessment",
            narrative="",
            data={"rag_definitions": {}, "rows": []},
        ),
        Section(kind="mdc_matrix", title="Matrix", narrative="", data={"cells": []}),
    ]
    return snapshot


def pdf_text(document: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(document))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_sections_with_nothing_in_them_say_so_in_every_format() -> None:
    snapshot = empty_sections()

    page = html(snapshot)
    assert "No figures to chart for this period." in page
    assert "No measures chosen." in page
    assert "No priorities recorded." in page
    assert page.count("None recorded for this period.") == 2  # risks, voice
    assert "<svg" not in page

    text = pdf_text(pdf(snapshot))
    assert "No figures to chart for this period." in text
    assert "No measures chosen." in text
    assert "AD01: the figures in the chart" in text
    assert "Not covered" in text

    document = python_docx.Document(io.BytesIO(docx(snapshot)))
    assert len(document.inline_shapes) == 0
    assert "No figures to chart for this period." in "\n".join(p.text for p in document.paragraphs)

    rows = CalamineWorkbook.from_filelike(io.BytesIO(xlsx(snapshot))).get_sheet_by_index(0)
    assert rows.to_python()[4][0] == "Measure"


@pytest.mark.parametrize(
    "hostile",
    [
        '#read("/etc/passwd")',
        '#import "@preview/x:0.1.0": *',
        "$x^2$ and <label> and @ref and ] [ and \\",
        '<script>alert(1)</script> & "quotes"',
        "=SUM(A1:A9)",
        "pasted\x0b from\x01 a case system",
    ],
)
def test_peoples_text_is_only_ever_text(hostile: str) -> None:
    snapshot = snapshots.example("custom")
    snapshot["sections"] = [
        Section(kind="narrative", title=f"Title {hostile}", narrative=hostile, data={}),
        Section(
            kind="risks",
            title="Risks",
            narrative="",
            data={"caption": hostile, "header": ["Risk", "Note"], "rows": [[hostile, hostile]]},
        ),
    ]

    page = html(snapshot)
    assert "<script>alert" not in page
    text = pdf_text(pdf(snapshot))
    readable = hostile.replace("\x0b", "").replace("\x01", "")
    assert " ".join(readable.split()) in text
    assert "root:" not in text
    words = "\n".join(p.text for p in python_docx.Document(io.BytesIO(docx(snapshot))).paragraphs)
    assert readable in words


def test_characters_no_font_can_draw_do_not_stop_the_pdf() -> None:
    snapshot = snapshots.example("custom")
    words = "We said 👍 and 🎉, and 中文 (Chinese); Ελληνικά stays."
    snapshot["sections"] = [Section(kind="narrative", title="Voice", narrative=words, data={})]

    text = pdf_text(pdf(snapshot))
    assert "Ελληνικά stays." in text
    assert "👍" not in text
    assert "\u25a1" in text
    # the HTML and Word keep every character (the reader's fonts draw them)
    assert words in html(snapshot)
    document = python_docx.Document(io.BytesIO(docx(snapshot)))
    assert words in "\n".join(p.text for p in document.paragraphs)
