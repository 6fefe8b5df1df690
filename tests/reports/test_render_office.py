"""The report as Word (read back with python-docx) and its scorecards as Excel (read back with
python-calamine)."""

from __future__ import annotations

import io

import docx as python_docx
import pytest
from docx.oxml.ns import qn
from python_calamine import CalamineWorkbook

from sightline.reports.render import docx, xlsx

from . import snapshots

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free


def open_docx(document: bytes) -> python_docx.document.Document:
    return python_docx.Document(io.BytesIO(document))


@pytest.mark.parametrize("report_type", list(snapshots.TYPE_SECTIONS))
def test_every_report_type_is_a_word_document_with_real_headings(report_type: str) -> None:
    snapshot = snapshots.example(report_type)  # type: ignore[arg-type]
    document = open_docx(docx(snapshot))

    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", snapshot["report"]["title"])
    body = [s["title"] for s in snapshot["sections"] if not s["title"].startswith("Appendix")]
    appendices = [s["title"] for s in snapshot["sections"] if s["title"].startswith("Appendix")]
    assert [t for style, t in headings if style == "Heading 2"] == body + appendices
    assert document.core_properties.title == snapshot["report"]["title"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "**" not in text
    assert "`" not in text
    assert "emphasis" in text


def test_the_committee_paper_has_the_seed_shape() -> None:
    snapshot = snapshots.example("committee_paper")
    document = open_docx(docx(snapshot))

    front = document.tables[0]
    labels = [row.cells[0].text for row in front.rows]
    assert labels[:3] == ["Paper", "For", "Period"]
    assert "Purpose of report" in labels
    assert "Recommendations" in labels
    values = {row.cells[0].text: row.cells[1].text for row in front.rows}
    assert values["Paper"] == "Cabinet paper"
    assert values["Recommendations"].startswith("• Recommendation 1")
    assert values["Purpose of report"].startswith("Written by the author, with emphasis and code.")
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "**" not in cells
    assert "`" not in cells
    # purpose, recommendations and background come before the appendix
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings.index("Purpose of report") < headings.index("Background")
    assert headings[-1] == "Appendix 1: Improvement plan"
    # page numbers in the footer, as Word fields
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer
    assert 'w:instr="NUMPAGES"' in footer
    # numbered paragraphs, as in the seed
    assert any(p.style.name == "List Number" for p in document.paragraphs)


def test_tables_have_captions_repeated_header_rows_and_rows_that_never_split() -> None:
    snapshot = snapshots.example("board_pack", charts=2)
    document = open_docx(docx(snapshot))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]

    data_tables = document.tables[1:]  # after the front sheet
    assert len(data_tables) >= 8
    assert (
        "Scorecard: latest figure, target and RAG rating, variation and assurance, and comparators"
        in captions
    )
    for table in data_tables:
        first = table.rows[0]._tr
        assert first.trPr is not None
        assert first.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    scorecard = next(t for t in data_tables if t.rows[0].cells[0].text == "Measure")
    assert [c.text for c in scorecard.rows[0].cells][:3] == ["Measure", "Latest", "Target"]
    assert scorecard.rows[3].cells[1].text == "[c] (Oct 2026)"
    assert scorecard.rows[2].cells[6].text.startswith("England: 40.6 per 10,000")


def test_charts_are_pictures_with_their_description_and_a_table_of_figures() -> None:
    snapshot = snapshots.example("board_pack", charts=2)
    document = open_docx(docx(snapshot))
    charts = next(s for s in snapshot["sections"] if s["kind"] == "measure_charts")["data"][
        "charts"
    ]

    assert len(document.inline_shapes) == 2
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert descriptions == [c["alt_text"] for c in charts]  # type: ignore[index]
    blobs = [
        document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        for shape in document.inline_shapes
    ]
    assert all(blob.startswith(b"\x89PNG") for blob in blobs)
    figures = [t for t in document.tables if t.rows[0].cells[0].text == "Month"]
    assert len(figures) == 2
    assert [c.text for c in figures[0].rows[1].cells] == ["Oct 2025", "24.0%", "Usual"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert "M00 Re-referrals within 12 months (M00)" in headings


def read_workbook(workbook: bytes) -> CalamineWorkbook:
    return CalamineWorkbook.from_filelike(io.BytesIO(workbook))


def test_each_scorecard_is_a_sheet_with_withheld_cells_kept_as_text() -> None:
    snapshot = snapshots.example("board_pack")
    second = snapshots.section("scorecard", title="Scorecard: care leavers / adoption")
    snapshot["sections"].append(second)
    book = read_workbook(xlsx(snapshot))

    assert book.sheet_names == ["Scorecard", "Scorecard care leavers  adoptio"]
    rows = book.get_sheet_by_name("Scorecard").to_python()
    assert rows[0][0] == "Board pack, October 2026: Scorecard"
    assert rows[2][0] == "Small numbers:"
    assert rows[2][1] == snapshot["report"]["disclosure_note"]
    header = rows[4]
    assert header[:5] == ["Measure", "Title", "Unit", "Month", "Latest"]
    by_id = {row[0]: row for row in rows[5:]}
    assert by_id["FD03"][4] == "26%"
    assert by_id["CP05"][10] == "40.6 per 10,000"
    # the withheld count stays "[c]" (text, not a number or a blank) with its reason
    assert by_id["'=CL02"][4] == "[c]"
    assert by_id["'=CL02"][14] == "Fewer than 5 children: the count is withheld."
    # a cell a spreadsheet would run as a formula is neutralised
    assert "=CL02" not in by_id
    assert by_id["AD01"][4] == "Not covered"


def test_a_report_without_a_scorecard_says_so() -> None:
    book = read_workbook(xlsx(snapshots.example("chair_report")))
    rows = book.get_sheet_by_index(0).to_python()

    assert rows[1][0] == "This report has no scorecard."
