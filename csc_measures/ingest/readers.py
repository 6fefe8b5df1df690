"""Read the raw lists of an Annex A, as text, from a workbook or a folder of CSV files.

Every cell is read as text (spreadsheet dates arrive as ISO ``yyyy-mm-dd hh:mm:ss``) so that
the values can be checked and typed in one place (:mod:`csc_measures.ingest.normalise`).
"""

from __future__ import annotations

import codecs
import os
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from csc_measures.issues import AnnexAError, Issue
from csc_measures.schema import LISTS, REQUIRED_LISTS, list_number_from_name

EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls"})
CSV_SUFFIXES = frozenset({".csv"})
# Sheets read side by side (at least two, at most four).
READ_THREADS = max(2, min(4, os.cpu_count() or 2))


@dataclass(frozen=True)
class RawList:
    """One list as read: every column text, headers as written in the file."""

    list_no: int
    source: str  # sheet name or file name
    frame: pl.DataFrame
    from_spreadsheet: bool


def read_annex_a(path: Path) -> tuple[dict[int, RawList], list[Issue]]:
    """Read a workbook or a folder of CSV files.

    Returns the lists read and the fatal problems found (an unreadable sheet or file, two sheets
    for one list, a required list missing), all of them, so that one run names every problem.
    A path that cannot be read at all raises :class:`AnnexAError` at once.
    """
    if not path.exists():
        raise AnnexAError([Issue(None, None, None, str(path), "file or folder not found")])
    if path.is_dir():
        found, problems = _read_csv_folder(path)
    elif path.suffix.lower() in EXCEL_SUFFIXES:
        found, problems = _read_workbook(path)
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


def _read_workbook(path: Path) -> tuple[dict[int, list[RawList]], list[Issue]]:
    try:
        sheet_names = list(fastexcel.read_excel(path).sheet_names)
    except Exception as exc:  # fastexcel raises its own error types for unreadable files
        raise AnnexAError(
            [Issue(None, None, None, str(path), f"unreadable workbook: {exc}")]
        ) from exc
    wanted = [(name, n) for name in sheet_names if (n := list_number_from_name(name)) is not None]
    # Sheets are read side by side (fastexcel releases the GIL while it parses), largest
    # first so that no thread is left with a big sheet at the end. Each thread opens the
    # workbook itself: a reader cannot be shared between threads.
    sizes = _sheet_sizes(path, sheet_names)
    ordered = sorted(wanted, key=lambda item: -sizes.get(item[0], 0))
    local = threading.local()

    def read_sheet(name: str) -> pl.DataFrame | Exception:
        try:
            reader = getattr(local, "reader", None)
            if reader is None:
                reader = local.reader = fastexcel.read_excel(path)
            return _all_text(reader.load_sheet_by_name(name, dtypes="string").to_polars())
        except Exception as exc:  # an unreadable sheet stops the run, named
            return exc

    threads = min(READ_THREADS, len(ordered)) or 1
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="annex-read") as pool:
        frames = dict(
            zip(ordered, pool.map(read_sheet, [name for name, _ in ordered]), strict=True)
        )
    found: dict[int, list[RawList]] = {}
    problems: list[Issue] = []
    for name, number in wanted:  # the workbook's order, whatever order they were read in
        frame = frames[(name, number)]
        if isinstance(frame, Exception):
            problems.append(Issue(number, None, None, name, f"unreadable sheet: {frame}"))
            continue
        found.setdefault(number, []).append(RawList(number, name, frame, from_spreadsheet=True))
    return found, problems


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


def _read_csv_bytes(data: bytes) -> pl.DataFrame:
    try:
        if not data.isascii():  # ASCII is UTF-8; otherwise check it is valid UTF-8
            data.decode("utf-8")  # valid UTF-8: hand the bytes to polars as they are
        payload = data.removeprefix(codecs.BOM_UTF8)
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows writes cp1252 (with £, curly quotes and NBSP as 0xA0).
        payload = data.decode("cp1252", errors="replace").encode("utf-8")
    if not payload.strip():
        return pl.DataFrame()
    return pl.read_csv(
        payload,
        infer_schema=False,
        truncate_ragged_lines=False,
        raise_if_empty=False,
    )


def _read_csv_folder(path: Path) -> tuple[dict[int, list[RawList]], list[Issue]]:
    found: dict[int, list[RawList]] = {}
    problems: list[Issue] = []
    for file in sorted(path.iterdir()):
        if not file.is_file() or file.suffix.lower() not in CSV_SUFFIXES:
            continue
        number = list_number_from_name(file.stem)
        if number is None:
            continue
        try:
            frame = _read_csv_bytes(file.read_bytes())
        except Exception as exc:  # polars raises ComputeError and friends on malformed CSV
            problems.append(Issue(number, None, None, file.name, f"unreadable CSV file: {exc}"))
            continue
        found.setdefault(number, []).append(
            RawList(number, file.name, frame, from_spreadsheet=False)
        )
    return found, problems


def _all_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.all().cast(pl.String))
