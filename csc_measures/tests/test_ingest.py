"""Reading Annex A workbooks and CSV folders: headers, prefixes, dates, issues, fatal errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from csc_measures import AnnexAError, Severity, load_annex_a
from csc_measures.schema import (
    CL_PATHWAY_REVIEW,
    CL_PERSONAL_ADVISER,
    LISTS,
    REQUIRED_LISTS,
    list_number_from_name,
)
from csc_measures.tests.helpers import AS_OF, annex

Cell = str | dt.date | int | float | None


def minimal_headers(n: int) -> list[str]:
    spec = LISTS[n]
    return [c.name for c in spec.columns if not c.optional]


def write_workbook(
    path: Path,
    sheets: Mapping[str, tuple[Sequence[str], Sequence[Sequence[Cell]]]],
) -> Path:
    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, (headers, rows) in sheets.items():
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, list(headers))
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return path


def all_lists(
    sheet_name: str = "List {n}",
) -> dict[str, tuple[Sequence[str], Sequence[Sequence[Cell]]]]:
    return {sheet_name.format(n=n): (minimal_headers(n), []) for n in range(1, 12)}


def write_csv_folder(folder: Path, files: Mapping[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def empty_csvs(skip: Sequence[int] = ()) -> dict[str, str]:
    return {
        f"list_{n}.csv": ",".join(minimal_headers(n)) + "\n" for n in range(1, 12) if n not in skip
    }


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("List 1", 1),
        ("List_1", 1),
        ("list1", 1),
        ("LIST 01", 1),
        ("List 3 - referrals", 3),
        ("list_10", 10),
        ("Contacts", 1),
        ("Early help", 2),
        ("Referrals", 3),
        ("Assessments", 4),
        ("Sec47 and ICPC", 5),
        ("Children in Need", 6),
        ("Child Protection Plans", 7),
        ("Children Looked After", 8),
        ("Care Leavers", 9),
        ("Adoption", 10),
        ("Adopters", 11),
        ("Notes", None),
        ("List 12", None),
    ],
)
def test_list_number_from_sheet_or_file_name(name: str, number: int | None) -> None:
    assert list_number_from_name(name) == number


def test_workbook_headers_prefixes_nbsp_and_dates(tmp_path: Path) -> None:
    sheets = all_lists()
    headers = [
        " child\u00a0unique  ID ",
        "DATE OF REFERRAL",
        "referral nfa",
        "Referral Source",
        "Allocated Team",
    ]
    sheets["List 3"] = (
        headers,
        [
            ["C1", dt.date(2025, 1, 6), "a) Yes", "q) 6: Police", " Team\u00a0A "],
            ["C2", "07/01/2025", "b) no", "a) 1A: Self", None],
            ["C3", "2025-01-08", "N", None, "Team A"],
            ["C4", "8/1/2025", "Maybe", None, "Team B"],
        ],
    )
    result = load_annex_a(write_workbook(tmp_path / "annex.xlsx", sheets), as_of=AS_OF)
    table = result.table(3).sort("Child Unique ID")
    assert table.get_column("Date of Referral").to_list() == [
        dt.date(2025, 1, 6),
        dt.date(2025, 1, 7),
        dt.date(2025, 1, 8),
        dt.date(2025, 1, 8),
    ]
    assert table.get_column("Referral NFA?").to_list() == [True, False, False, None]
    assert table.get_column("Referral Source").to_list() == ["6: Police", "1A: Self", None, None]
    assert table.get_column("Allocated Team").to_list() == ["Team A", None, "Team A", "Team B"]
    assert table.get_column("_row").to_list() == [2, 3, 4, 5]
    unknown = [i for i in result.issues if i.column == "Referral NFA?"]
    assert [(i.list_no, i.row, i.value, i.severity) for i in unknown] == [
        (3, 5, "Maybe", Severity.WARNING)
    ]


def test_workbook_with_named_sheets_and_extra_sheets(tmp_path: Path) -> None:
    names = {
        1: "Contacts",
        2: "Early Help",
        3: "Referrals",
        4: "Assessments",
        5: "Sec47 and ICPC",
        6: "Children in Need",
        7: "Child Protection",
        8: "Children Looked After",
        9: "Care Leavers",
    }
    sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[Cell]]]] = {
        name: (minimal_headers(n), []) for n, name in names.items()
    }
    sheets["Guidance"] = (["Notes"], [["not a list"]])
    loaded = load_annex_a(write_workbook(tmp_path / "a.xlsx", sheets), as_of=AS_OF)
    assert sorted(loaded.lists) == list(range(1, 10))
    assert loaded.sources[8] == "Children Looked After"


def test_missing_list_is_fatal_and_names_every_missing_list(tmp_path: Path) -> None:
    sheets = all_lists()
    del sheets["List 4"], sheets["List 7"]
    with pytest.raises(AnnexAError) as caught:
        load_annex_a(write_workbook(tmp_path / "a.xlsx", sheets), as_of=AS_OF)
    assert [p.list_no for p in caught.value.problems] == [4, 7]
    assert all("list missing" in p.reason for p in caught.value.problems)


def test_every_fatal_problem_is_named_in_one_run(tmp_path: Path) -> None:
    files = empty_csvs(skip=(5,))
    files["list_2.csv"] = "Child Unique ID,Assessment start date\nA,01/01/2025,extra\n"  # ragged
    files["list_7.csv"] = "Plan,Start\n"  # no Child Unique ID
    with pytest.raises(AnnexAError) as caught:
        load_annex_a(write_csv_folder(tmp_path / "csv", files), as_of=AS_OF)
    found = sorted((p.list_no, p.reason.split(":")[0]) for p in caught.value.problems)
    assert found == [
        (2, "unreadable CSV file"),
        (5, "list missing (Section 47 enquiries and ICPCs); found"),
        (7, "required column not found in list_7.csv; headers are"),
    ]


def test_lists_10_and_11_are_optional(tmp_path: Path) -> None:
    sheets = all_lists()
    del sheets["List 10"], sheets["List 11"]
    loaded = load_annex_a(write_workbook(tmp_path / "a.xlsx", sheets), as_of=AS_OF)
    assert not loaded.has_list(10)


def test_unreadable_workbook_is_fatal(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(AnnexAError) as caught:
        load_annex_a(path, as_of=AS_OF)
    assert "unreadable workbook" in caught.value.problems[0].reason


def test_missing_path_and_wrong_kind_are_fatal(tmp_path: Path) -> None:
    with pytest.raises(AnnexAError, match="not found"):
        load_annex_a(tmp_path / "nope.xlsx", as_of=AS_OF)
    text = tmp_path / "annex.txt"
    text.write_text("hello")
    with pytest.raises(AnnexAError, match="not an Annex A"):
        load_annex_a(text, as_of=AS_OF)


def test_two_sheets_for_one_list_is_fatal(tmp_path: Path) -> None:
    sheets = all_lists()
    sheets["Contacts"] = (minimal_headers(1), [])
    with pytest.raises(AnnexAError, match="more than one sheet"):
        load_annex_a(write_workbook(tmp_path / "a.xlsx", sheets), as_of=AS_OF)


def test_list_without_child_id_column_is_fatal(tmp_path: Path) -> None:
    sheets = all_lists()
    sheets["List 2"] = (["Assessment start date"], [["01/01/2025"]])
    with pytest.raises(AnnexAError) as caught:
        load_annex_a(write_workbook(tmp_path / "a.xlsx", sheets), as_of=AS_OF)
    problem = caught.value.problems[0]
    assert (problem.list_no, problem.column) == (2, "Child Unique ID")


def test_csv_folder_with_varied_file_names(tmp_path: Path) -> None:
    files = empty_csvs(skip=(1, 3))
    files["List 1 - contacts.csv"] = (
        "Child Unique ID,Date of Contact,Contact Source\n"
        "C1,31/12/2024,a) 6: Police\n"
        "C2,2025-01-02,\n"
    )
    files["List3.CSV"] = "Child Unique ID,Date of Referral\nC1,02/01/2025\n"
    files["README.txt"] = "ignored"
    loaded = load_annex_a(write_csv_folder(tmp_path / "csv", files), as_of=AS_OF)
    assert loaded.table(1).get_column("Date of Contact").to_list() == [
        dt.date(2024, 12, 31),
        dt.date(2025, 1, 2),
    ]
    assert loaded.sources[1] == "List 1 - contacts.csv"
    assert loaded.table(3).height == 1


def test_csv_in_windows_encoding_with_nbsp(tmp_path: Path) -> None:
    files = empty_csvs(skip=(1,))
    folder = write_csv_folder(tmp_path / "csv", files)
    (folder / "list_1.csv").write_bytes(
        "Child\xa0Unique ID,Date of Contact,Contact Source\nC1,01/02/2025,Caf\xe9\xa0\n".encode(
            "cp1252"
        )
    )
    loaded = load_annex_a(folder, as_of=AS_OF)
    assert loaded.table(1).get_column("Contact Source").to_list() == ["Café"]


def test_single_csv_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list_1.csv"
    path.write_text("Child Unique ID\n")
    with pytest.raises(AnnexAError, match="folder"):
        load_annex_a(path, as_of=AS_OF)


def test_row_issues_name_list_row_column_and_value() -> None:
    loaded = annex(
        {
            7: {
                "Child Unique ID": ["A", "B", "C", "D", "E", "A", " "],
                "Child Protection Plan Start Date": [
                    "01/02/2025",
                    "31/02/2025",  # impossible date: row rejected
                    "",  # required date blank: row rejected
                    "01/01/2025",
                    "05/01/2025",
                    "01/02/2025",  # duplicate of row 2
                    "01/01/2025",  # blank ID: rejected
                ],
                "Child Protection Plan End Date": ["", "", "", "31/12/2024", "01/05/2025", "", ""],
                "Date of the Last Statutory Visit": ["TBC", "", "", "", "", "TBC", ""],
                "Number of Previous Child Protection Plans": [
                    "0",
                    "1",
                    "1",
                    "two",
                    "1.0",
                    "0",
                    "0",
                ],
            }
        }
    )
    table = loaded.table(7)
    assert table.get_column("Child Unique ID").to_list() == ["A", "D", "E"]
    assert table.get_column("Number of Previous Child Protection Plans").to_list() == [0, None, 1]
    found = {(i.row, i.column, i.value, i.severity) for i in loaded.issues if i.row and i.row > 1}
    assert found == {
        (2, "Date of the Last Statutory Visit", "TBC", Severity.ERROR),
        (3, "Child Protection Plan Start Date", "31/02/2025", Severity.ERROR),
        (4, "Child Protection Plan Start Date", None, Severity.ERROR),
        (5, "Number of Previous Child Protection Plans", "two", Severity.WARNING),
        (5, "Child Protection Plan End Date", "31/12/2024", Severity.ERROR),  # end before start
        (6, "Child Protection Plan End Date", "01/05/2025", Severity.ERROR),  # after as-of
        (7, None, None, Severity.WARNING),  # duplicate of row 2
        (8, "Child Unique ID", None, Severity.ERROR),
    }
    duplicate = next(i for i in loaded.issues if i.row == 7)
    assert "duplicate of row 2" in duplicate.reason
    assert all(i.list_no == 7 for i in loaded.issues)


def test_two_digit_years_are_not_guessed() -> None:
    loaded = annex({1: {"Child Unique ID": ["A"], "Date of Contact": ["01/02/25"]}})
    assert loaded.table(1).height == 0
    assert [i.value for i in loaded.errors] == ["01/02/25"]


def test_unborn_child_date_of_birth_is_a_warning() -> None:
    loaded = annex(
        {
            1: {
                "Child Unique ID": ["A"],
                "Date of Contact": ["01/03/2025"],
                "Date of Birth": ["01/06/2025"],
            }
        }
    )
    assert loaded.table(1).height == 1
    assert [(i.column, i.severity) for i in loaded.issues if i.row and i.row > 1] == [
        ("Date of Birth", Severity.WARNING)
    ]


def test_old_list_9_layout_loads_without_the_2024_columns(tmp_path: Path) -> None:
    sheets = all_lists()
    old = [
        h
        for h in minimal_headers(9)
        if h not in {CL_PERSONAL_ADVISER, CL_PATHWAY_REVIEW, "Latest Date of Contact"}
    ]
    sheets["List 9"] = (old, [["C1"] + [None] * (len(old) - 1)])
    loaded = load_annex_a(write_workbook(tmp_path / "a.xlsx", sheets), as_of=AS_OF)
    assert not loaded.has_column(9, CL_PERSONAL_ADVISER)
    missing = {i.column for i in loaded.warnings if i.list_no == 9 and "not present" in i.reason}
    assert missing == {CL_PERSONAL_ADVISER, CL_PATHWAY_REVIEW, "Latest Date of Contact"}
    assert not loaded.errors


def test_period_start_after_as_of_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AnnexAError, match="period start"):
        load_annex_a(tmp_path, as_of=AS_OF, period_start=dt.date(2025, 4, 1))


def test_as_of_outside_the_working_day_calendar_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AnnexAError, match="calendar"):
        load_annex_a(tmp_path, as_of=dt.date(2075, 1, 1))


def test_typed_columns_keep_their_types_when_empty(tmp_path: Path) -> None:
    loaded = load_annex_a(write_workbook(tmp_path / "a.xlsx", all_lists()), as_of=AS_OF)
    schema = loaded.table(8).schema
    assert schema["Date Started to be Looked After"] == pl.Date
    assert schema["Number of Placements in the Last 12 months"] == pl.Int64
    assert (
        schema["Was the Child Offered a Return Interview after the Last Missing Episode?"]
        == pl.Boolean
    )
    assert set(REQUIRED_LISTS) <= set(loaded.lists)


def test_spreadsheet_date_serial_numbers_are_dates(tmp_path: Path) -> None:
    sheets = all_lists()
    sheets["List 1"] = (["Child Unique ID", "Date of Contact"], [["C1", 45658]])  # 2025-01-01
    loaded = load_annex_a(write_workbook(tmp_path / "a.xlsx", sheets), as_of=AS_OF)
    assert loaded.table(1).get_column("Date of Contact").to_list() == [dt.date(2025, 1, 1)]


def test_duplicates_are_compared_after_trimming() -> None:
    loaded = annex(
        {
            1: {
                "Child Unique ID": ["A", " A ", "A\u00a0"],
                "Date of Contact": ["01/02/2025", "01/02/2025 ", "01/02/2025"],
                "Contact Source": ["a) Police", "a) Police", "b) Police"],
            }
        }
    )
    assert loaded.table(1).get_column("_row").to_list() == [2, 4]
    (duplicate,) = [i for i in loaded.issues if "duplicate" in i.reason]
    assert (duplicate.row, duplicate.reason) == (3, "exact duplicate of row 2: dropped")


def test_header_aliases_and_spreadsheet_date_times(tmp_path: Path) -> None:
    sheets = all_lists()
    headers = [*minimal_headers(9)]
    headers[headers.index("Allocated Personal Advisor")] = "Allocated Personal Adviser"
    row: list[Cell] = [None] * len(headers)
    row[0] = "C1"
    row[headers.index("Latest Pathway Plan Review Date")] = "2025-01-31 14:30:00"
    row[headers.index("Allocated Personal Adviser")] = "PA One"
    sheets["List 9"] = (headers, [row])
    loaded = load_annex_a(write_workbook(tmp_path / "a.xlsx", sheets), as_of=AS_OF)
    table = loaded.table(9)
    assert table.get_column("Allocated Personal Advisor").to_list() == ["PA One"]
    assert table.get_column("Latest Pathway Plan Review Date").to_list() == [dt.date(2025, 1, 31)]


def test_utf8_csv_with_nbsp_inside_a_cell_is_cleaned_and_plain_files_still_trimmed(
    tmp_path: Path,
) -> None:
    # The NBSP search is skipped for files that hold none; a file that holds one is searched.
    files = empty_csvs(skip=(1, 3))
    folder = write_csv_folder(tmp_path / "csv", files)
    (folder / "list_1.csv").write_text(
        "Child Unique ID,Date of Contact,Contact Source,Allocated Team\n"
        "C1,01/02/2025,q)\u00a06: Police,North\u00a0Team\u00a0\n",
        encoding="utf-8",
    )
    (folder / "list_3.csv").write_text(
        "Child Unique ID,Date of Referral,Allocated Team\n C2 ,03/02/2025,  South Team \n",
        encoding="utf-8",
    )
    loaded = load_annex_a(folder, as_of=AS_OF)
    contacts = loaded.table(1)
    assert contacts.get_column("Allocated Team").to_list() == ["North Team"]
    assert contacts.get_column("Contact Source").to_list() == ["6: Police"]
    referrals = loaded.table(3)
    assert referrals.get_column("Child Unique ID").to_list() == ["C2"]
    assert referrals.get_column("Allocated Team").to_list() == ["South Team"]


def test_problems_of_sheets_read_side_by_side_come_in_list_order(tmp_path: Path) -> None:
    # Sheets are read in threads, largest first; the problems are still reported by list.
    files = empty_csvs(skip=(2, 5))
    files["list_2.csv"] = "Not the ID,Date of Referral\nX,01/01/2025\n"
    files["list_5.csv"] = "Something else\nY\n"
    folder = write_csv_folder(tmp_path / "csv", files)
    with pytest.raises(AnnexAError) as caught:
        load_annex_a(folder, as_of=AS_OF)
    problems = caught.value.problems
    assert [p.list_no for p in problems] == [2, 5]
    assert [p.column for p in problems] == [LISTS[2].id_column, LISTS[5].id_column]
