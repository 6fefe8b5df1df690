"""Uploaded spreadsheets are opened safely (sightline/kernel/uploads.py).

Bombs are made here, small: a few hundred kB of zip holding tens of MB of repetitive XML.
"""

from __future__ import annotations

import codecs
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import xlsxwriter

from sightline.kernel.uploads import (
    UploadError,
    check_workbook,
    column_letter,
    decode_text,
    extract_csv_zip,
    read_table,
)

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free

_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Staff")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return path


def _replace_sheet(source: Path, target: Path, sheet_xml: Iterable[bytes]) -> Path:
    """A copy of a real workbook whose first sheet's XML is ``sheet_xml`` (chunks, streamed)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with new.open(info.filename, "w", force_zip64=True) as handle:
                    for chunk in sheet_xml:
                        handle.write(chunk)
            else:
                new.writestr(info, old.read(info))
    return target


def _rows_xml(count: int, padding: int = 0) -> Iterator[bytes]:
    yield _SHEET_HEAD
    cell = b'<c t="inlineStr"><is><t>' + b"x" * padding + b"</t></is></c>"
    for number in range(1, count + 1):
        yield b'<row r="%d">' % number + cell + b"</row>"
    yield _SHEET_TAIL


def test_a_workbook_that_unpacks_to_far_more_than_its_size_is_refused_while_unpacking(
    tmp_path: Path,
) -> None:
    good = _workbook(tmp_path / "good.xlsx", [["Name"], ["Ann"]])
    # 60 MB of sheet XML (the finding's file held 322 MB) in a few hundred kB.
    bomb = _replace_sheet(good, tmp_path / "stored-uuid.xlsx", _rows_xml(2000, padding=30_000))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(UploadError) as caught:
        read_table(bomb, file="staff list.xlsx", max_decompressed=20 * 1024 * 1024)
    message = str(caught.value)
    assert message.startswith("staff list.xlsx: it unpacks to more than 20 MB")
    assert "stored-uuid" not in message
    assert str(tmp_path) not in message


def test_the_row_limit_is_checked_while_reading_the_sheet(tmp_path: Path) -> None:
    good = _workbook(tmp_path / "good.xlsx", [["Name"], ["Ann"]])
    many = _replace_sheet(good, tmp_path / "many.xlsx", _rows_xml(30_000))
    with pytest.raises(
        UploadError, match=r"^many rows\.xlsx: the sheet has more than 20,000 rows below"
    ):
        read_table(many, file="many rows.xlsx", max_rows=20_000)


def test_a_zip_whose_declared_sizes_lie_is_measured_by_what_it_really_holds(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.zip"
    with (
        zipfile.ZipFile(real, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("list1.csv", "w") as handle,
    ):
        for _ in range(400):
            handle.write(b"a" * 100_000)  # 40 MB
    # Rewrite the declared uncompressed size to 1,000 bytes in both headers.
    data = bytearray(real.read_bytes())
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, 1000)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1000)
    liar = tmp_path / "liar.zip"
    liar.write_bytes(bytes(data))
    with zipfile.ZipFile(liar) as archive:
        assert sum(m.file_size for m in archive.infolist()) == 1000  # the old check passed this
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UploadError) as caught:
        extract_csv_zip(liar, out, file="annex.zip", max_decompressed=10 * 1024 * 1024)
    assert str(caught.value).startswith("annex.zip: ")
    assert sum(p.stat().st_size for p in out.iterdir()) <= 10 * 1024 * 1024 + 65536


def test_a_zip_that_really_unpacks_past_the_limit_is_stopped(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            with archive.open(f"list{n}.csv", "w") as handle:
                for _ in range(100):
                    handle.write(b"0" * 100_000)  # 10 MB each
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UploadError, match=r"^annex\.zip: it unpacks to more than 25 MB"):
        extract_csv_zip(bomb, out, file="annex.zip", max_decompressed=25 * 1024 * 1024)


def test_a_document_type_declaration_is_refused_before_the_parser_sees_it(tmp_path: Path) -> None:
    good = _workbook(tmp_path / "good.xlsx", [["Name"], ["Ann"]])
    dtd = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        b'"&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    bad = _replace_sheet(good, tmp_path / "x.xlsx", iter([dtd]))
    with pytest.raises(UploadError, match=r"^plan\.xlsx: part 'xl/worksheets/sheet1.xml' declares"):
        read_table(bad, file="plan.xlsx")


def test_corrupt_sheet_xml_is_reported_with_the_uploaded_name_not_the_server_path(
    tmp_path: Path,
) -> None:
    good = _workbook(tmp_path / "good.xlsx", [["Name"], ["Ann"]])
    broken = _replace_sheet(
        good, tmp_path / "0b7c-uuid.xlsx", iter([_SHEET_HEAD + b"<row r='1'><c><v>1</c></row>"])
    )
    with pytest.raises(UploadError) as caught:
        read_table(broken, file="plan.xlsx")
    message = str(caught.value)
    assert message.startswith("plan.xlsx, sheet 'Staff': the workbook cannot be read")
    assert "0b7c-uuid" not in message
    assert str(tmp_path) not in message


def test_a_file_that_is_not_a_zip_at_all(tmp_path: Path) -> None:
    fake = tmp_path / "a.xlsx"
    fake.write_bytes(b"Name,Team\nAnn,North\n")
    with pytest.raises(
        UploadError, match=r"^hr\.xlsx: this is not a readable Excel workbook \(\.xlsx\)"
    ):
        read_table(fake, file="hr.xlsx")
    truncated = tmp_path / "t.xlsx"
    truncated.write_bytes(_workbook(tmp_path / "g.xlsx", [["A"], [1]]).read_bytes()[:-200])
    with pytest.raises(UploadError, match=r"^hr\.xlsx: "):
        read_table(truncated, file="hr.xlsx")


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Name,Team\nZoë,North\n".encode(), "UTF-8"),
        (codecs.BOM_UTF8 + "Name,Team\nZoë,North\n".encode(), "UTF-8"),
        ("Name,Team\nZoë,North\n".encode("utf-16"), "UTF-16"),
        ("Name,Team\nZoë,North\n".encode("cp1252"), "Windows-1252"),
    ],
)
def test_csv_encodings_are_detected(tmp_path: Path, raw: bytes, encoding: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(raw)
    table = read_table(path, file="hr.csv")
    assert table.encoding == encoding
    assert table.headers == ["Name", "Team"]
    assert table.rows == [["Zoë", "North"]]


def test_an_unreadable_encoding_is_named_with_its_row(tmp_path: Path) -> None:
    with pytest.raises(UploadError, match=r"^hr\.csv, row 3: byte 0x81 cannot be read as text"):
        decode_text(b"Name\nAnn\nZo\x81\n", file="hr.csv")
    with pytest.raises(UploadError, match=r"UTF-16 text without a byte order mark"):
        decode_text("Name,Team\nAnn,North\n".encode("utf-16-le"), file="hr.csv")


def test_duplicate_headings_are_refused_naming_both_columns(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "d.xlsx", [["Ref", "Team", "Name", "team "], ["1", "A", "B", "C"]])
    with pytest.raises(
        UploadError,
        match=r"^hr\.xlsx, sheet 'Staff', row 1, column D: columns B and D are both called 'team'",
    ):
        read_table(path, file="hr.xlsx")
    csv_path = tmp_path / "d.csv"
    csv_path.write_bytes(b"Ref,Name,Ref\n1,2,3\n")
    with pytest.raises(UploadError, match=r"columns A and C are both called 'Ref'"):
        read_table(csv_path, file="hr.csv")


def test_a_csv_row_limit_and_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"Name\n" + b"Ann\n" * 30)
    with pytest.raises(UploadError, match=r"more than 20 rows"):
        read_table(path, file="hr.csv", max_rows=20)
    path.write_bytes(b'Name,Team\nAnn,North\n"Bo"b,South\n')
    with pytest.raises(UploadError, match=r"^hr\.csv, row 3: this line cannot be read as CSV"):
        read_table(path, file="hr.csv")
    path.write_bytes(b"Name,Team\nAnn,North\nBo\x00b,South\n")
    with pytest.raises(UploadError, match=r"^hr\.csv, row 3: the file holds a NUL character"):
        read_table(path, file="hr.csv")


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_a_good_workbook_reads(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "g.xlsx", [["Name", "FTE"], ["Ann", 1.0], ["Bo", 0.5]])
    table = read_table(path, file="g.xlsx")
    assert (table.sheet, table.headers) == ("Staff", ["Name", "FTE"])
    assert table.rows == [["Ann", 1.0], ["Bo", 0.5]]
    check_workbook(path, file="g.xlsx")


# --- the findings, through the imports that use the reader -------------------------------------


@pytest.fixture
def private(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


def _stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_hr_csv_in_utf16_is_read_and_a_mis_encoded_one_is_refused_leaving_no_file(
    demo, users, private: Path
) -> None:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sightline.workforce import imports

    text = "Employee reference,Name,Team\nE1,Zoë Ash,North\n"
    utf16 = SimpleUploadedFile("hr.csv", text.encode("utf-16"))
    imp = imports.hr_upload(by=users["admin"], authority=demo, upload=utf16)
    assert imp.headers == ["Employee reference", "Name", "Team"]
    before = _stored_files(private)
    bad = SimpleUploadedFile("hr export.csv", b"Employee reference,Name\nE1,Zo\x81\n")
    with pytest.raises(ValidationError) as caught:
        imports.hr_upload(by=users["admin"], authority=demo, upload=bad)
    assert caught.value.message_dict["file"][0].startswith(
        "hr export.csv, row 2: byte 0x81 cannot be read as text"
    )
    assert _stored_files(private) == before  # no orphan file


@pytest.mark.django_db
def test_hr_duplicate_headings_are_refused(demo, users, private: Path) -> None:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sightline.workforce import imports

    upload = SimpleUploadedFile("hr.csv", b"Employee reference,Team,Name,Team\nE1,A,B,C\n")
    with pytest.raises(ValidationError, match="columns B and D are both called 'Team'"):
        imports.hr_upload(by=users["admin"], authority=demo, upload=upload)


@pytest.mark.django_db
def test_plan_workbook_with_a_dtd_or_corrupt_xml_is_reported_by_its_name(
    demo, users, tmp_path: Path, private: Path
) -> None:
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from sightline.plan.imports import PlanImportError, plan_import

    good = _workbook(tmp_path / "good.xlsx", [["Priority"], [1]])
    dtd = _replace_sheet(good, tmp_path / "d.xlsx", iter([b'<?xml version="1.0"?><!DOCTYPE x>']))
    broken = _replace_sheet(good, tmp_path / "b.xlsx", iter([_SHEET_HEAD + b"<row><c><v>1</c>"]))
    for path, reason in ((dtd, "declares a document type"), (broken, "cannot be read")):
        with pytest.raises(PlanImportError) as caught:
            plan_import(
                by=users["director"],
                authority=demo,
                upload=SimpleUploadedFile("our plan.xlsx", path.read_bytes()),
                title="Plan",
                starts_on=dt.date(2026, 1, 1),
            )
        (issue,) = caught.value.issues
        assert str(issue).startswith("our plan.xlsx")
        assert reason in str(issue)
        assert "sightline-plan-" not in str(issue)


@pytest.mark.django_db
def test_hr_mapping_messages_name_the_file_and_its_columns(demo, users, private: Path) -> None:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sightline.workforce import imports

    upload = SimpleUploadedFile("march hr.csv", b"Employee reference,Name,Team\nE1,Ann,North\n")
    imp = imports.hr_upload(by=users["admin"], authority=demo, upload=upload)
    mapping = {
        "reference": "Employee reference",
        "name": "Name",
        "team": "Team",
        "role": "Job title",
        "contract": "Name",
        "fte": "Name",
        "start_date": "Name",
    }
    with pytest.raises(ValidationError) as caught:
        imports.hr_apply(by=users["admin"], hr_import=imp, mapping=mapping)
    expected = (
        "march hr.csv: no column called 'Job title' in row 1 (the columns are "
        "'Employee reference', 'Name', 'Team')."
    )
    assert caught.value.messages == [expected]


def test_annex_a_reader_problems_show_the_uploaded_name_not_the_server_path(
    tmp_path: Path,
) -> None:
    from csc_measures import AnnexAError, Issue
    from sightline.performance.upload_checks import without_server_paths

    stored = tmp_path / "imports" / "7f3e-uuid.xlsx"
    with pytest.raises(AnnexAError) as caught, without_server_paths(stored, "annex a.xlsx"):
        raise AnnexAError(
            [Issue(None, None, None, str(stored), f"could not open workbook at {stored}\n")]
        )
    (problem,) = caught.value.problems
    assert problem.value == "annex a.xlsx"
    assert problem.reason == "could not open workbook at annex a.xlsx\n"
    assert str(tmp_path) not in str(caught.value)
