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


#: The measures a new section of each measure kind starts with (a type's or one added).
DEFAULT_MEASURES: Final[dict[str, tuple[str, ...]]] = {
    "scorecard": TARGETED,
    "mdc_matrix": TARGETED,
    "measure_charts": KEY_CHARTS,
}


def default_config(kind: str) -> dict[str, Any]:
    """A new section's config: its kind's default measures, if it shows measures."""
    return {"measures": list(DEFAULT_MEASURES[kind])} if kind in DEFAULT_MEASURES else {}


def _measures(kind: str, title: str) -> SectionSpec:
    return SectionSpec(kind, title, default_config(kind))


def _scorecard(title: str = "Scorecard") -> SectionSpec:
    return _measures("scorecard", title)


def _matrix() -> SectionSpec:
    return _measures("mdc_matrix", "Making Data Count summary")


def _charts() -> SectionSpec:
    return _measures("measure_charts", "Key measures over time")


def _narrative(title: str, draft: str | None = None) -> SectionSpec:
    """Free text; with ``draft``, it starts as what that drafter writes from the figures."""
    return SectionSpec("narrative", title, {"draft": draft} if draft else {})


def _proposed(
    going_well: str = "What is going well", concerns: str = "Risks and concerns"
) -> tuple[SectionSpec, SectionSpec]:
    """The two lists proposed from the figures, which the author chooses from."""
    return (
        SectionSpec("headlines", going_well, {"proposes": "going_well"}),
        SectionSpec("headlines", concerns, {"proposes": "concerns"}),
    )


def _practice(plan: str, audits: str, voice: str) -> tuple[SectionSpec, ...]:
    """The plan, audits, workforce and voice, in that order, under the paper's own titles."""
    return (
        SectionSpec("plan", plan),
        SectionSpec("audits", audits),
        SectionSpec("workforce", "Workforce"),
        SectionSpec("voice", voice),
    )


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
                _narrative("Summary", "overview"),
                *_proposed(),
                _matrix(),
                _scorecard(),
                _charts(),
                *_practice(
                    "Improvement plan on a page",
                    "Case-file audits",
                    "Voice of children and families",
                ),
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
                _narrative("Introduction", "overview"),
                _scorecard("Performance dashboard"),
                _matrix(),
                *_practice(
                    "Improvement plan update",
                    "Quality of practice: case-file audits",
                    "What children and families tell us",
                ),
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
                _narrative("Headline messages for the Minister", "minister"),
                *_proposed("Overview: things that are going well", "Overview: risks and concerns"),
                SectionSpec("dfe_assessment", "Detailed assessment"),
                _narrative("What is coming up in the next reporting period", "coming_up"),
                _narrative("Additional information"),
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
                _narrative("1. Introduction", "chair_intro"),
                _narrative("2. Position statement", "overview"),
                *_proposed(),
                _narrative("3. Analysis", "analysis"),
                _matrix(),
                _narrative("4. Conclusion"),
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
                _narrative("Purpose of report", "purpose"),
                _narrative("Recommendations", "recommendations"),
                _narrative("Background", "background"),
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
