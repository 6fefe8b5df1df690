"""A report snapshot as a Word document officers can edit, in the committee-paper shape of the
council papers (seed 004): a front sheet (the paper, the audience, the period, the purpose and
the recommendations), then the report's sections as Heading 2 with numbered paragraphs, and
the sections whose titles begin "Appendix" at the end.

Real Word heading styles (Heading 1 to 3, so the navigation pane and a contents field work),
tables with a caption, a header row repeated on every page and rows that never split, charts
as pictures (drawn by Typst from the same SVG) with the chart's text alternative as the
picture's description, and the same figures in a table beside each chart."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from html import escape
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.shape import CT_Inline
from docx.shared import Mm, Pt, RGBColor

from sightline.reports.snapshot import Snapshot

from . import charts, text
from .blocks import section_blocks
from .htmlpage import prepare
from .logo import Logo

_FILLS = {
    "red": "F4CDC6",
    "amber": "FFDFB8",
    "green": "CCE2D8",
    "blue": "BBD4EA",
    "grey": "F3F2F1",
    "urgent": "F4CDC6",
    "attention": "FFDFB8",
    "watch": "FFF7BF",
}


def chart_pngs(svgs: list[str], *, ppi: int = 80) -> list[bytes]:
    """PNG pictures of SVG charts, all drawn in one Typst run (one page per chart)."""
    if not svgs:
        return []
    import typst

    source = (
        f"#set page(width: {charts.WIDTH}pt, height: {charts.HEIGHT}pt, margin: 0pt)\n"
        '#set text(font: ("Arial", "Liberation Sans", "DejaVu Sans"))\n'
    ) + "#pagebreak()\n".join(
        f'#image(bytes(sys.inputs.c{n}), format: "svg", width: 100%)\n' for n in range(len(svgs))
    )
    pages = typst.compile(
        source.encode(),
        format="png",
        ppi=ppi,
        sys_inputs={f"c{n}": svg for n, svg in enumerate(svgs)},
    )
    return [pages] if isinstance(pages, bytes) else list(pages)


_xml_text = text.printable


def _cell_xml(value: Any, *, width: int, bold: bool) -> str:
    text = _xml_text(value["text"] if isinstance(value, dict) else str(value))
    fill = _FILLS.get(value.get("fill", "")) if isinstance(value, dict) else None
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    paragraphs = "".join(
        f'<w:p><w:r>{run_properties}<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in text.split("\n")
    )
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>'


def _table_xml(header: list[str] | None, rows: list[list[Any]], widths: list[float] | None) -> str:
    """A whole table as WordprocessingML: the header row repeats on every page
    (``w:tblHeader``) and no row splits across pages (``w:cantSplit``)."""
    total = 9638  # 170 mm of text width, in twentieths of a point
    shares = widths or [1.0] * len(header or rows[0])
    cells = [round(total * share / sum(shares)) for share in shares]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cells)
    head = (
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        + "".join(_cell_xml(h, width=w, bold=True) for h, w in zip(header, cells, strict=True))
        + "</w:tr>"
        if header
        else ""
    )
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(
            _cell_xml(value, width=w, bold=n == 0)
            for n, (value, w) in enumerate(zip(row, cells, strict=False))
        )
        + "</w:tr>"
        for row in rows
    )
    return (
        f"<w:tbl {nsdecls('w')}>"
        '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f"{head}{body}</w:tbl>"
    )


def _para(document: Any, style_id: str | None = None, text: str = "") -> Any:
    """A paragraph with a style given by its id (python-docx's lookup by name is slow)."""
    paragraph = document.add_paragraph(_xml_text(text))
    if style_id:
        paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def _runs(paragraph: Any, runs: list[Any]) -> None:
    for piece, bold, italic in runs:
        run = paragraph.add_run(_xml_text(piece))
        run.bold = bold or None
        run.italic = italic or None


def _table(document: Any, block: dict[str, Any]) -> None:
    _para(document, "Caption", block["caption"])
    anchor = _para(document)  # the table goes before this empty paragraph
    anchor._p.addprevious(
        parse_xml(_table_xml(block["header"], block["rows"], block.get("widths")))
    )


def _picture(document: Any, run: Any, png: bytes, alt: str, shape_id: int) -> None:
    """The chart's picture in its run, described by the chart's text alternative.

    Built like python-docx's ``add_picture`` but with the shape id given: python-docx finds
    the next free id by searching the whole document for each picture."""
    relationship, image = document.part.get_or_add_image(io.BytesIO(png))
    cx, cy = image.scaled_dimensions(Mm(150), None)
    inline = CT_Inline.new_pic_inline(shape_id, relationship, image.filename, cx, cy)
    inline.docPr.set("descr", alt)
    run._r.add_drawing(inline)


def _logo(document: Any, logo: Logo) -> None:
    """The council's logo above its name on the front sheet, 16 mm high, described by its
    text alternative (an SVG logo is drawn as a PNG: Word's SVG support needs a PNG too)."""
    run = document.add_paragraph().add_run()
    relationship, image = document.part.get_or_add_image(io.BytesIO(logo.png()))
    cx, cy = image.scaled_dimensions(None, Mm(16))
    inline = CT_Inline.new_pic_inline(999, relationship, image.filename, cx, cy)
    inline.docPr.set("descr", logo.alt)
    run._r.add_drawing(inline)


def _blocks(document: Any, blocks: list[dict[str, Any]], pictures: list[tuple[Any, str]]) -> None:
    """Add the blocks; each chart leaves an empty run in ``pictures`` for its picture."""
    for block in blocks:
        kind = block["t"]
        if kind == "p":
            _runs(_para(document, "ListNumber"), block["runs"])
        elif kind == "ul":
            for item in block["items"]:
                _runs(_para(document, "ListBullet"), item)
        elif kind == "h3":
            _para(document, "Heading3", block["text"])
        elif kind == "note":
            run = document.add_paragraph().add_run(_xml_text(block["text"]))
            run.italic = True
        elif kind == "table":
            _table(document, block)
        elif kind == "figure":
            pictures.append((_para(document).add_run(), block["alt"]))
            _para(document, "Caption", f"Chart description: {block['alt']}")
            _table(document, block["table"])
        elif kind == "dl":
            for term, meaning in block["items"]:
                paragraph = document.add_paragraph()
                paragraph.add_run(_xml_text(f"{term}: ")).bold = True
                paragraph.add_run(_xml_text(meaning))
        elif kind == "keep":
            _blocks(document, block["blocks"], pictures)


def _charts(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for block in blocks:
        if block["t"] == "figure":
            found.append(block)
        elif block["t"] == "keep":
            found.extend(_charts(block["blocks"]))
    return found


def _front_sheet(document: Any, report: dict[str, Any], sections: list[dict[str, Any]]) -> None:
    rows = [
        ("Paper", report["type_label"]),
        ("For", report["audience_label"]),
        ("Period", report["period_label"]),
        ("Status", report["status_label"]),
        ("Prepared by", report["prepared_by"]),
    ]
    if report.get("approved_by"):
        rows.append(
            (
                "Approved by",
                report["approved_by"]
                + (f", {report['approved_on']}" if report.get("approved_on") else ""),
            )
        )
    purpose = next((s for s in sections if s["title"].lower().startswith("purpose")), None)
    if purpose is not None and purpose["narrative"].strip():
        rows.append(("Purpose of report", text.plain(purpose["narrative"].strip())))
    recommendations = next((s for s in sections if s["kind"] == "recommendations"), None)
    if recommendations is not None and recommendations["data"].get("rows"):
        rows.append(
            (
                "Recommendations",
                "\n".join(f"• {text.plain(row[0])}" for row in recommendations["data"]["rows"]),
            )
        )
    if report.get("next_update"):
        rows.append(("Date of next update", report["next_update"]))
    if report.get("disclosure_note"):
        rows.append(("Small numbers", report["disclosure_note"]))
    anchor = _para(document)
    anchor._p.addprevious(parse_xml(_table_xml(None, [list(row) for row in rows], [1, 3])))


def docx(snapshot: Snapshot) -> bytes:
    """The report as an editable Word document (.docx)."""
    context = prepare(snapshot)
    report = context["report"]
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    brand = context["brand_colour"].lstrip("#")
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.color.rgb = RGBColor.from_string(brand.upper()) if level < 3 else None
    properties = document.core_properties
    properties.title = report["title"]
    properties.author = report["authority"]["name"]
    properties.subject = f"{report['type_label']}, {report['period_label']}"
    properties.language = "en-GB"
    footer = section.footer.paragraphs[0]
    footer.text = f"{report['authority']['name']}. {report['title']}. Page "
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    footer.add_run(" of ")
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )

    prepared = [(s, section_blocks(s)) for s in context["sections"]]
    body = [p for p in prepared if not p[0]["title"].lower().startswith("appendix")]
    appendices = [p for p in prepared if p[0]["title"].lower().startswith("appendix")]
    charts = [c for _, blocks in prepared for c in _charts(blocks)]
    # Typst draws the pictures (native code) on a second thread while Python writes the text;
    # each picture goes into the run its chart left.
    with ThreadPoolExecutor(max_workers=1) as pool:
        drawing = pool.submit(chart_pngs, [c["svg"] for c in charts])
        if context["logo"] is not None:
            _logo(document, context["logo"])
        _para(document, None, report["authority"]["name"]).runs[0].bold = True
        _para(document, "Heading1", report["title"])
        _front_sheet(document, report, context["sections"])
        pictures: list[tuple[Any, str]] = []
        for part, title in ((body, None), (appendices, "Appendices")):
            if title and part:
                document.add_page_break()  # type: ignore[no-untyped-call]
            for prepared_section, blocks in part:
                _para(document, "Heading2", prepared_section["title"])
                _blocks(document, blocks, pictures)
        pngs = drawing.result()
    for n, ((run, alt), png) in enumerate(zip(pictures, pngs, strict=True), start=1):
        _picture(document, run, png, alt, shape_id=1000 + n)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
