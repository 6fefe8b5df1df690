"""Small Annex A workbooks and CSV folders laid out as Ofsted's templates: as shipped (title row
above the headers, guidance and cover sheets beside the lists) or as councils save them
(headers in row 1, sometimes respelt)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import xlsxwriter

from csc_measures.schema import ColType
from csc_measures.templates import TEMPLATES, Template, TemplateColumn, TemplateList

Header = Callable[[str], str]
Row = list[str | None]


def same(header: str) -> str:
    return header


def respelt(header: str) -> str:
    """A header as a council's export may write it: upper case, straight quotes turned curly
    and curly ones straight, doubled and non-breaking spaces, no ``(Y/N)``, no final ``?``."""
    text = header.upper().replace("’", "'").replace("‘", "'")
    text = text.replace("CHILD'S", "CHILD’S").replace("(Y/N)", "").rstrip(" ?")
    return text.replace(" OF ", "  OF\u00a0")


def cell_for(column: TemplateColumn, row: int) -> str:
    """A valid value of the column (row 0, 1, … vary the identifier)."""
    if column.type is ColType.ID:
        return f"C{row + 1}"
    if column.type is ColType.DATE:
        return "01/02/2025"
    if column.type is ColType.INT:
        return "1"
    if column.codes:
        return column.codes[0]
    return "Team A"


def list_rows(listed: TemplateList, rows: int = 2) -> list[Row]:
    return [[cell_for(c, r) for c in listed.columns] for r in range(rows)]


def _above(listed: TemplateList, *, shipped: bool) -> list[Row]:
    if not shipped:
        return []
    return [[listed.title], [], ["Please see the Guidance sheet for the codes to use."]]


def template_sheets(
    template: Template, *, shipped: bool, header: Header = same
) -> dict[str, list[Row]]:
    """Sheet name → rows (title, blank and note rows above the headers when shipped)."""
    sheets: dict[str, list[Row]] = {}
    if shipped:
        sheets["Front_Sheet"] = [["Annex A - Child level data"], ["Lists 1 - 11"]]
        sheets["FAQ_and_changes"] = [["List", "Date", "Question", "Response"]]
        sheets["Guidance"] = [
            ["List Number/Title", "Field Heading", "Detailed Guidance"],
            *([listed.title, c.header, "…"] for listed in template.lists for c in listed.columns),
        ]
        sheets["Codes_used"] = [[c.header for c in template.by_number[6].columns]]
    for listed in template.lists:
        name = listed.sheet if shipped else f"List {listed.number}"
        headers: Row = [header(c.header) for c in listed.columns]
        sheets[name] = [*_above(listed, shipped=shipped), headers, *list_rows(listed)]
    return sheets


def write_sheets(path: Path, sheets: Mapping[str, Sequence[Sequence[str | None]]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write_string(r, c, value)
    book.close()
    return path


def csv_text(rows: Sequence[Sequence[str | None]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    width = max(len(row) for row in rows)
    for row in rows:  # Excel pads every row to the width of the sheet
        writer.writerow([*("" if v is None else v for v in row), *[""] * (width - len(row))])
    return out.getvalue()


def write_csv_folder(folder: Path, sheets: Mapping[str, Sequence[Sequence[str | None]]]) -> Path:
    folder.mkdir()
    for name, rows in sheets.items():
        (folder / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    return folder


def write_template(
    tmp: Path, year: str, *, shipped: bool, fmt: str = "xlsx", header: Header = same
) -> Path:
    sheets = template_sheets(TEMPLATES[year], shipped=shipped, header=header)
    name = f"annex-a-{year}-{'shipped' if shipped else 'saved'}"
    if fmt == "csv":
        return write_csv_folder(tmp / name, sheets)
    return write_sheets(tmp / f"{name}.xlsx", sheets)
