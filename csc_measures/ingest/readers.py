"""Read the raw lists of an Annex A, as text, from a workbook or a folder of CSV files.

Every cell is read as text (spreadsheet dates arrive as ISO ``yyyy-mm-dd hh:mm:ss``) so that
the values can be checked and typed in one place (:mod:`csc_measures.ingest.normalise`).
"""

from __future__ import annotations

import codecs
import os
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import fastexcel
import polars as pl

from csc_measures.issues import AnnexAError, Issue
from csc_measures.schema import LISTS, REQUIRED_LISTS, list_number_from_name

EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls"})
CSV_SUFFIXES = frozenset({".csv"})
# Sheets read (and lists checked) side by side: three or four. A list's checks leave some of
# its time to Python, so one thread more than two cores keeps both busy.
READ_THREADS = max(3, min(4, os.cpu_count() or 2))
_NBSP_UTF8 = "\u00a0".encode()


@dataclass(frozen=True)
class RawList:
    """One list as read: every column text, headers as written in the file."""

    list_no: int
    source: str  # sheet name or file name
    frame: pl.DataFrame
    from_spreadsheet: bool
    may_have_nbsp: bool = True  # False when the file holds no non-breaking space at all
    prepared: object = None  # what ``read_annex_a(then=...)`` made of it


Prepare = Callable[["RawList"], object]


def read_annex_a(
    path: Path, *, then: Prepare | None = None, keep_text: bool = True
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
    """
    if not path.exists():
        raise AnnexAError([Issue(None, None, None, str(path), "file or folder not found")])
    if path.is_dir():
        sources = _csv_sources(path)
    elif path.suffix.lower() in EXCEL_SUFFIXES:
        sources = _sheet_sources(path)
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
    read: Callable[[], tuple[pl.DataFrame, bool]]  # the text frame; may it hold an NBSP?
    spreadsheet: bool
    problem: str  # what an error while reading it is called


def _read_sources(
    sources: list[_Source], then: Prepare | None, *, keep_text: bool
) -> tuple[dict[int, list[RawList]], list[Issue]]:
    def read_one(source: _Source) -> RawList | Issue:
        try:
            frame, nbsp = source.read()
        except Exception as exc:  # an unreadable sheet or file stops the run, named
            return Issue(source.list_no, None, None, source.name, f"{source.problem}: {exc}")
        raw = RawList(source.list_no, source.name, frame, source.spreadsheet, may_have_nbsp=nbsp)
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


def _sheet_sources(path: Path) -> list[_Source]:
    try:
        sheet_names = list(fastexcel.read_excel(path).sheet_names)
    except Exception as exc:  # fastexcel raises its own error types for unreadable files
        raise AnnexAError(
            [Issue(None, None, None, str(path), f"unreadable workbook: {exc}")]
        ) from exc
    # fastexcel releases the GIL while it parses a sheet. A reader cannot be shared between
    # threads, so each thread opens the workbook itself.
    local = threading.local()

    def reader() -> fastexcel.ExcelReader:
        opened: fastexcel.ExcelReader | None = getattr(local, "reader", None)
        if opened is None:
            opened = local.reader = fastexcel.read_excel(path)
        return opened

    def read_sheet(name: str) -> Callable[[], tuple[pl.DataFrame, bool]]:
        def read() -> tuple[pl.DataFrame, bool]:
            sheet = reader().load_sheet_by_name(name, dtypes="string").to_polars()
            return _all_text(sheet), True

        return read

    sizes = _sheet_sizes(path, sheet_names)
    return [
        _Source(number, name, sizes.get(name, 0), read_sheet(name), True, "unreadable sheet")
        for name in sheet_names
        if (number := list_number_from_name(name)) is not None
    ]


def _sheet_sizes(path: Path, sheet_names: list[str]) -> dict[str, int]:
    """Uncompressed size of each sheet's XML, to read the largest first. A hint only: it
    assumes the usual layout (the n-th sheet in ``xl/worksheets/sheet<n>.xml``); any other
    layout, or a workbook that is not a zip file (.xls), gives no sizes."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError):
        return {}
    return {
        name: entries.get(f"xl/worksheets/sheet{i}.xml", 0)
        for i, name in enumerate(sheet_names, start=1)
    }


def _read_csv_bytes(data: bytes) -> tuple[pl.DataFrame, bool]:
    """The file's text frame, and whether any cell may hold a non-breaking space."""
    try:
        if not data.isascii():  # ASCII is UTF-8; otherwise check it is valid UTF-8
            data.decode("utf-8")  # valid UTF-8: hand the bytes to polars as they are
        payload = data.removeprefix(codecs.BOM_UTF8)
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows writes cp1252 (with £, curly quotes and NBSP as 0xA0).
        payload = data.decode("cp1252", errors="replace").encode("utf-8")
    if not payload.strip():
        return pl.DataFrame(), False
    frame = pl.read_csv(
        payload,
        infer_schema=False,
        truncate_ragged_lines=False,
        raise_if_empty=False,
    )
    return frame, _NBSP_UTF8 in payload


def _csv_sources(path: Path) -> list[_Source]:
    def read_file(file: Path) -> Callable[[], tuple[pl.DataFrame, bool]]:
        return lambda: _read_csv_bytes(file.read_bytes())

    return [
        _Source(
            number, file.name, file.stat().st_size, read_file(file), False, "unreadable CSV file"
        )
        for file in sorted(path.iterdir())
        if file.is_file()
        and file.suffix.lower() in CSV_SUFFIXES
        and (number := list_number_from_name(file.stem)) is not None
    ]


def _all_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.all().cast(pl.String))
