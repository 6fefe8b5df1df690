"""The returns measures' part of ``docs/measures.md``."""

from __future__ import annotations

from csc_measures.registry import POLARITY_TEXT
from csc_measures.returns import dfe
from csc_measures.returns.registry import RETURNS_REGISTRY, SOURCE_TITLES, ReturnMeasureSpec

INTRO = """\
## Measures on the DfE's definitions (CIN census and SSDA903)

These measures read the statutory returns instead of an Annex A: the CIN census (`DC…`) and the
SSDA903 children looked after return (`DL…`), one collection year each (1 April to 31 March).
Each is one figure for the whole authority, labelled with the month of the year's end
(`2025-03` for 2024-25), with the children behind it. `sightline measures --cin FILE.xml
--ssda903 FOLDER --as-of DATE --out FILE.csv` computes them (with or without `--annex-a`), in
the same CSV as the Annex A figures; `--compare-dfe CODE` prints each beside the DfE's published
figure of the same definition for that authority and England (from `data/dfe/`), where one is
published. How the returns are read and checked: `csc_measures/returns/` (docstrings).
"""


def _target(spec: ReturnMeasureSpec) -> str:
    if spec.default_target is None:
        return "-"
    text = f"{spec.default_target:g}"
    return f"{text}%" if spec.unit == "%" else text


def returns_catalogue_lines() -> list[str]:
    from csc_measures import measures as _measures  # noqa: F401  (registers the catalogue)

    lines = [INTRO, "| ID | Title | Return | Type | Unit | Polarity | DfE published figure |"]
    lines.append("|---|---|---|---|---|---|---|")
    for spec in RETURNS_REGISTRY.values():
        published = dfe.PUBLISHED.get(spec.id)
        lines.append(
            f"| [{spec.id}](#{spec.id.lower()}) | {spec.title} | {SOURCE_TITLES[spec.source]} | "
            f"{spec.kind} | {spec.unit} | {spec.polarity} | "
            f"{published.describe() if published else 'none in data/dfe/'} |"
        )
    lines.append("")
    for spec in RETURNS_REGISTRY.values():
        uses = "; ".join(
            f"{table}: " + ", ".join(f"`{c}`" for c in cols) for table, cols in spec.uses.items()
        )
        lines += [
            f"### {spec.id}",
            "",
            f"**{spec.title}**",
            "",
            f"- Definition: {spec.definition}",
            f"- Return: {SOURCE_TITLES[spec.source]}",
            f"- Type: {spec.kind}; unit: {spec.unit}; basis: {spec.basis}",
            f"- Polarity: {spec.polarity} ({POLARITY_TEXT[spec.polarity]})",
            f"- Default target: {_target(spec)}",
            f"- Uses: {uses}",
            "",
            "Methodology:",
            "",
            spec.methodology,
            "",
        ]
    return lines
