"""Opening uploaded spreadsheets safely: one place for every import (HR, plan, Annex A).

An upload is hostile until read. This module

- counts the bytes *actually* decompressed from every zip member and workbook part while
  reading them (a zip's declared sizes are written by whoever made it and prove nothing), and
  stops at a limit, so a small file that unpacks to gigabytes never reaches a parser;
- refuses XML with a document type declaration (``<!DOCTYPE``/``<!ENTITY``), which no Excel
  workbook contains and which is how entity-expansion bombs work;
- counts rows while reading (worksheet ``<row>`` elements, CSV records) and stops at a limit;
- detects a CSV file's encoding (UTF-8 with or without a byte order mark, UTF-16 with one,
  Windows-1252) or names the encodings it tried;
- refuses duplicate column headings, naming both columns;
- turns every parser failure into an :class:`UploadError` whose message names the uploaded
  file (never the server's path), and the sheet, row and column when they are known.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

#: Defaults for the small imports (HR, plan): far more than any real file needs.
DEFAULT_MAX_DECOMPRESSED = 50 * 1024 * 1024
DEFAULT_MAX_ROWS = 20_000
DEFAULT_MAX_MEMBERS = 200
#: For Annex A workbooks: XML the spreadsheet reader holds in memory several times over (322 MB
#: of sheet XML took a worker to 1.55 GB), so a workbook is held to less than a zip of CSVs.
LARGE_WORKBOOK_XML = 150 * 1024 * 1024
_CHUNK = 1 << 16
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as a spreadsheet names its columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class UploadError(ValueError):
    """A problem with an uploaded file, described in words a person can act on."""

    def __init__(
        self,
        reason: str,
        *,
        file: str,
        sheet: str = "",
        row: int | None = None,
        column: str = "",
        value: str = "",
    ) -> None:
        self.reason, self.file, self.sheet = reason, file, sheet
        self.row, self.column, self.value = row, column, value
        super().__init__(self.describe())

    def describe(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        value = f" (value {self.value!r})" if self.value else ""
        return f"{', '.join(where)}{value}: {self.reason}"

    def as_issue(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class Table:
    """One sheet (or CSV file): its headings and the rows below them."""

    file: str
    sheet: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    encoding: str = ""
    header_row: int = 1

    @property
    def all_rows(self) -> list[list[Any]]:
        return [list(self.headers), *self.rows]


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, file: str) -> Iterator[bytes]:
    """The member's bytes as really decompressed, in chunks; damage becomes an UploadError."""
    name = PurePosixPath(info.filename).name
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise UploadError(
            f"part {name!r} is damaged and cannot be unpacked ({type(exc).__name__})", file=file
        ) from None
    except RuntimeError:  # zipfile's word for a member protected by a password
        raise UploadError(
            f"part {name!r} is protected by a password: save the file again without one",
            file=file,
        ) from None
    except NotImplementedError:
        raise UploadError(
            f"part {name!r} is compressed in a way Sightline cannot unpack: zip it again with "
            "your computer's ordinary “compress” option",
            file=file,
        ) from None


def _read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    *,
    file: str,
    budget: list[int],
    sink: IO[bytes] | None = None,
    count_rows: bool = False,
    max_rows: int | None = None,
) -> int:
    """Decompress one member in chunks, counting real bytes against ``budget[0]`` (what is left
    of the limit ``budget[1]``); refuse a DTD in XML; returns the worksheet rows counted."""
    is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    rows = 0
    tail = b""
    for chunk in _chunks(archive, info, file=file):
        budget[0] -= len(chunk)
        if budget[0] < 0:
            raise UploadError(
                f"it unpacks to more than {_human(budget[1])} (stopped reading at "
                f"{info.filename!r}); a file this size cannot be imported",
                file=file,
            )
        if is_xml:
            window = tail + chunk
            if _DTD.search(window):
                raise UploadError(
                    f"part {info.filename!r} declares a document type (<!DOCTYPE> or "
                    "<!ENTITY>), which spreadsheets never contain: save the file again "
                    "from Excel",
                    file=file,
                )
            if count_rows:
                rows += len(_ROW.findall(window)) - len(_ROW.findall(tail))
                if max_rows is not None and rows > max_rows:
                    raise UploadError(
                        f"the sheet has more than {max_rows - 1:,} rows below its headings",
                        file=file,
                    )
            tail = window[-32:]
        if sink is not None:
            sink.write(chunk)
    return rows


def _open_zip(path: Path, *, file: str, kind: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError(
            f"this is not a readable {kind} (the file is damaged)", file=file
        ) from None


def check_workbook(
    path: Path,
    *,
    file: str,
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> None:
    """Unpack every part of an .xlsx once, counting real bytes and worksheet rows, before any
    parser sees it. Raises :class:`UploadError`."""
    with _open_zip(path, file=file, kind="Excel workbook (.xlsx)") as archive:
        members = archive.infolist()
        if len(members) > max_members:
            raise UploadError(
                f"the workbook has {len(members)} parts, more than {max_members}", file=file
            )
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names:
            raise UploadError(
                "this is not an Excel workbook (.xlsx): save it from Excel as an .xlsx file",
                file=file,
            )
        budget = [max_decompressed, max_decompressed]
        for info in members:
            is_sheet = info.filename.lower().startswith("xl/worksheets/")
            _read_member(
                archive,
                info,
                file=file,
                budget=budget,
                count_rows=is_sheet,
                # +1: the heading row
                max_rows=None if max_rows is None else max_rows + 1,
            )


def extract_csv_zip(
    path: Path,
    folder: Path,
    *,
    file: str,
    max_decompressed: int,
    max_members: int = 40,
) -> list[Path]:
    """Unpack the CSV files of a zip into ``folder`` (names only, never the archive's paths),
    counting the bytes really written. Raises :class:`UploadError`."""
    with _open_zip(path, file=file, kind="zip file") as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > max_members:
            raise UploadError(
                f"the zip file holds {len(members)} files, more than {max_members}", file=file
            )
        csvs = [m for m in members if m.filename.lower().endswith(".csv")]
        if not csvs:
            raise UploadError("the zip file holds no CSV files", file=file)
        budget = [max_decompressed, max_decompressed]
        written: list[Path] = []
        for info in csvs:
            target = folder / PurePosixPath(info.filename).name
            with target.open("wb") as sink:
                _read_member(archive, info, file=file, budget=budget, sink=sink)
            written.append(target)
        return written


# --- CSV text ---------------------------------------------------------------------------------

_ENCODINGS_TRIED = "UTF-8, UTF-16 (with a byte order mark) or Windows-1252"


def decode_text(raw: bytes, *, file: str) -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes, or :class:`UploadError` naming the
    encodings tried and where the first byte that fits none of them is."""
    if raw.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if raw[:1000].count(b"\x00") > 10:  # UTF-16 without its mark
            raise UploadError(
                "the file looks like UTF-16 text without a byte order mark; save it as "
                f"“CSV UTF-8” from Excel (Sightline reads {_ENCODINGS_TRIED})",
                file=file,
            )
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return raw.decode(encoding), {"utf-8-sig": "UTF-8", "utf-16": "UTF-16"}.get(
                encoding, "UTF-8" if encoding == "utf-8" else "Windows-1252"
            )
        except UnicodeDecodeError as exc:
            last = exc
    line = raw[: last.start].count(b"\n") + 1
    raise UploadError(
        f"byte 0x{raw[last.start]:02x} cannot be read as text; save the file as “CSV UTF-8” "
        f"from Excel (Sightline reads {_ENCODINGS_TRIED})",
        file=file,
        row=line,
    )


def _check_headers(headers: list[str], *, file: str, sheet: str, row: int) -> None:
    seen: dict[str, int] = {}
    for index, heading in enumerate(headers):
        key = re.sub(r"\s+", " ", heading).strip().casefold()
        if not key:
            continue
        if key in seen:
            raise UploadError(
                f"columns {column_letter(seen[key])} and {column_letter(index)} are both "
                f"called {heading.strip()!r}: rename or remove one so it is clear which to read",
                file=file,
                sheet=sheet,
                row=row,
                column=column_letter(index),
            )
        seen[key] = index


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\xa0", " ").strip()


def _csv_rows(text: str, *, file: str, max_rows: int | None) -> Iterator[list[str]]:
    if "\x00" in text:
        raise UploadError(
            "the file holds a NUL character, so it is not a text (CSV) file",
            file=file,
            row=text[: text.index("\x00")].count("\n") + 1,
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if max_rows is not None and reader.line_num > max_rows + 1:
                raise UploadError(
                    f"the file has more than {max_rows:,} rows below its headings", file=file
                )
            yield row
    except csv.Error as exc:
        raise UploadError(
            f"this line cannot be read as CSV ({exc})", file=file, row=reader.line_num
        ) from None


def read_table(
    path: Path,
    *,
    file: str,
    sheet: str | None = None,
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> Table:
    """The first sheet (or the named one) of an .xlsx, or a .csv file, read safely.

    ``file`` is the name the person uploaded (used in every message; ``path`` never is).
    The first row holds the headings; duplicates are refused.
    """
    suffix = Path(file).suffix.lower() or path.suffix.lower()
    if suffix == ".csv":
        text, encoding = decode_text(path.read_bytes(), file=file)
        rows = list(_csv_rows(text, file=file, max_rows=max_rows))
        headers = [_cell_text(h) for h in rows[0]] if rows else []
        _check_headers(headers, file=file, sheet="", row=1)
        return Table(file=file, sheet="", headers=headers, rows=rows[1:], encoding=encoding)
    if suffix != ".xlsx":
        raise UploadError("choose an .xlsx or .csv file", file=file)
    check_workbook(path, file=file, max_decompressed=max_decompressed, max_rows=max_rows)
    from python_calamine import CalamineWorkbook

    def unreadable(exc: Exception, sheet_name: str) -> UploadError:
        reason = str(exc).replace(str(path), file)
        return UploadError(
            f"the workbook cannot be read ({type(exc).__name__}: {reason[:200]}); open it in "
            "Excel and save it again as an .xlsx file",
            file=file,
            sheet=sheet_name,
        )

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # calamine's XmlError, ZipError, CalamineError...
        raise unreadable(exc, "") from None
    if not names:
        raise UploadError("the workbook has no sheets", file=file)
    chosen = sheet or names[0]
    if chosen not in names:
        listed = ", ".join(repr(n) for n in names)
        raise UploadError(f"no sheet called {chosen!r}; the sheets are {listed}", file=file)
    try:
        data = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine's XmlError...
        raise unreadable(exc, chosen) from None
    if max_rows is not None and len(data) > max_rows + 1:
        raise UploadError(f"the sheet has more than {max_rows:,} rows", file=file, sheet=chosen)
    headers = [_cell_text(h) for h in data[0]] if data else []
    _check_headers(headers, file=file, sheet=chosen, row=1)
    return Table(file=file, sheet=chosen, headers=headers, rows=[list(r) for r in data[1:]])


def copy_upload(chunks: Iterator[bytes], target: Path, *, file: str, max_bytes: int) -> int:
    """Write an upload to ``target`` counting its bytes; refuse (and remove it) past the limit."""
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        for chunk in chunks:
            size += len(chunk)
            if size > max_bytes:
                handle.close()
                target.unlink(missing_ok=True)
                raise UploadError(f"the file is larger than {_human(max_bytes)}", file=file)
            handle.write(chunk)
    return size


__all__ = [
    "DEFAULT_MAX_DECOMPRESSED",
    "DEFAULT_MAX_ROWS",
    "LARGE_WORKBOOK_XML",
    "Table",
    "UploadError",
    "check_workbook",
    "column_letter",
    "copy_upload",
    "decode_text",
    "extract_csv_zip",
    "read_table",
]
