"""A report snapshot as HTML: a whole self-contained document (for download, print and PDF) or
just its sections (for a page that extends ``base.html``).

Each section kind has one template, ``reports/sections/<kind>.html``, given ``section`` (the
snapshot's section with a few prepared extras: ``anchor``, ``blocks`` of narrative, and per kind
the charts' SVG or the matrix rows) and ``report`` (the snapshot's report meta).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from sightline.reports.snapshot import MeasureChart, ReportMeta, Section, Snapshot

from . import charts, text
from .logo import logo_of

_SAFE_COLOUR = "#1d70b8"


def brand_colour(snapshot: Snapshot) -> str:
    """The council's colour if it is a plain ``#rrggbb`` (it goes into CSS), else GOV.UK blue."""
    colour = snapshot["report"]["authority"].get("brand_colour", "")
    if (
        len(colour) == 7
        and colour.startswith("#")
        and all(ch in "0123456789abcdefABCDEF" for ch in colour[1:])
    ):
        return colour
    return _SAFE_COLOUR


def paragraphs_html(value: str) -> SafeString:
    """People's text as escaped <p> and <ul> (Markdown marks rendered, never shown raw)."""
    parts = []
    for block in text.blocks(value):
        if block.kind == "ul":
            items = "".join(f"<li>{text.inline_html(i)}</li>" for i in block.items)
            parts.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
        else:
            parts.append(f'<p class="govuk-body">{text.inline_html(block.items[0])}</p>')
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def _chart_context(chart: MeasureChart, chart_id: str) -> dict[str, Any]:
    values = [p["value"] for p in chart["points"] if p["value"] is not None]
    decimals = 0 if all(float(v).is_integer() for v in values) else 1
    rows = [
        {
            "label": p["label"],
            "value": _point_value(chart, p["value"], withheld=p["withheld"], decimals=decimals),
            "signal": charts.SIGNAL_LABELS.get(p["signal"], ""),
            "short_signal": charts.SHORT_SIGNALS.get(p["signal"], "Usual"),
        }
        for p in chart["points"]
    ]
    return {
        **chart,
        "id": chart_id,
        "svg": mark_safe(charts.xmr_svg(chart, chart_id=chart_id)),  # noqa: S308 - escaped
        "rows": rows,
        "lines": [
            (label, _point_value(chart, value, withheld=False, decimals=1))
            for label, value in (
                ("Mean", chart["mean"]),
                ("Upper process limit", chart["upper"]),
                ("Lower process limit", chart["lower"]),
                ("Target", chart["target"]),
            )
            if value is not None
        ],
        "summary_html": paragraphs_html(chart["summary"]),
    }


def _point_value(chart: MeasureChart, value: float | None, *, withheld: bool, decimals: int) -> str:
    """A chart figure with its unit, as a lay reader reads it."""
    if withheld:
        return "[c]"
    if value is None:
        return "Not covered"
    unit = chart["unit_label"]
    number = f"{value:,.{decimals}f}"
    if unit.startswith("%"):
        return f"{number}%"
    if unit.startswith("rate per"):
        return f"{number} per {unit.removeprefix('rate per ').split(' ')[0]}"
    if unit == "count":
        return number
    return f"{number} {unit}"


def prepare_section(section: Section, index: int) -> dict[str, Any]:
    """The context a section template reads."""
    anchor = f"section-{index}"
    prepared: dict[str, Any] = {
        **section,
        "anchor": anchor,
        "narrative_html": paragraphs_html(section["narrative"]),
    }
    data: dict[str, Any] = dict(section["data"])
    if section["kind"] == "measure_charts":
        prepared["charts"] = [
            _chart_context(chart, f"{anchor}-chart-{n}")
            for n, chart in enumerate(data.get("charts", []), start=1)
        ]
    elif section["kind"] == "mdc_matrix":
        prepared["matrix_rows"] = charts.matrix_rows(data)  # type: ignore[arg-type]
        prepared["matrix_columns"] = charts.matrix_columns()
    elif section["kind"] == "scorecard":
        prepared["readings"] = [
            r for r in data.get("rows", []) if r.get("reading") or r.get("withheld_rule")
        ]
    elif section["kind"] == "headlines":
        prepared["items_html"] = [mark_safe(text.inline_html(i)) for i in data.get("items", [])]  # noqa: S308
    elif section["kind"] == "voice":
        prepared["responses_html"] = [paragraphs_html(r) for r in data.get("responses", [])]
    elif section["kind"] == "dfe_assessment":
        prepared["rag_definitions"] = list(data.get("rag_definitions", {}).items())
    prepared["data"] = data
    return prepared


def prepare(snapshot: Snapshot) -> dict[str, Any]:
    """The template context of a whole report."""
    return {
        "report": snapshot["report"],
        "sections": [prepare_section(s, n) for n, s in enumerate(snapshot["sections"], start=1)],
        "brand_colour": brand_colour(snapshot),
        "logo": logo_of(snapshot["report"]),
    }


def section_html(section: Section, index: int, *, report: ReportMeta) -> SafeString:
    """One section (an <h2 id="section-<index>"> and its content), for a page that shows
    the sections one by one (with an edit link beside each, say). ``index`` counts from 1."""
    return mark_safe(  # noqa: S308 - a rendered template, autoescaped
        render_to_string(
            f"reports/sections/{section['kind']}.html",
            {"section": prepare_section(section, index), "report": report},
        )
    )


def sections_html(snapshot: Snapshot) -> SafeString:
    """Just the sections (each an <h2> and its content), for a page that extends base.html."""
    context = prepare(snapshot)
    return mark_safe(  # noqa: S308 - rendered templates, autoescaped
        "".join(
            render_to_string(
                f"reports/sections/{section['kind']}.html",
                {"section": section, "report": context["report"]},
            )
            for section in context["sections"]
        )
    )


def html(snapshot: Snapshot, *, for_print: bool = False) -> str:
    """The whole report as one self-contained HTML document (inline CSS, no external URLs).

    ``for_print`` adds paged media (A4 pages, page numbers, the contents' page numbers), the
    form WeasyPrint turns into the PDF."""
    context = prepare(snapshot)
    context["for_print"] = for_print
    return render_to_string("reports/print/report.html", context)
