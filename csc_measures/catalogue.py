"""Render the measure catalogue (``docs/measures.md``) from the registry."""

from __future__ import annotations

import inspect
import re

from csc_measures import shapes
from csc_measures.ingest import normalise
from csc_measures.registry import POLARITY_TEXT, REGISTRY, MeasureSpec, Registry
from csc_measures.schema import LISTS

HEADER = """\
# Sightline measure catalogue

<!-- Generated from the measures registry by `sightline measures catalogue --out
docs/measures.md` (or `python -m csc_measures catalogue --out docs/measures.md`).
Do not edit by hand: change the measure's module in csc_measures/measures/ and regenerate. -->

Every figure on a Sightline dashboard comes from one of these measures, computed by the
`csc_measures` engine from an Ofsted Annex A (a workbook, or one CSV file per list). The
definitions follow catalogue v1 (`shared/measures.md`); where it is silent, the choice made is
written in the measure's methodology below.
"""

CONVENTIONS = """\
## Conventions

- **Months.** Monthly series cover every calendar month from the month containing the period
  start (default: the day after the extract date minus 12 months) to the month containing the
  extract (as-of) date, labelled `YYYY-MM`.
- **Event** measures count rows whose event date falls in the month (up to the as-of date).
- **Stock** measures count distinct `Child Unique ID` open on the last day of the month (for the
  as-of month: on the as-of date). Open on day D means start ≤ D and (end blank or end > D).
- **Snapshot** measures are computed only for the month containing the as-of date, as at that
  date; their history comes from successive monthly imports.
- **Working days** are Monday to Friday that are not bank holidays in England and Wales.
  `wd(A, B)` counts working days d with A < d ≤ B; "within N working days" means `wd(A, B) ≤ N`.
- **Months back** are calendar months, keeping the day number clamped to the month's end
  (31 March - 1 month = 28/29 February).
- **Age** is completed years at the reference date from `Date of Birth`.
- **Ratios** give numerator, denominator and value = 100 x numerator / denominator. A denominator
  of 0 gives no value.
- **Units.** Every measure is computed for the whole authority (`la`) and, where its list has
  `Allocated Team`, for each team (`team:<Allocated Team>`); a blank team is
  `team:(unallocated)`. Every team found in the list has a row in every month.
- **Not computable.** A measure whose list or column is missing is reported as not computable,
  with the reason, and writes no figures (never a zero).
- **Errors and warnings.** Errors (a rejected row, an unreadable or impossible date) stop the
  command line, which then writes nothing unless `--keep-going` is given; warnings (a duplicate
  row dropped, an unknown code, a missing optional column) are reported and never stop it.
  Events dated after the as-of date are reported and not counted.
- **Children behind a figure.** Each figure carries the IDs of the children (workers, for the
  caseload measures) counted in its numerator and its denominator.
"""


def _markdown(docstring: str | None) -> str:
    """A module docstring as Markdown: reST roles and double backquotes become code spans."""
    text = inspect.cleandoc(docstring or "")
    text = re.sub(r":\w+:`([^`]+)`", r"`\1`", text)
    return text.replace("``", "`")


def _target(spec: MeasureSpec) -> str:
    if spec.default_target is None:
        return "-"
    value = spec.default_target
    text = f"{value:g}"
    return f"{text}%" if spec.unit == "%" else text


def _columns(spec: MeasureSpec) -> str:
    return "; ".join(
        f"List {n}: " + ", ".join(f"`{c}`" for c in cols) for n, cols in sorted(spec.uses.items())
    )


def _id_kind(spec: MeasureSpec) -> str:
    if spec.kind in {"ratio", "average"}:
        return f"numerator: {spec.numerator_ids} IDs; denominator: {spec.denominator_ids} IDs"
    return f"{spec.numerator_ids} IDs"


def _lists_table() -> list[str]:
    lines = [
        "Sheets (or CSV files) are recognised by name: `List 3`, `List_3`, `list3`,",
        "`List 3 - referrals.csv`, or a title such as `Referrals`. Lists 1 to 9 are required (a",
        "missing one stops the run); lists 10 and 11 are read when present.",
        "",
        "| List | Title | Required | Key date (a blank or unreadable one rejects the row) |",
        "|---|---|---|---|",
    ]
    for n, spec in LISTS.items():
        key = ", ".join(f"`{c}`" for c in spec.required_dates) or "-"
        required = "yes" if spec.required_list else "no"
        lines.append(f"| {n} | {spec.title} | {required} | {key} |")
    return lines


def render_catalogue(registry: Registry[MeasureSpec] | None = None) -> str:
    """The whole catalogue as Markdown, deterministic for a given registry."""
    reg = REGISTRY if registry is None else registry
    lines: list[str] = [HEADER, "## Summary", ""]
    lines.append("| ID | Title | Type | Unit | Polarity | Basis | Default target |")
    lines.append("|---|---|---|---|---|---|---|")
    lines.extend(
        f"| [{spec.id}](#{spec.id.lower()}) | {spec.title} | {spec.kind} | {spec.unit} | "
        f"{spec.polarity} | {spec.basis} | {_target(spec)} |"
        for spec in reg.values()
    )
    lines += ["", CONVENTIONS, "## How the input is read", "", *_lists_table(), ""]
    lines.append(_markdown(normalise.__doc__).partition("Rules:")[2].strip())
    lines += ["", "## Shapes", "", _markdown(shapes.__doc__), "", "## Measures", ""]
    for spec in reg.values():
        lines += [
            f"### {spec.id}",
            "",
            f"**{spec.title}**",
            "",
            f"- Definition: {spec.definition}",
            f"- Type: {spec.kind}; unit: {spec.unit}; basis: {spec.basis}",
            f"- Polarity: {spec.polarity} ({POLARITY_TEXT[spec.polarity]})",
            f"- Default target: {_target(spec)}",
            f"- Uses: {_columns(spec)}",
            f"- Drill-down: {_id_kind(spec)}",
            "",
            "Methodology:",
            "",
            spec.methodology,
            "",
        ]
    if registry is None:
        from csc_measures.returns.catalogue import returns_catalogue_lines

        lines += returns_catalogue_lines()
    return "\n".join(lines).rstrip("\n") + "\n"
