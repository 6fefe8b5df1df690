"""A small, fast and reproducible .xlsx writer for plain tables.

Annex A workbooks at the size of the largest English authority hold millions of cells;
general-purpose writers spend most of their time per cell. This writer produces the minimal
SpreadsheetML package (a shared string table, one style for dates, one for the bold header
row) with sheet XML assembled in bulk, and fixed timestamps everywhere, so the same tables
always give the same bytes.

Cells may be ``str`` (shared strings), ``int``/``float`` (numbers), ``datetime.date``
(real Excel dates shown ``dd/mm/yyyy``) or ``None`` (no cell).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

_EPOCH = date(1899, 12, 30).toordinal()
_STAMP = (1980, 1, 1, 0, 0, 0)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ROWS_PER_CHUNK = 2000

#: A sheet: its name, headers, rows and the title row above the headers (``None``: no title,
#: headers in row 1).
Table = tuple[str, Sequence[str], Iterable[Sequence[object]], str | None]


def _column_letters(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text(value: str) -> str:
    value = _CONTROL.sub("", value)
    body = escape(value)
    if value != value.strip(" \t\n\r") or "\n" in value:
        return f'<si><t xml:space="preserve">{body}</t></si>'
    return f"<si><t>{body}</t></si>"


class _Strings:
    __slots__ = ("index", "items")

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[str] = []

    def __call__(self, value: str) -> int:
        i = self.index.get(value)
        if i is None:
            i = self.index[value] = len(self.items)
            self.items.append(value)
        return i


def _sheet_xml(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    strings: _Strings,
    title: str | None = None,
) -> Iterable[str]:
    letters = [_column_letters(c) for c in range(max(len(headers), 1))]
    r = 0 if title is None else 1  # the row above the headers
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{r + 1}" '
        f'topLeftCell="A{r + 2}" activePane="bottomLeft" state="frozen"/></sheetView>'
        '</sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>'
    )
    if title is not None:
        yield f'<row r="1"><c r="A1" s="2" t="s"><v>{strings(title)}</v></c></row>'
    r += 1
    head = "".join(
        f'<c r="{letters[c]}{r}" s="2" t="s"><v>{strings(h)}</v></c>' for c, h in enumerate(headers)
    )
    yield f'<row r="{r}">{head}</row>'
    chunk: list[str] = []
    for row in rows:
        r += 1
        cells: list[str] = []
        for c, value in enumerate(row):
            if value is None:
                continue
            ref = f"{letters[c]}{r}"
            if isinstance(value, str):
                cells.append(f'<c r="{ref}" t="s"><v>{strings(value)}</v></c>')
            elif isinstance(value, date):
                cells.append(f'<c r="{ref}" s="1"><v>{value.toordinal() - _EPOCH}</v></c>')
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a cell")
        chunk.append(f'<row r="{r}">{"".join(cells)}</row>')
        if len(chunk) >= _ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)
    yield "</sheetData></worksheet>"


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def write_workbook(path: Path, tables: Sequence[Table], properties: dict[str, str]) -> None:
    """Write ``tables`` (sheet name, headers, rows, title) to the workbook ``path``."""
    strings = _Strings()
    n = len(tables)
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        + '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="16384" '
        'windowHeight="8192"/></bookViews><sheets>'
        + "".join(
            f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _, _, _) in enumerate(tables, start=1)
        )
        + "</sheets></workbook>"
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    created = properties.get("created", "2000-01-01T00:00:00Z")
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(properties.get('title', ''))}</dc:title>"
        f"<dc:subject>{escape(properties.get('subject', ''))}</dc:subject>"
        f"<dc:creator>{escape(properties.get('author', ''))}</dc:creator>"
        f"<dc:description>{escape(properties.get('comments', ''))}</dc:description>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>Sightline</Application>'
        f"<Company>{escape(properties.get('company', ''))}</Company></Properties>"
    )

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:

        def put(name: str, parts: Iterable[str]) -> None:
            info = zipfile.ZipInfo(name, _STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            with zf.open(info, "w") as fh:
                for part in parts:
                    fh.write(part.encode("utf-8"))

        put("[Content_Types].xml", [content_types])
        put("_rels/.rels", [root_rels])
        put("docProps/app.xml", [app])
        put("docProps/core.xml", [core])
        put("xl/workbook.xml", [workbook])
        put("xl/_rels/workbook.xml.rels", [workbook_rels])
        put("xl/styles.xml", [_STYLES])
        for i, (_, headers, rows, title) in enumerate(tables, start=1):
            put(f"xl/worksheets/sheet{i}.xml", _sheet_xml(headers, rows, strings, title))

        def shared() -> Iterable[str]:
            count = len(strings.items)
            yield (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'count="{count}" uniqueCount="{count}">'
            )
            for k in range(0, count, 5000):
                yield "".join(_text(s) for s in strings.items[k : k + 5000])
            yield "</sst>"

        put("xl/sharedStrings.xml", shared())
