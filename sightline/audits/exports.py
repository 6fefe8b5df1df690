"""Exports: one audit as PDF (WeasyPrint), a period summary as Excel (xlsxwriter)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.template.loader import render_to_string

from sightline.kernel.disclosure import MARK, NOTE, Policy, policy, suppress_parts
from sightline.kernel.exports import neutralise
from sightline.kernel.pdf import html_to_pdf
from sightline.organisation.models import Authority

from . import selectors
from .models import GRADE_ORDER, Audit, Framework, Grade


def audit_pdf(*, audit: Audit, areas: list[dict[str, str]], answers: list[dict[str, str]]) -> bytes:
    html = render_to_string(
        "audits/audit_pdf.html",
        {
            "audit": audit,
            "areas": areas,
            "answers": answers,
            "actions": audit.actions.select_related("owner"),
            "moderation": getattr(audit, "moderation", None),
        },
    )
    return html_to_pdf(html)


def summary_xlsx(
    *,
    authority: Authority,
    suppress: bool | Policy,
    today: date,
    period: selectors.Period = selectors.ALL_MONTHS,
    framework: Framework | None = None,
) -> bytes:
    """Grade distribution by month, team and locality (with Wilson intervals), area grades
    and theme frequency. Under a withholding disclosure policy (``suppress``), counts of 1–4
    are marked [c], and so is every figure that would give one back (a total minus the other
    grades, a share times the number audited); the About sheet and each row say which rule
    hid what."""
    import xlsxwriter

    rule = suppress if isinstance(suppress, Policy) else policy(suppress=suppress)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    pct = book.add_format({"num_format": "0.0%"})
    labels = [Grade(g).label for g in GRADE_ORDER]
    notes = book.add_worksheet("About")
    notes.write(0, 0, f"Case-file audit summary, {authority.name}, produced {today:%d %B %Y}", bold)
    key = framework.key if framework else "practice-fundamentals"
    title = framework.title if framework else "Practice Fundamentals"
    notes.write(1, 0, f"Overall grades after moderation; {title} audits; {period.label}.")
    notes.write(2, 0, "Intervals are Wilson 95% score intervals.")
    notes.write(
        3,
        0,
        f"Targets: at least {selectors.TARGET_GOOD_MIN:.0%} good or better, at most "
        f"{selectors.TARGET_INADEQUATE_MAX:.0%} inadequate.",
    )
    if rule.suppress:
        notes.write(4, 0, NOTE)
    for by in ("month", "team", "locality"):
        rows = selectors.grade_distribution(
            authority=authority, by=by, suppress=rule, framework_key=key, period=period
        )
        _grade_sheet(book, rows=rows, by=by, labels=labels)
    groups, areas = selectors.area_grades(authority=authority, period=period)
    sheet = book.add_worksheet("Areas")
    sheet.write_row(0, 0, ["Area (share good or better)", "All", *groups], bold)
    for r, area in enumerate(areas, start=1):
        sheet.write(r, 0, neutralise(area.title))
        props = [area.overall, *(area.by_group[g] for g in groups)]
        for c, prop in enumerate(props, start=1):
            hidden = rule.percentage(prop.count, prop.total) is not None
            _write_share(sheet, r, c, None if hidden else prop.share, pct)
    sheet.set_column(0, 0, 44)
    table = selectors.theme_frequency(authority=authority, by="month")
    sheet = book.add_worksheet("Themes")
    sheet.write_row(0, 0, ["Theme", *table.columns, "Total", "Withheld by"], bold)
    for r, (theme, cells, total) in enumerate(table.rows, start=1):
        sheet.write(r, 0, neutralise(theme))
        w_total, w_cells = suppress_parts(total, list(cells), policy=rule)
        shown = zip([*cells, total], [*w_cells, w_total], strict=True)
        for c, (value, w) in enumerate(shown, start=1):
            sheet.write(r, c, rule.cell(value, w))
        reasons = sorted({w.reason for w in [*w_cells, w_total] if w is not None})
        sheet.write(r, len(cells) + 2, "; ".join(reasons))
    book.close()
    return buffer.getvalue()


def _write_share(sheet: Any, row: int, col: int, value: float | None, fmt: Any) -> None:
    if value is None:
        sheet.write(row, col, "")
    else:
        sheet.write_number(row, col, value, fmt)


def _grade_sheet(book: Any, *, rows: list[selectors.GradeRow], by: str, labels: list[str]) -> None:
    bold = book.add_format({"bold": True})
    pct = book.add_format({"num_format": "0.0%"})
    sheet = book.add_worksheet(f"By {by}")
    header = [
        by.title(),
        "Audits",
        *labels,
        "Good or better",
        "Lower 95%",
        "Upper 95%",
        "Inadequate",
        "Lower 95%",
        "Upper 95%",
        "Withheld by",
    ]
    for col, text in enumerate(header):
        sheet.write(0, col, text, bold)
    for r, row in enumerate(rows, start=1):
        sheet.write(r, 0, neutralise(row.label))
        sheet.write(r, 1, MARK if row.total_withheld else row.total)
        for c, grade in enumerate(GRADE_ORDER, start=2):
            value = row.counts[grade]
            sheet.write(r, c, MARK if value is None else value)
        col = 2 + len(GRADE_ORDER)
        for prop in (row.good, row.inadequate):
            for share in (prop.share, prop.low, prop.high):
                _write_share(sheet, r, col, share, pct)
                col += 1
        sheet.write(r, col, "; ".join(row.rules))
    sheet.set_column(0, 0, 32)
