"""A report snapshot as a tagged PDF/UA-1, laid out by Typst (ADR 0021).

The snapshot becomes plain blocks (paragraphs with bold and italic runs, bullet lists,
tables with a header row and a caption, charts as SVG with their text alternative), passed as
JSON to ``typst/report.typ``; Typst writes the PDF/UA-1 with its structure tree (H1, H2, H3,
Table/TR/TH/TD, Figure with Alt, TOC), repeated table header rows, unbroken rows and page
numbers. Nothing is read from disk but the template and nothing is fetched."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sightline.reports.snapshot import Snapshot

from . import text
from .blocks import section_blocks
from .htmlpage import prepare

TEMPLATE = Path(__file__).with_name("typst") / "report.typ"


def print_model(snapshot: Snapshot) -> dict[str, Any]:
    """The JSON the Typst template lays out."""
    context = prepare(snapshot)
    report = context["report"]
    cover = [
        ["Paper", report["type_label"]],
        ["For", report["audience_label"]],
        ["Period", report["period_label"]],
        ["Status", report["status_label"]],
        ["Prepared by", report["prepared_by"]],
    ]
    if report.get("approved_by"):
        cover.append(
            [
                "Approved by",
                report["approved_by"]
                + (f", {report['approved_on']}" if report.get("approved_on") else ""),
            ]
        )
    if report.get("published_on"):
        cover.append(["Published", report["published_on"]])
    if report.get("next_update"):
        cover.append(["Date of next update", report["next_update"]])
    logo = context["logo"]
    return {
        "report": report,
        "brand_colour": context["brand_colour"],
        "logo": {"svg": logo.svg(), "alt": logo.alt} if logo else None,
        "cover": cover,
        "sections": [
            {"title": s["title"], "blocks": section_blocks(s)} for s in context["sections"]
        ],
    }


_UNDISPLAYABLE = re.compile(r'the text `"(.+?)"` could not be displayed')
_TYPST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}")
#: What stands for a character no font on the machine can draw (an emoji, say).
MISSING_GLYPH = "\u25a1"


def _clean(value: Any, missing: frozenset[str] = frozenset()) -> Any:
    """Every string in the model printable, and drawable: characters no font has are
    replaced by a white square (PDF/UA-1 forbids text that cannot be shown)."""
    if isinstance(value, str):
        value = text.printable(value)
        return "".join(MISSING_GLYPH if ch in missing else ch for ch in value) if missing else value
    if isinstance(value, dict):
        return {k: _clean(v, missing) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v, missing) for v in value]
    return value


def _compile(model: dict[str, Any]) -> bytes:
    import typst

    return bytes(
        typst.compile(
            str(TEMPLATE),
            root=str(TEMPLATE.parent),
            sys_inputs={"report": json.dumps(model, ensure_ascii=False)},
            pdf_standards=["ua-1"],
        )
    )


def pdf(snapshot: Snapshot) -> bytes:
    """The report as a tagged PDF/UA-1: real headings, tables with repeated header rows and
    rows never split, charts as vector figures with their text alternatives, contents and
    page numbers, the council's colour."""
    import typst

    model = print_model(snapshot)
    used = set(json.dumps(model, ensure_ascii=False))
    missing: set[str] = set()
    for _ in range(10):
        try:
            return _compile(_clean(model, frozenset(missing)))
        except typst.TypstError as error:
            found = _UNDISPLAYABLE.search(str(error))
            if found is None:
                raise
            shown = _TYPST_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), found.group(1))
            # the rest of the same Unicode block is most likely missing too: one retry each
            blocks = {ord(ch) >> 7 for ch in shown}
            missing.update(ch for ch in used if ord(ch) >> 7 in blocks)
            missing.update(shown)
    return _compile(_clean(model, frozenset(missing)))
