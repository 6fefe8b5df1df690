"""A prepared report section as plain blocks: paragraphs (runs of text, bold, italic), bullet
lists, sub-headings, notes, definition lists, tables (caption, header row, rows whose first
cell heads the row; a cell may carry a RAG fill) and figures (a chart's SVG with its text
alternative, and the table of its figures).

The PDF (Typst) and the Word document lay out the same blocks, so they say the same thing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import text

Block = dict[str, Any]
RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", "grey": "Not rated"}


def _paragraphs(value: str) -> list[Block]:
    blocks: list[Block] = []
    for block in text.blocks(value):
        if block.kind == "ul":
            blocks.append({"t": "ul", "items": [text.runs(i) for i in block.items]})
        else:
            blocks.append({"t": "p", "runs": text.runs(block.items[0])})
    return blocks


def _table(
    caption: str,
    header: list[str],
    rows: list[list[Any]],
    *,
    widths: list[float] | None = None,
    empty: str = "None recorded for this period.",
) -> Block:
    if not rows:
        rows = [[empty] + [""] * (len(header) - 1)]
    return {"t": "table", "caption": caption, "header": header, "rows": rows, "widths": widths}


def _rag(value: str, label: str) -> dict[str, str]:
    return {"text": label, "fill": value}


def _scorecard(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    rows = []
    for r in data.get("rows", []):
        comparators = (
            f"England: {r['england'] or 'not published'}\n"
            f"Region: {r['region'] or 'not published'}\n"
            f"Neighbours: {r['neighbours'] or 'not published'}"
            if r["england"] or r["region"] or r["neighbours"]
            else "Not published"
        )
        rows.append(
            [
                f"{r['measure_id']} {r['title']} ({r['unit_label']})",
                f"{r['latest']}" + (f" ({r['period_label']})" if r["period_label"] else ""),
                r["target"] or "No target",
                _rag(r["rag"], r["rag_label"]),
                r["variation_label"]
                + (f"; {r['assurance_label'].lower()}" if r["assurance_label"] else ""),
                r["change"] or "No earlier figure",
                comparators,
            ]
        )
    blocks = [
        _table(
            f"{section['title']}: latest figure, target and RAG rating, variation and "
            "assurance, and comparators",
            [
                "Measure",
                "Latest",
                "Target",
                "RAG rating",
                "Variation and assurance",
                "Change",
                "England, region, neighbours",
            ],
            rows,
            widths=[2.2, 1.2, 1, 1.2, 1.6, 1.5, 1.8],
            empty="No measures chosen.",
        )
    ]
    readings = [
        [
            (f"{r['measure_id']} {r['title']}: ", True, False),
            (f"{r['reading']} {r['withheld_rule']}".strip(), False, False),
        ]
        for r in section.get("readings", [])
    ]
    if readings:
        blocks.append({"t": "h3", "text": "Reading the figures"})
        blocks.append({"t": "ul", "items": readings})
    return blocks


def _matrix(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    rows = []
    for row in section["matrix_rows"]:
        cells: list[Any] = [row["variation_label"]]
        for cell in row["cells"]:
            names = "\n".join(f"{m['measure_id']} {m['title']}" for m in cell["measures"])
            names = names or "None"
            if cell["attention"] == "urgent":
                names = "Needs attention now:\n" + names
            cells.append({"text": names, "fill": cell["attention"]} if cell["attention"] else names)
        rows.append(cells)
    return [
        _table(
            "Measures by variation (rows) and assurance against target (columns). "
            "Shaded cells need the most attention.",
            ["Variation"] + [label for _, label in section["matrix_columns"]],
            rows,
        )
    ]


def _charts(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    for chart in section["charts"]:
        unit = chart["unit_label"]
        kept: list[Block] = [
            {"t": "h3", "text": f"{chart['measure_id']} {chart['title']}"},
            {
                "t": "note",
                "text": f"{unit[:1].upper()}{unit[1:]}. {chart['variation_label']}"
                + (f"; {chart['assurance_label'].lower()}" if chart["assurance_label"] else "")
                + ".",
            },
        ]
        figures = _table(
            f"{chart['measure_id']}: the figures in the chart ({unit})",
            ["Month", "Value", "Signal"],
            [[r["label"], r["value"], r["short_signal"]] for r in chart["rows"]],
            widths=[1.1, 1, 1.2],
        )
        if chart["svg"]:
            kept.append(
                {
                    "t": "figure",
                    "svg": str(chart["svg"]),
                    "alt": chart["alt_text"],
                    "table": figures,
                }
            )
        else:
            kept.append(
                {"t": "p", "runs": [("No figures to chart for this period.", False, False)]}
            )
            kept.append(figures)
        blocks.append({"t": "keep", "blocks": kept})
        blocks.extend(_paragraphs(chart["summary"]))
        if chart["lines"]:
            blocks.append(
                {"t": "note", "text": "; ".join(f"{k}: {v}" for k, v in chart["lines"]) + "."}
            )
    return blocks


def _plan(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    return [
        _table(
            "The improvement plan by priority: BRAG rating, impact and actions",
            ["Priority", "BRAG rating", "Impact", "Actions"],
            [
                [
                    f"{p['number']}. {p['title']}"
                    + (f"\nServes: {'; '.join(p['categories'])}" if p["categories"] else ""),
                    _rag(p["brag"], p["brag_label"]),
                    p["impact"] or "No impact recorded yet",
                    p["actions"],
                ]
                for p in data.get("priorities", [])
            ],
            widths=[2, 1.2, 3, 2],
            empty="No priorities recorded.",
        )
    ]


def _audits(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    return [
        {
            "t": "p",
            "runs": [
                (f"Audits completed, {data['period_label']}: ", False, False),
                (data["audits_completed"], True, False),
            ],
        },
        _table(
            f"Audit grades, {data['period_label']}, against the targets",
            ["Grade", "Audits", "Share of audits", "95% interval", "Target"],
            [
                [
                    r["grade"],
                    r["count"],
                    r["share"],
                    r["interval"] or "Not calculated",
                    r["target"] or "No target",
                ]
                for r in data.get("rows", [])
            ],
        ),
    ]


def _plain_table(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    return [_table(data["caption"], list(data["header"]), [list(r) for r in data["rows"]])]


def _voice(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    blocks = [
        _table(
            "You said, we did",
            ["You said", "We did", "Where it was said"],
            [[i["you_said"], i["we_did"], i["source"]] for i in data.get("items", [])],
        )
    ]
    if data.get("responses"):
        blocks.append({"t": "h3", "text": "Ambassadors and the Chair's responses"})
        for response in data["responses"]:
            blocks.extend(_paragraphs(response))
    return blocks


def _dfe(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    if section.get("rag_definitions"):
        blocks.append({"t": "h3", "text": "What the progress ratings mean"})
        blocks.append(
            {"t": "dl", "items": [[k.capitalize(), v] for k, v in section["rag_definitions"]]}
        )
    blocks.append(
        _table(
            "Detailed assessment by Ofsted reporting category",
            ["Reporting category", "Plan priorities", "Progress rating", "Summary"],
            [
                [
                    r["category"],
                    "\n".join(r["priorities"]) or "None mapped",
                    _rag(r["rag"], RAG_WORDS.get(r["rag"], r["rag"].capitalize())),
                    r["summary"],
                ]
                for r in data.get("rows", [])
            ],
            widths=[2, 2, 1, 3],
        )
    )
    return blocks


def _headlines(section: dict[str, Any], data: dict[str, Any]) -> list[Block]:
    items = data.get("items", [])
    return [{"t": "ul", "items": [text.runs(i) for i in items]}] if items else []


_AFTER_NARRATIVE: dict[str, Callable[[dict[str, Any], dict[str, Any]], list[Block]]] = {
    "scorecard": _scorecard,
    "mdc_matrix": _matrix,
    "measure_charts": _charts,
    "plan": _plan,
    "audits": _audits,
    "workforce": _plain_table,
    "risks": _plain_table,
    "recommendations": _plain_table,
    "voice": _voice,
    "dfe_assessment": _dfe,
}


def section_blocks(section: dict[str, Any]) -> list[Block]:
    """The blocks of one prepared section (see ``htmlpage.prepare_section``): the headline
    messages first, then the people's narrative, then the kind's figures."""
    kind, data = section["kind"], section["data"]
    blocks = _headlines(section, data) if kind == "headlines" else []
    blocks.extend(_paragraphs(section["narrative"]))
    if kind in _AFTER_NARRATIVE:
        blocks.extend(_AFTER_NARRATIVE[kind](section, data))
    return blocks
