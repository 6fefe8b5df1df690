"""The report types, as data: each type's label, default audience and default sections, after
the council papers in ``seeds/`` (000 the Independent Chair's report to scrutiny, 001/003 the
scrutiny committee's dashboard and plan update, 002 the DfE adviser's 6-weekly highlight
report, 004 the Cabinet report with the plan as an appendix).

A section's ``config`` says what the section shows: ``measures`` (measure IDs) for scorecards
and charts; ``draft`` (a drafter in :mod:`sightline.reports.drafting`) for narrative sections
that start as a draft written from the figures; ``proposes`` (``going_well`` or ``concerns``)
for lists the author chooses from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from csc_measures import REGISTRY

#: Every section kind, with the label the edit page shows (snapshot.SectionKind).
KINDS: Final[dict[str, str]] = {
    "headlines": "Headline messages (a list)",
    "narrative": "Narrative (free text)",
    "scorecard": "Scorecard of chosen measures",
    "mdc_matrix": "Making Data Count summary matrix",
    "measure_charts": "Measure pages with their SPC charts",
    "plan": "Improvement plan on a page",
    "audits": "Case-file audit grades",
    "workforce": "Workforce",
    "voice": "Voice of children and families",
    "risks": "Risks",
    "recommendations": "Inspection recommendations",
    "dfe_assessment": "Detailed assessment by Ofsted reporting category",
}
#: Kinds whose measures the author chooses.
MEASURE_KINDS: Final = frozenset({"scorecard", "measure_charts", "mdc_matrix"})

AUDIENCES: Final[dict[str, str]] = {
    "board": "Improvement Board",
    "members": "Elected members",
    "dfe": "DfE",
    "cabinet": "Cabinet",
    "public": "Public",
}

#: Each audience as a sentence says it ("the reports you prepare are for the DfE").
AUDIENCE_PHRASES: Final[dict[str, str]] = {
    "board": "the Improvement Board",
    "members": "elected members",
    "dfe": "the DfE",
    "cabinet": "Cabinet",
    "public": "the public",
}

#: The measures a board reads first: every measure with a target and a direction.
TARGETED: Final[tuple[str, ...]] = tuple(
    m for m, spec in REGISTRY.items() if spec.default_target is not None and spec.polarity != "·"
)
#: A few measures whose charts tell the child's journey.
KEY_CHARTS: Final[tuple[str, ...]] = ("FD04", "AS02", "CP07", "LA04", "CL03", "WF02")


@dataclass(frozen=True)
class SectionSpec:
    kind: str
    title: str
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportType:
    key: str
    label: str
    audience: str
    description: str
    #: ``{period}`` is replaced by the period's label.
    title: str
    sections: tuple[SectionSpec, ...]


def _scorecard(title: str = "Scorecard") -> SectionSpec:
    return SectionSpec("scorecard", title, {"measures": list(TARGETED)})


def _matrix() -> SectionSpec:
    return SectionSpec("mdc_matrix", "Making Data Count summary", {"measures": list(TARGETED)})


def _charts() -> SectionSpec:
    return SectionSpec("measure_charts", "Key measures over time", {"measures": list(KEY_CHARTS)})


TYPES: Final[dict[str, ReportType]] = {
    t.key: t
    for t in (
        ReportType(
            key="board_pack",
            label="Board pack",
            audience="board",
            description="The Improvement Board's pack: headlines, the Making Data Count "
            "summary, the scorecard and key charts, the plan, audits, workforce, voice, risks "
            "and the inspection recommendations.",
            title="Improvement Board pack, {period}",
            sections=(
                SectionSpec("narrative", "Summary", {"draft": "overview"}),
                SectionSpec("headlines", "What is going well", {"proposes": "going_well"}),
                SectionSpec("headlines", "Risks and concerns", {"proposes": "concerns"}),
                _matrix(),
                _scorecard(),
                _charts(),
                SectionSpec("plan", "Improvement plan on a page"),
                SectionSpec("audits", "Case-file audits"),
                SectionSpec("workforce", "Workforce"),
                SectionSpec("voice", "Voice of children and families"),
                SectionSpec("risks", "Risks"),
                SectionSpec("recommendations", "Inspection recommendations"),
            ),
        ),
        ReportType(
            key="scrutiny_dashboard",
            label="Scrutiny dashboard",
            audience="members",
            description="The scrutiny committee's monthly dashboard and improvement plan "
            "update, with small numbers suppressed.",
            title="Children's services performance and improvement plan update, {period}",
            sections=(
                SectionSpec("narrative", "Introduction", {"draft": "overview"}),
                _scorecard("Performance dashboard"),
                _matrix(),
                SectionSpec("plan", "Improvement plan update"),
                SectionSpec("audits", "Quality of practice: case-file audits"),
                SectionSpec("workforce", "Workforce"),
                SectionSpec("voice", "What children and families tell us"),
            ),
        ),
        ReportType(
            key="dfe_highlight",
            label="DfE highlight report",
            audience="dfe",
            description="The DfE adviser's 6-weekly highlight report: headline messages for "
            "the Minister, what is going well, risks and concerns, R/A/G by Ofsted reporting "
            "category, what is coming up.",
            title="Local authority intervention: 6-weekly adviser highlight report, {period}",
            sections=(
                SectionSpec(
                    "narrative", "Headline messages for the Minister", {"draft": "minister"}
                ),
                SectionSpec(
                    "headlines", "Overview: things that are going well", {"proposes": "going_well"}
                ),
                SectionSpec("headlines", "Overview: risks and concerns", {"proposes": "concerns"}),
                SectionSpec("dfe_assessment", "Detailed assessment"),
                SectionSpec(
                    "narrative",
                    "What is coming up in the next reporting period",
                    {"draft": "coming_up"},
                ),
                SectionSpec("narrative", "Additional information"),
            ),
        ),
        ReportType(
            key="chair_report",
            label="Chair's report",
            audience="members",
            description="The Independent Chair of the Improvement Board reports to the "
            "scrutiny committee: introduction, position statement, analysis, conclusion.",
            title="Report from the Independent Chair of the Improvement Board, {period}",
            sections=(
                SectionSpec("narrative", "1. Introduction", {"draft": "chair_intro"}),
                SectionSpec("narrative", "2. Position statement", {"draft": "overview"}),
                SectionSpec("headlines", "What is going well", {"proposes": "going_well"}),
                SectionSpec("headlines", "Risks and concerns", {"proposes": "concerns"}),
                SectionSpec("narrative", "3. Analysis", {"draft": "analysis"}),
                _matrix(),
                SectionSpec("narrative", "4. Conclusion"),
            ),
        ),
        ReportType(
            key="committee_paper",
            label="Committee or Cabinet paper",
            audience="cabinet",
            description="A committee or Cabinet report: purpose, recommendations, background "
            "and the improvement plan as an appendix.",
            title="Children's services improvement plan, {period}",
            sections=(
                SectionSpec("narrative", "Purpose of report", {"draft": "purpose"}),
                SectionSpec("narrative", "Recommendations", {"draft": "recommendations"}),
                SectionSpec("narrative", "Background", {"draft": "background"}),
                SectionSpec("risks", "Risks"),
                SectionSpec("plan", "Appendix: the improvement plan"),
                SectionSpec("recommendations", "Appendix: inspection recommendations"),
            ),
        ),
        ReportType(
            key="custom",
            label="Custom report",
            audience="board",
            description="A blank report: add the sections you need.",
            title="Report, {period}",
            sections=(),
        ),
    )
}


def type_choices() -> list[tuple[str, str]]:
    return [(t.key, t.label) for t in TYPES.values()]


def audience_choices() -> list[tuple[str, str]]:
    return list(AUDIENCES.items())


def kind_choices() -> list[tuple[str, str]]:
    return list(KINDS.items())
