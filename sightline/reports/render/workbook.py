"""A report's scorecards as an Excel workbook: one sheet per scorecard section.

Every cell is text as the snapshot formats it ("26%", "41.2 per 10,000", "[c]", "Not
covered"), so a withheld count stays "[c]" and is never read as a number; text a spreadsheet
would run as a formula is neutralised by the kernel's rule. Each sheet says, above the
table, which small-number rule was applied."""

from __future__ import annotations

import io
import re

import xlsxwriter

from sightline.kernel.exports import neutralise
from sightline.reports.snapshot import ScorecardRow, Snapshot

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("measure_id", "Measure", 10),
    ("title", "Title", 40),
    ("unit_label", "Unit", 22),
    ("period_label", "Month", 10),
    ("latest", "Latest", 16),
    ("target", "Target", 16),
    ("rag_label", "RAG rating", 22),
    ("variation_label", "Variation", 30),
    ("assurance_label", "Assurance", 28),
    ("change", "Change", 34),
    ("england", "England", 16),
    ("region", "Region", 16),
    ("neighbours", "Statistical neighbours", 16),
    ("reading", "Reading", 50),
    ("withheld_rule", "Why withheld", 40),
)


def _sheet_name(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", "", title).strip()[:31] or "Scorecard"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def xlsx(snapshot: Snapshot) -> bytes:
    """The scorecards of the report as an .xlsx workbook."""
    report = snapshot["report"]
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties({"title": report["title"], "author": report["authority"]["name"]})
    bold = book.add_format({"bold": True})
    title_format = book.add_format({"bold": True, "font_size": 14})
    header = book.add_format({"bold": True, "bottom": 2, "text_wrap": True, "valign": "top"})
    cell = book.add_format({"text_wrap": True, "valign": "top", "num_format": "@"})
    scorecards = [s for s in snapshot["sections"] if s["kind"] == "scorecard"]
    used: set[str] = set()
    if not scorecards:
        sheet = book.add_worksheet("Scorecard")
        sheet.write_string(0, 0, neutralise(report["title"]), title_format)
        sheet.write_string(1, 0, "This report has no scorecard.")
    for section in scorecards:
        sheet = book.add_worksheet(_sheet_name(section["title"], used))
        sheet.write_string(0, 0, neutralise(f"{report['title']}: {section['title']}"), title_format)
        sheet.write_string(
            1, 0, neutralise(f"{report['authority']['name']}. Period: {report['period_label']}.")
        )
        note = report["disclosure_note"] or "No figure in this scorecard is withheld."
        sheet.write_string(2, 0, "Small numbers:", bold)
        sheet.write_string(2, 1, neutralise(note))
        first = 4
        for column, (_, heading, width) in enumerate(COLUMNS):
            sheet.write_string(first, column, heading, header)
            sheet.set_column(column, column, width)
        rows: list[ScorecardRow] = section["data"].get("rows", [])  # type: ignore[assignment]
        for offset, row in enumerate(rows, start=1):
            for column, (key, _, _) in enumerate(COLUMNS):
                value = str(row.get(key, ""))
                sheet.write_string(first + offset, column, neutralise(value), cell)
        sheet.freeze_panes(first + 1, 2)
        if rows:
            sheet.autofilter(first, 0, first + len(rows), len(COLUMNS) - 1)
    book.close()
    return output.getvalue()
