"""Read the raw lists of an Annex A, as text, from a workbook or a folder of CSV files.

Every cell is read as text (spreadsheet dates arrive as ISO ``yyyy-mm-dd hh:mm:ss``) so that
the values can be checked and typed in one place (:mod:`csc_measures.ingest.normalise`).

The header row is found, not assumed: Ofsted's template puts a title row (``List 1:
Contacts``) above the headers, and councils add notes or blank rows. Of the first
:data:`HEADER_SEARCH_ROWS` rows, the one naming most of the list's known headers (at least
two) is the header row; when none does, the first row is.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import threading
import zipfile
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

import fastexcel
import polars as pl

from csc_measures.issues import AnnexAError, Issue
from csc_measures.schema import (
    DUPLICATE_MARK,
    LISTS,
    REQUIRED_LISTS,
    list_number_from_name,
    normalise_header,
)
from csc_measures.templates import header_keys

EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls"})
CSV_SUFFIXES = frozenset({".csv"})
# Sheets read (and lists checked) side by side: three or four. A list's checks leave some of
# its time to Python, so one thread more than two cores keeps both busy.
READ_THREADS = max(3, min(4, os.cpu_count() or 2))
_NBSP_UTF8 = "\u00a0".encode()
# Rows searched for the header row, and the bytes of a CSV file searched for them.
HEADER_SEARCH_ROWS = 30
_HEADER_SEARCH_BYTES = 1 << 16
_MIN_HEADER_MATCHES = 2


@dataclass(frozen=True)
class RawList:
    """One list as read: every column text, headers as written in the file."""

    list_no: int
    source: str  # sheet name or file name
    frame: pl.DataFrame
    from_spreadsheet: bool
    may_have_nbsp: bool = True  # False when the file holds no non-breaking space at all
    prepared: object = None  # what ``read_annex_a(then=...)`` made of it
    header_row: int = 1  # the header's row number in the sheet or file (1 = first row)


Prepare = Callable[["RawList"], object]


def read_annex_a(
    path: Path,
    *,
    then: Prepare | None = None,
    keep_text: bool = True,
    extra_headers: Mapping[int, Collection[str]] | None = None,
) -> tuple[dict[int, RawList], list[Issue]]:
    """Read a workbook or a folder of CSV files.

    Returns the lists read and the fatal problems found (an unreadable sheet or file, two sheets
    for one list, a required list missing), all of them, so that one run names every problem.
    A path that cannot be read at all raises :class:`AnnexAError` at once.

    Sheets and files are read side by side, largest first. ``then``, when given, is called with
    each list in the thread that read it, as soon as it is read (for example to check it while
    other sheets are still being read); what it returns is kept in ``RawList.prepared``. With
    ``keep_text`` False, each list's text is let go once ``then`` has run (``RawList.frame``
    keeps the columns, no rows), so that a large extract is not held twice.
    ``extra_headers`` (list number → folded headers) are headers a column mapping gives the
    list: they count when looking for the header row.
    """
    extra = extra_headers or {}
    if not path.exists():
        raise AnnexAError([Issue(None, None, None, str(path), "file or folder not found")])
    if path.is_dir():
        sources = _csv_sources(path, extra)
    elif path.suffix.lower() in EXCEL_SUFFIXES:
        sources = _sheet_sources(path, extra)
    elif path.suffix.lower() in CSV_SUFFIXES:
        raise AnnexAError(
            [
                Issue(
                    None,
                    None,
                    None,
                    str(path),
                    "a single CSV file was given: pass the folder holding one CSV file per list",
                )
            ]
        )
    else:
        raise AnnexAError(
            [Issue(None, None, None, str(path), "not an Annex A workbook (.xlsx) or a folder")]
        )
    found, problems = _read_sources(sources, then, keep_text=keep_text)
    lists: dict[int, RawList] = {}
    for number, candidates in sorted(found.items()):
        if len(candidates) > 1:
            names = ", ".join(f"'{raw.source}'" for raw in candidates)
            problems.append(
                Issue(
                    number, None, None, None, f"more than one sheet or file is this list: {names}"
                )
            )
        else:
            lists[number] = candidates[0]
    named = {p.list_no for p in problems}
    missing = [n for n in REQUIRED_LISTS if n not in found and n not in named]
    if missing:
        seen = ", ".join(f"List {n} ({raw.source})" for n, raw in sorted(lists.items()))
        problems.extend(
            Issue(
                n, None, None, None, f"list missing ({LISTS[n].title}); found: {seen or 'no list'}"
            )
            for n in missing
        )
    return lists, problems


@dataclass(frozen=True)
class _Source:
    """A sheet or file that holds a list, and how to read it (in any thread)."""

    list_no: int
    name: str
    size: int  # to read the largest first; 0 when unknown
    read: Callable[[], tuple[pl.DataFrame, bool, int]]  # text frame, may hold NBSP?, header row
    spreadsheet: bool
    problem: str  # what an error while reading it is called


def _read_sources(
    sources: list[_Source], then: Prepare | None, *, keep_text: bool
) -> tuple[dict[int, list[RawList]], list[Issue]]:
    def read_one(source: _Source) -> RawList | Issue:
        try:
            frame, nbsp, header_row = source.read()
        except Exception as exc:  # an unreadable sheet or file stops the run, named
            return Issue(source.list_no, None, None, source.name, f"{source.problem}: {exc}")
        raw = RawList(
            source.list_no,
            source.name,
            frame,
            source.spreadsheet,
            may_have_nbsp=nbsp,
            header_row=header_row,
        )
        if then is not None:
            prepared = then(raw)
            raw = replace(raw, prepared=prepared, frame=frame if keep_text else frame.clear())
        return raw

    ordered = sorted(sources, key=lambda source: -source.size)
    threads = min(READ_THREADS, len(ordered)) or 1
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="annex-read") as pool:
        outcomes = dict(zip([id(s) for s in ordered], pool.map(read_one, ordered), strict=True))
    found: dict[int, list[RawList]] = {}
    problems: list[Issue] = []
    for source in sources:  # the workbook's (or folder's) order, whatever order they were read
        outcome = outcomes[id(source)]
        if isinstance(outcome, Issue):
            problems.append(outcome)
        else:
            found.setdefault(source.list_no, []).append(outcome)
    return found, problems


def _sheet_sources(path: Path, extra: Mapping[int, Collection[str]]) -> list[_Source]:
    listed = _workbook_sheets(path)
    if listed is None:  # not an Office Open XML workbook (.xls, .xlsb): ask calamine
        try:
            listed = [(name, 0) for name in fastexcel.read_excel(path).sheet_names]
        except Exception as exc:  # fastexcel raises its own error types for unreadable files
            raise AnnexAError(
                [Issue(None, None, None, str(path), f"unreadable workbook: {exc}")]
            ) from exc
    # fastexcel releases the GIL while it parses a sheet. A reader cannot be shared between
    # threads, so each thread opens the workbook itself (the sheet names come from the
    # workbook's index, so that the workbook is not opened once more just to list them).
    local = threading.local()

    def reader() -> fastexcel.ExcelReader:
        opened: fastexcel.ExcelReader | None = getattr(local, "reader", None)
        if opened is None:
            opened = local.reader = fastexcel.read_excel(path)
        return opened

    def read_sheet(name: str, number: int) -> Callable[[], tuple[pl.DataFrame, bool, int]]:
        def read() -> tuple[pl.DataFrame, bool, int]:
            cells = reader().load_sheet_by_name(name, header_row=None, dtypes="string")
            sheet = _all_text(cells.to_polars())
            top = [list(row) for row in sheet.head(HEADER_SEARCH_ROWS).iter_rows()]
            if not top:
                return sheet, True, 1
            at = find_header_row(top, number, extra.get(number, ()))
            names = dict(zip(sheet.columns, unique_headers(top[at]), strict=True))
            return sheet.slice(at + 1).rename(names), True, at + 1

        return read

    return [
        _Source(number, name, size, read_sheet(name, number), True, "unreadable sheet")
        for name, size in listed
        if (number := list_number_from_name(name)) is not None
    ]


_MAX_INDEX_BYTES = 4 << 20
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _workbook_sheets(path: Path) -> list[tuple[str, int]] | None:
    """The workbook's sheets in order, each with the uncompressed size of its XML (to read
    the largest first), from the workbook's index (``xl/workbook.xml`` and its relationships);
    None when the file is not an Office Open XML workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
            index = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
            if any(sizes.get(name, _MAX_INDEX_BYTES + 1) > _MAX_INDEX_BYTES for name in index):
                return None  # no index, or an implausibly large one: calamine decides
            # Expat (>= 2.4) refuses entity expansion attacks and ElementTree fetches no
            # external entity; the two files are small (checked above).
            book = ElementTree.fromstring(archive.read(index[0]))  # noqa: S314
            rels = ElementTree.fromstring(archive.read(index[1]))  # noqa: S314
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError):
        return None
    targets = {
        rel.get("Id"): (rel.get("Target") or "").lstrip("/").removeprefix("xl/") for rel in rels
    }
    sheets = book.find(f"{_MAIN_NS}sheets")
    if sheets is None:
        return None
    return [
        (sheet.get("name") or "", sizes.get(f"xl/{targets.get(sheet.get(_REL_ID), '')}", 0))
        for sheet in sheets.findall(f"{_MAIN_NS}sheet")
    ]


def find_header_row(rows: list[list[str | None]], list_no: int, extra: Collection[str] = ()) -> int:
    """Index of the header row among a list's first rows: the row naming most of the list's
    known headers (at least two), else the first row. ``extra`` are more known headers
    (folded), from a column mapping."""
    keys = header_keys(LISTS[list_no]).keys() | set(extra)
    best, best_score = 0, _MIN_HEADER_MATCHES - 1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len({k for cell in row if cell and (k := normalise_header(cell)) in keys})
        if score > best_score:
            best, best_score = index, score
    return best


def unique_headers(row: list[str | None]) -> list[str]:
    """Column names from a header row: a blank header is ``__UNNAMED__<i>``; a repeated header
    is kept, made unique by :data:`DUPLICATE_MARK` (so that it can be reported)."""
    names: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(row):
        name = cell if cell is not None and cell.strip() else f"__UNNAMED__{i}"
        while name in seen:
            name += DUPLICATE_MARK
        seen.add(name)
        names.append(name)
    return names


def _read_csv_bytes(
    data: bytes, list_no: int | None = None, extra: Collection[str] = ()
) -> tuple[pl.DataFrame, bool, int]:
    """The file's text frame, whether any cell may hold a non-breaking space, and the header's
    row number (title, note and blank rows above the headers are skipped when ``list_no`` is
    given)."""
    try:
        if not data.isascii():  # ASCII is UTF-8; otherwise check it is valid UTF-8
            data.decode("utf-8")  # valid UTF-8: hand the bytes to polars as they are
        payload = data.removeprefix(codecs.BOM_UTF8)
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows writes cp1252 (with £, curly quotes and NBSP as 0xA0).
        payload = data.decode("cp1252", errors="replace").encode("utf-8")
    if not payload.strip():
        return pl.DataFrame(), False, 1
    head = payload[:_HEADER_SEARCH_BYTES].decode("utf-8", errors="replace")
    top: list[list[str | None]] = []
    for record in csv.reader(io.StringIO(head, newline="")):
        top.append(list(record))
        if len(top) == HEADER_SEARCH_ROWS:
            break
    at = 0 if list_no is None else find_header_row(top, list_no, extra)
    names = unique_headers(top[at])
    frame = pl.read_csv(
        payload,
        has_header=False,
        skip_rows=at + 1,
        schema=dict.fromkeys(names, pl.String),
        truncate_ragged_lines=False,
        raise_if_empty=False,
    )
    return frame, _NBSP_UTF8 in payload, at + 1


def _csv_sources(path: Path, extra: Mapping[int, Collection[str]]) -> list[_Source]:
    def read_file(file: Path, number: int) -> Callable[[], tuple[pl.DataFrame, bool, int]]:
        return lambda: _read_csv_bytes(file.read_bytes(), number, extra.get(number, ()))

    return [
        _Source(
            number,
            file.name,
            file.stat().st_size,
            read_file(file, number),
            False,
            "unreadable CSV file",
        )
        for file in sorted(path.iterdir())
        if file.is_file()
        and file.suffix.lower() in CSV_SUFFIXES
        and (number := list_number_from_name(file.stem)) is not None
    ]


def _all_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.all().cast(pl.String))
