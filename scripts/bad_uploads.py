"""Try hostile and broken uploads against the safe reader (sightline/kernel/uploads.py) and report,
for each, what a person is told and how much memory the reading process reached.

    .venv/bin/python scripts/bad_uploads.py            # the table in docs/security.md

Each input is made here (nothing large is stored) and read in a fresh process, so the peak
memory figure is that input's alone.
"""

from __future__ import annotations

import codecs
import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
TAIL = b"</sheetData></worksheet>"


def _good_xlsx(path: Path) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Staff")
    for r, row in enumerate([["Employee reference", "Name"], ["E1", "Ann"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return path


def _with_sheet(path: Path, chunks: Iterator[bytes]) -> Path:
    good = _good_xlsx(path.with_suffix(".good.xlsx"))
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with new.open(info.filename, "w", force_zip64=True) as handle:
                    for chunk in chunks:
                        handle.write(chunk)
            else:
                new.writestr(info, old.read(info))
    good.unlink()
    return path


def _rows(count: int, padding: int) -> Iterator[bytes]:
    yield HEAD
    cell = b'<c t="inlineStr"><is><t>' + b"x" * padding + b"</t></is></c>"
    for n in range(1, count + 1):
        yield b'<row r="%d">' % n + cell + b"</row>"
    yield TAIL


def xlsx_bomb(path: Path) -> Path:
    """As found: a small .xlsx holding 322 MB of sheet XML."""
    return _with_sheet(path, _rows(10_500, 30_650))


def xlsx_many_rows(path: Path) -> Path:
    return _with_sheet(path, _rows(200_000, 0))


def xlsx_dtd(path: Path) -> Path:
    lol = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return _with_sheet(path, iter([b'<?xml version="1.0"?>' + lol + HEAD[39:] + TAIL]))


def xlsx_corrupt_xml(path: Path) -> Path:
    return _with_sheet(path, iter([HEAD + b"<row r='1'><c><v>1</c></row>"]))


def xlsx_truncated(path: Path) -> Path:
    data = _good_xlsx(path.with_suffix(".g.xlsx")).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def xlsx_not_a_zip(path: Path) -> Path:
    path.write_bytes(b"Employee reference,Name\nE1,Ann\n")
    return path


def xlsx_duplicate_headings(path: Path) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Staff")
    sheet.write_row(0, 0, ["Employee reference", "Team", "Name", "Team"])
    book.close()
    return path


def zip_lying_sizes(path: Path) -> Path:
    """As found: a zip declaring 1 kB that holds 586 MB."""
    real = path.with_suffix(".real.zip")
    block = b"0" * (1 << 20)
    with (
        zipfile.ZipFile(real, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("list1.csv", "w", force_zip64=False) as handle,
    ):
        for _ in range(586):
            handle.write(block)
    data = bytearray(real.read_bytes())
    struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, 1000)
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 1000)
    path.write_bytes(bytes(data))
    real.unlink()
    return path


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            with archive.open(f"list{n}.csv", "w", force_zip64=True) as handle:
                block = b"0" * (1 << 20)
                for _ in range(400):
                    handle.write(block)
    return path


def zip_no_csv(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


def zip_encrypted_flag(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("list1.csv", "a,b\n1,2\n")
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature) + offset
        struct.pack_into("<H", data, at, struct.unpack_from("<H", data, at)[0] | 1)
    path.write_bytes(bytes(data))
    return path


def _csv(raw: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(raw)
        return path

    return make


TEXT = "Employee reference,Name,Team\nE1,Zoë Ash,North\n"
INPUTS: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    # name: (uploaded as, maker, what it was before this work)
    "xlsx: 322 MB of sheet XML in a small file": (
        "staff.xlsx",
        xlsx_bomb,
        "worker reached 1.55 GB",
    ),
    "xlsx: 200,000 rows": ("staff.xlsx", xlsx_many_rows, "read whole, in the request"),
    "xlsx: DTD with entities": ("plan.xlsx", xlsx_dtd, "server error (XmlError)"),
    "xlsx: corrupt sheet XML": ("plan.xlsx", xlsx_corrupt_xml, "server error (XmlError)"),
    "xlsx: truncated file": ("plan.xlsx", xlsx_truncated, "message with the server's path"),
    "xlsx: a CSV renamed .xlsx": ("plan.xlsx", xlsx_not_a_zip, "message with the server's path"),
    "xlsx: duplicate column headings": (
        "staff.xlsx",
        xlsx_duplicate_headings,
        "first column silently used",
    ),
    "zip: declares 1 kB, holds 586 MB": (
        "annex.zip",
        zip_lying_sizes,
        "passed the 500 MB check",
    ),
    "zip: 1.2 GB of CSV": ("annex.zip", zip_bomb, "refused on its declared size only*"),
    "zip: no CSV inside": ("annex.zip", zip_no_csv, "handled"),
    "zip: encrypted member": (
        "annex.zip",
        zip_encrypted_flag,
        "import failed with zipfile's RuntimeError text*",
    ),
    "csv: UTF-8": ("staff.csv", _csv(TEXT.encode()), "read"),
    "csv: UTF-8 with BOM": ("staff.csv", _csv(codecs.BOM_UTF8 + TEXT.encode()), "read"),
    "csv: UTF-16 with BOM": (
        "staff.csv",
        _csv(TEXT.encode("utf-16")),
        "server error (UnicodeDecodeError), orphan file",
    ),
    "csv: UTF-16 without BOM": (
        "staff.csv",
        _csv(TEXT.encode("utf-16-le")),
        "read with NUL characters in every heading*",
    ),
    "csv: Windows-1252": ("staff.csv", _csv(TEXT.encode("cp1252")), "read"),
    "csv: byte valid in no encoding tried": (
        "staff.csv",
        _csv(b"Employee reference,Name\nE1,Zo\x81\n"),
        "server error (UnicodeDecodeError), orphan file",
    ),
    "csv: NUL character": (
        "staff.csv",
        _csv(b"Employee reference,Name\nE1,A\x00n\n"),
        "read, NUL kept in the value*",
    ),
    "csv: broken quoting": (
        "staff.csv",
        _csv(b'Employee reference,Name\nE1,"Ann"x\n'),
        "read, stray quote kept in the value*",
    ),
    "csv: duplicate column headings": (
        "staff.csv",
        _csv(b"Employee reference,Team,Team\nE1,A,B\n"),
        "first column silently used",
    ),
    "csv: 30,000 rows": (
        "staff.csv",
        _csv(b"Employee reference\n" + b"E1\n" * 30_000),
        "read whole, in the request",
    ),
    "csv: empty file": ("staff.csv", _csv(b""), "handled"),
}


def _read_one(name: str, folder: Path) -> dict[str, object]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    from sightline.kernel.uploads import (
        LARGE_WORKBOOK_XML,
        UploadError,
        extract_csv_zip,
        read_table,
    )

    uploaded, make, _before = INPUTS[name]
    path = make(folder / f"stored-{os.getpid()}{Path(uploaded).suffix}")
    size = path.stat().st_size
    started = time.perf_counter()
    try:
        if uploaded.endswith(".zip"):
            out = folder / "out"
            out.mkdir()
            extract_csv_zip(path, out, file=uploaded, max_decompressed=500 * 1024 * 1024)
            outcome = "read"
        else:
            table = read_table(
                path, file=uploaded, max_rows=20_000, max_decompressed=LARGE_WORKBOOK_XML
            )
            outcome = f"read ({table.encoding or 'xlsx'}, {len(table.rows)} rows)"
        kind = "read"
    except UploadError as exc:
        outcome, kind = exc.describe(), "refused with a message"
    except Exception as exc:  # what we are counting
        outcome, kind = f"{type(exc).__name__}: {exc}", "SERVER ERROR"
    return {
        "size": size,
        "kind": kind,
        "message": outcome,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "leaks_path": str(folder) in outcome,
    }


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        with tempfile.TemporaryDirectory() as folder:
            _say(json.dumps(_read_one(sys.argv[2], Path(folder))))
        return
    _say("| input | size | before | after | peak memory |")
    _say("|---|---:|---|---|---:|")
    errors = leaks = 0
    for name, (_uploaded, _make, before) in INPUTS.items():
        result = json.loads(
            subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--one", name],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout
        )
        errors += result["kind"] == "SERVER ERROR"
        leaks += bool(result["leaks_path"])
        message = str(result["message"]).replace("|", "\\|")
        _say(
            f"| {name} | {int(result['size']) / 1024:,.0f} kB | {before} | {result['kind']}: "
            f"{message} | {result['peak_mb']} MB |"
        )
    _say(f"\n{len(INPUTS)} inputs; server errors: {errors}; server paths shown: {leaks}")


if __name__ == "__main__":
    main()
