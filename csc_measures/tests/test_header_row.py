"""The header row is found, not assumed: title, blank and note rows above it are skipped, in
workbooks and CSV files, and rows keep the numbers they have in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from csc_measures import AnnexAError, load_annex_a
from csc_measures.schema import CONTACT_DATE, list_number_from_name
from csc_measures.templates import TEMPLATES
from csc_measures.tests.annex_builders import list_rows, write_csv_folder, write_sheets
from csc_measures.tests.helpers import AS_OF

Rows = list[list[str | None]]


def lists_under(above: Rows) -> dict[str, Rows]:
    """Every 2024 list with ``above`` over its headers; List 1's first date unreadable."""
    sheets: dict[str, Rows] = {}
    for listed in TEMPLATES["2024"].lists:
        headers: list[str | None] = [c.header for c in listed.columns]
        rows: Rows = [list(row) for row in list_rows(listed)]
        if listed.number == 1:
            rows[0][headers.index("Date of Contact")] = "31/02/2025"
        title = listed.title.partition(": ")[2]
        sheets[f"List {listed.number} - {title}"[:31]] = [
            *above,
            headers,
            *rows,
        ]
    return sheets


ABOVE: Rows = [
    ["List 1: Contacts"],
    [],
    ["Note: Child Unique ID is the case number", None, "Gender as recorded"],
    ["Run on 31/03/2025,\nby the performance team"],
]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_title_blank_and_note_rows_above_the_headers_are_skipped(tmp_path: Path, fmt: str) -> None:
    sheets = lists_under(ABOVE)
    if fmt == "csv":
        path = write_csv_folder(tmp_path / "lists", sheets)
    else:
        path = write_sheets(tmp_path / "annex.xlsx", sheets)
    annex = load_annex_a(path, as_of=AS_OF)
    (error,) = annex.issues  # every column found: nothing else to report
    # Rows keep their numbers in the file.
    # Headers in row 5 (title, blank, note, two-line note above): the bad date is in row 6.
    assert (error.list_no, error.row, error.column) == (1, 6, CONTACT_DATE)
    assert annex.table(1).get_column("_row").to_list() == [7]
    assert annex.table(2).get_column("_row").to_list() == [6, 7]


def test_a_sheet_without_known_headers_still_names_its_first_row(tmp_path: Path) -> None:
    sheets = lists_under([])
    sheets["List 3 - Referral"] = [["Referrals"], ["Unique reference", "When"], ["1", "2"]]
    with pytest.raises(AnnexAError) as caught:
        load_annex_a(write_sheets(tmp_path / "annex.xlsx", sheets), as_of=AS_OF)
    (problem,) = caught.value.problems
    assert problem.list_no == 3
    assert "required column not found" in problem.reason
    assert "'Referrals'" in problem.reason


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("List_1", 1),
        ("List 1", 1),
        ("List 1 - Contacts", 1),
        ("List 11 - Adopters", 11),
        ("Front_Sheet", None),
        ("FAQ_and_changes", None),
        ("Guidance", None),
        ("Codes_used", None),
    ],
)
def test_template_sheet_names(name: str, number: int | None) -> None:
    assert list_number_from_name(name) == number


def test_sheets_are_listed_from_the_workbook_index_as_calamine_lists_them(tmp_path) -> None:
    """The sheet names and sizes come from the workbook's own index (no extra open of the
    workbook); names with XML-escaped characters and openpyxl's layout read the same."""
    import fastexcel
    import openpyxl

    from csc_measures.ingest.readers import _workbook_sheets

    book = openpyxl.Workbook()
    book.active.title = "Notes & codes"
    for name in ("List 3 <referrals>", "List 1"):
        sheet = book.create_sheet(name)
        sheet.append(["Child Unique ID", "Gender"])
        for i in range(50 if name == "List 1" else 2):
            sheet.append([f"C{i}", "a) Male"])
    path = tmp_path / "openpyxl.xlsx"
    book.save(path)
    listed = _workbook_sheets(path)
    assert listed is not None
    assert [name for name, _ in listed] == fastexcel.read_excel(path).sheet_names
    sizes = dict(listed)
    assert sizes["List 1"] > sizes["List 3 <referrals>"] > 0
    assert _workbook_sheets(tmp_path / "missing.xlsx") is None
    (tmp_path / "not.xlsx").write_bytes(b"not a zip")
    assert _workbook_sheets(tmp_path / "not.xlsx") is None
