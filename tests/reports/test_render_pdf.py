"""The report as a tagged PDF/UA-1: its text, its structure tree, and table rows never split.

The text is read with pypdf (poppler's pdftotext is not on every machine); the tags are read
from the PDF's structure tree."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject

from sightline.kernel.pdf import html_to_pdf
from sightline.reports.render import pdf
from sightline.reports.snapshot import Section

from . import snapshots

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free


def structure(document: bytes) -> tuple[Counter[str], list[str], list[str]]:
    """Tag counts, the headings' tags in reading order, and the figures' alternative texts."""
    reader = pypdf.PdfReader(io.BytesIO(document))
    root = reader.trailer["/Root"]
    counts: Counter[str] = Counter()
    headings: list[str] = []
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            return
        tag = node.get("/S")
        if tag is not None:
            counts[str(tag)] += 1
            if str(tag) in ("/H1", "/H2", "/H3"):
                headings.append(str(tag))
            if str(tag) == "/Figure":
                alts.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        if kids is None:
            return
        kids = kids.get_object()
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            walk(kid)

    assert "/StructTreeRoot" in root
    walk(root["/StructTreeRoot"])
    return counts, headings, alts


def pages_text(document: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(document))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.parametrize("report_type", list(snapshots.TYPE_SECTIONS))
def test_every_report_type_is_a_tagged_pdf_ua(report_type: str) -> None:
    snapshot = snapshots.example(report_type)  # type: ignore[arg-type]
    document = pdf(snapshot)
    reader = pypdf.PdfReader(io.BytesIO(document))
    root = reader.trailer["/Root"]

    assert document.startswith(b"%PDF-")
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert reader.metadata.title == snapshot["report"]["title"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp
    counts, headings, _ = structure(document)
    # one H1 (the title), then an H2 for the contents and for every section
    assert headings[0] == "/H1"
    assert headings.count("/H1") == 1
    assert headings.count("/H2") == len(snapshot["sections"]) + 1
    assert counts["/Table"] >= 1
    assert counts["/TH"] >= 1
    assert counts["/TR"] >= 2
    assert counts["/TOC"] >= 1
    text = " ".join(pages_text(document))
    assert snapshot["report"]["title"] in text
    for section in snapshot["sections"]:
        assert section["title"] in text
    assert "**" not in text
    assert "`" not in text


def test_charts_are_figures_with_their_text_alternative_and_pages_are_numbered() -> None:
    snapshot = snapshots.example("board_pack", charts=3)
    document = pdf(snapshot)
    counts, headings, alts = structure(document)
    charts = next(s for s in snapshot["sections"] if s["kind"] == "measure_charts")["data"][
        "charts"
    ]

    assert counts["/Figure"] == 3
    assert alts == [c["alt_text"] for c in charts]  # type: ignore[index]
    assert headings.count("/H3") >= 3
    text = pages_text(document)
    total = len(text)
    assert all(f"Page {n} of {total}" in page for n, page in enumerate(text, start=1))
    # the contents give each section's page
    assert "Contents" in text[0]
    assert "Measures in detail" in text[0]
    joined = " ".join(text)
    assert "Re-referrals (% of referrals)" in joined  # the axis title
    assert "Upper process limit: 33.8%" in joined


def test_no_table_row_is_split_across_pages_and_the_header_row_repeats() -> None:
    long = "The mitigation is described at length so that this row is tall. " * 6
    rows = [[f"Risk {n} starts", "High", f"{long} Row {n} ends."] for n in range(1, 31)]
    section = Section(
        kind="risks",
        title="Risks",
        narrative="",
        data={"caption": "Risks", "header": ["Risk", "Rating", "Mitigation"], "rows": rows},
    )
    snapshot = snapshots.example("custom")
    snapshot["sections"] = [section]
    text = pages_text(pdf(snapshot))

    table_pages = [page for page in text if "starts" in page]
    assert len(table_pages) >= 3
    for n in range(1, 31):
        starts = [i for i, page in enumerate(text) if f"Risk {n} starts" in page]
        ends = [i for i, page in enumerate(text) if f"Row {n} ends." in page]
        assert starts == ends, f"row {n} split across pages {starts} and {ends}"
    # the header row is on every page the table runs over
    assert all("Risk Rating Mitigation" in page for page in table_pages)


def test_the_kernel_writes_a_weasyprint_pdf_ua_when_asked() -> None:
    page = (
        "<!DOCTYPE html><html lang='en'><head><title>T</title></head><body><h1>T</h1></body></html>"
    )
    tagged = html_to_pdf(page, variant="pdf/ua-1")
    untagged = html_to_pdf(page)

    assert "/StructTreeRoot" in pypdf.PdfReader(io.BytesIO(tagged)).trailer["/Root"]
    assert "/StructTreeRoot" not in pypdf.PdfReader(io.BytesIO(untagged)).trailer["/Root"]
    # a URL in the page is refused before any network access; the PDF is made without it
    with_image = html_to_pdf(page.replace("<h1>", "<img src='http://example.invalid/x.png'><h1>"))
    assert with_image.startswith(b"%PDF-")
    assert b"/Subtype /Image" not in with_image


def test_the_print_html_pages_itself_in_weasyprint() -> None:
    """The HTML's own print layout (for a browser or WeasyPrint): contents with page numbers,
    page numbers in the footer, the council and the title at the top of later pages."""
    from sightline.reports.render import html

    document = html_to_pdf(html(snapshots.example("dfe_highlight"), for_print=True))
    text = pages_text(document)

    assert "Contents Headline messages for the Minister ..." in text[0]
    assert all(f"Page {n} of {len(text)}" in page for n, page in enumerate(text, start=1))
    assert "Northshire County Council DfE adviser's highlight report, October 2026" in text[-1]
    assert "http" not in " ".join(text)
