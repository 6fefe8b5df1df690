"""The frozen shape of a report: what every renderer (HTML, PDF, Word, Excel) reads.

A report's sections are built from the data into this plain, JSON-serialisable shape, with
every figure already formatted for its audience (units shown, months as "Oct 2026", small
counts withheld by the kernel's disclosure policy). A published report keeps its snapshot, so
a later import never changes a paper the board has read. Renderers read only this shape: they
never query the database, so the same snapshot always gives the same paper.

Raw numbers appear only where a chart needs them (``ChartPoint.value``); a withheld point has
``value`` ``None`` and ``withheld`` true.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

SCHEMA_VERSION = 1

ReportType = Literal[
    "board_pack",
    "scrutiny_dashboard",
    "dfe_highlight",
    "chair_report",
    "committee_paper",
    "custom",
]
Audience = Literal["board", "members", "dfe", "cabinet", "public"]
RagValue = Literal["red", "amber", "green", "grey"]
#: ``csc_measures.spc.VariationIcon`` values, or "none" when there is no chart.
Variation = Literal[
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
    "none",
]
#: ``csc_measures.spc.AssuranceIcon`` values, or "none" when there is no target or no limits.
Assurance = Literal["consistent_pass", "consistent_fail", "hit_or_miss", "none"]
SectionKind = Literal[
    "headlines",  # data: HeadlinesData
    "narrative",  # data: {} (the section's narrative is the content)
    "scorecard",  # data: ScorecardData
    "mdc_matrix",  # data: MatrixData
    "measure_charts",  # data: MeasureChartsData
    "plan",  # data: PlanData
    "audits",  # data: AuditsData
    "workforce",  # data: TableData
    "voice",  # data: VoiceData
    "risks",  # data: TableData
    "recommendations",  # data: TableData
    "dfe_assessment",  # data: DfeAssessmentData
]


class Logo(TypedDict):
    type: str  # "image/png" or "image/svg+xml"
    data: str  # base64
    alt: str
    width: int
    height: int


class Authority(TypedDict):
    name: str
    code: str  # DfE code, may be ""
    brand_colour: str  # "#1d70b8"
    logo: NotRequired[Logo | None]  # frozen with the snapshot; absent in older snapshots


class ReportMeta(TypedDict):
    id: int
    type: ReportType
    type_label: str  # "Board pack"
    title: str  # "Improvement Board pack, October 2026"
    audience: Audience
    audience_label: str  # "Elected members"
    period_label: str  # "October 2026" or "1 Sep 2026 to 31 Oct 2026"
    period_start: str  # ISO date
    period_end: str  # ISO date
    status: Literal["draft", "in_review", "approved", "published"]
    status_label: str
    prepared_by: str  # a person's name
    approved_by: NotRequired[str]
    approved_on: NotRequired[str]  # "4 Dec 2026"
    published_on: NotRequired[str]
    next_update: NotRequired[str]  # "15 Jan 2027" (DfE highlight report)
    authority: Authority
    #: The disclosure rule applied, in words, when anything was withheld ("" otherwise).
    disclosure_note: str


class HeadlinesData(TypedDict):
    items: list[str]


class ScorecardRow(TypedDict):
    measure_id: str  # "FD03"
    title: str
    unit_label: str  # "% of referrals", "rate per 10,000 children", "count", "days"
    period_label: str  # "Oct 2026", or "" when not covered
    latest: str  # "26%", "41.2 per 10,000", "[c]" when withheld, "Not covered"
    target: str  # "22%" or ""
    rag: RagValue
    rag_label: str
    variation: Variation
    variation_label: str
    assurance: Assurance
    assurance_label: str
    change: str  # "up 2 percentage points since Sep 2026", "" when none
    england: str  # same unit as ``latest``, "" when not published
    region: str
    neighbours: str
    #: Plain-English reading when RAG and SPC seem to disagree, else "".
    reading: str
    #: Why a figure is withheld ("" when nothing is).
    withheld_rule: str


class ScorecardData(TypedDict):
    rows: list[ScorecardRow]


class MatrixCell(TypedDict):
    variation: Literal["improving", "common_cause", "concerning", "neutral"]
    assurance: Literal["consistent_pass", "hit_or_miss", "consistent_fail", "none"]
    measures: list[dict[str, str]]  # [{"measure_id": "FD03", "title": "..."}]


class MatrixData(TypedDict):
    #: Every (variation, assurance) pair in reading order; empty cells have no measures.
    cells: list[MatrixCell]


class ChartPoint(TypedDict):
    label: str  # "Oct 2026"
    value: float | None
    withheld: bool
    #: "improving" | "concerning" | "neutral" | "" (a special-cause point)
    signal: str


class MeasureChart(TypedDict):
    measure_id: str
    title: str
    unit_label: str
    y_axis_title: str  # "Re-referrals (% of referrals)"
    points: list[ChartPoint]
    mean: float | None
    upper: float | None
    lower: float | None
    target: float | None
    variation_label: str
    assurance_label: str
    #: The chart's text alternative: what it shows in one or two sentences.
    alt_text: str
    #: Drafted reading of the chart (editable narrative lives on the section).
    summary: str


class MeasureChartsData(TypedDict):
    charts: list[MeasureChart]


class PlanPriority(TypedDict):
    number: str  # "1"
    title: str
    brag: Literal["blue", "red", "amber", "green", "grey"]
    brag_label: str
    impact: str  # the impact statement / latest evidence, "" when none
    actions: str  # "12 actions: 8 complete, 3 on track, 1 overdue"
    categories: list[str]  # Ofsted reporting categories this priority serves


class PlanData(TypedDict):
    priorities: list[PlanPriority]


class AuditRow(TypedDict):
    grade: str  # "Outstanding", "Good", "Requires improvement", "Inadequate"
    count: str  # "14" or "[c]"
    share: str  # "23%" or "[c]"
    interval: str  # "95% interval 14% to 35%" or ""
    target: str  # "at least 42% good or better" or ""


class AuditsData(TypedDict):
    period_label: str
    audits_completed: str  # "62" or "[c]"
    rows: list[AuditRow]


class TableData(TypedDict):
    """A plain table: ``header`` is the column headings; each row has as many cells."""

    caption: str
    header: list[str]
    rows: list[list[str]]


class VoiceItem(TypedDict):
    you_said: str
    we_did: str
    source: str  # "Children in Care Council, Sep 2026"


class VoiceData(TypedDict):
    items: list[VoiceItem]
    #: Ambassadors' words and the Chair's responses, already as plain text.
    responses: list[str]


class DfeCategoryRow(TypedDict):
    category: str  # "Children in need of help and protection"
    priorities: list[str]  # "Priority 2: Front door"
    rag: Literal["red", "amber", "green", "grey"]
    summary: str


class DfeAssessmentData(TypedDict):
    #: The seed's definitions of Red, Amber and Green, shown with the table.
    rag_definitions: dict[str, str]
    rows: list[DfeCategoryRow]


class Section(TypedDict):
    kind: SectionKind
    title: str
    #: Paragraphs of plain text written (or edited) by people; blank lines separate paragraphs.
    narrative: str
    #: The kind's data (see ``SectionKind``); ``{}`` for narrative sections.
    data: dict[str, object]


class Snapshot(TypedDict):
    schema: int  # SCHEMA_VERSION
    report: ReportMeta
    sections: list[Section]
