"""Building a report's snapshot from the data, through each module's selectors.

Every figure is formatted for a lay reader (:mod:`.wording`) and the audience's small-number
rule is applied here, in one place (``disclosure_policy``, ``_hides``, ``_cell``), so that the
renderers and the drafts only ever see what the audience may see. The snapshot's shape is
:mod:`sightline.reports.snapshot`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django.utils import timezone

from csc_measures import REGISTRY
from csc_measures.spc import Rule, Side, XmrChart, xmr_compute
from sightline.core.roles import Role
from sightline.kernel import disclosure
from sightline.kernel.disclosure import Policy
from sightline.organisation.branding import logo_for_report

from . import drafting, wording
from .categories import RAG_DEFINITIONS, Category, categories_of
from .drafting import Facts, MeasureFacts, PriorityFacts, RiskFacts
from .snapshot import (
    SCHEMA_VERSION,
    AuditRow,
    ChartPoint,
    MatrixCell,
    MeasureChart,
    PlanPriority,
    ReportMeta,
    ScorecardRow,
    Section,
    Snapshot,
    TableData,
)
from .types import AUDIENCES, TARGETED, TYPES

if TYPE_CHECKING:
    from sightline.organisation.models import Authority

    from .models import Report, ReportSection

# --- disclosure: the one place that decides what each audience sees ---------------------------

#: The reports' colour for an authority that has not chosen its own (GOV.UK blue).
DEFAULT_BRAND_COLOUR = "#1d70b8"

#: Audiences that never see a count of 1 to 4 (DESIGN.md: members, the public, the DfE; and
#: Cabinet, whose papers are public).
SUPPRESSED_AUDIENCES = frozenset({"members", "dfe", "public", "cabinet"})


def disclosure_policy(*, authority: Authority, audience: str) -> Policy:
    """The small-number rule for a paper written for ``audience`` (ADR 0018): withheld for
    members, the DfE, Cabinet and the public; for the board, as the authority's disclosure
    setting says for board members (the same rule as every page the board reads)."""
    threshold = authority.disclosure_threshold or disclosure.DEFAULT_THRESHOLD
    if audience in SUPPRESSED_AUDIENCES:
        return disclosure.policy(suppress=True, threshold=threshold)
    board_withheld = Role.BOARD_MEMBER in set(authority.disclosure_withheld_roles or ())
    return disclosure.policy(suppress=audience == "board" and board_withheld, threshold=threshold)


def _hides(policy: Policy, *counts: int | None) -> bool:
    """Whether a figure built on these counts is withheld (``Policy.hides``)."""
    return policy.hides(*counts)


def _cell(policy: Policy, count: int | None) -> str:
    """A count as a table cell: the number, or ``[c]`` when withheld (``Policy.cell``)."""
    value = policy.cell(count)
    return "" if value is None else (value if isinstance(value, str) else f"{value:,}")


def _cells_with_complement(policy: Policy, counts: list[int], total: int) -> list[str]:
    """Cells of a row whose total is shown, by the kernel's primary and secondary rules
    (``suppress_parts``): no withheld cell can be worked out from the total and the others."""
    _, withheld = disclosure.suppress_parts(total, list(counts), policy=policy)
    return [
        disclosure.MARK if w is not None else _cell(policy, c)
        for c, w in zip(counts, withheld, strict=True)
    ]


# --- measures ---------------------------------------------------------------------------------

_MATRIX_VARIATION = {
    "improvement_high": "improving",
    "improvement_low": "improving",
    "concern_high": "concerning",
    "concern_low": "concerning",
    "neutral_high": "neutral",
    "neutral_low": "neutral",
    "common_cause": "common_cause",
}
_RAG_LABELS = {
    "green": "Green: meets the target",
    "amber": "Amber: within tolerance of the target",
    "red": "Red: outside tolerance",
    "grey": "Grey: no target",
}
_DIRECTION = {"↑": "up", "↓": "down"}


@dataclass(frozen=True)
class BuiltMeasure:
    facts: MeasureFacts
    row: ScorecardRow
    chart: MeasureChart


def _signal(chart: XmrChart, variation: str) -> str:
    """What made the latest point a special cause, in words."""
    points = [p for p in chart.points if p.value is not None]
    if not points or not points[-1].signals:
        return ""
    last = points[-1]
    rules = {s.rule: s.side for s in last.signals}
    if Rule.OUTSIDE_LIMITS in rules:
        high = rules[Rule.OUTSIDE_LIMITS] is Side.HIGH
        return f"{'above the upper' if high else 'below the lower'} limit of the usual range"
    if Rule.TREND in rules:
        rising = rules[Rule.TREND] is Side.HIGH
        n = 1
        for before, after in zip(reversed(points[:-1]), reversed(points), strict=False):
            b, a = before.value or 0.0, after.value or 0.0
            if (a > b) if rising else (a < b):
                n += 1
            else:
                break
        return f"{n} months {'rising' if rising else 'falling'} in a row"
    if Rule.TWO_OF_THREE in rules:
        limit = "upper" if rules[Rule.TWO_OF_THREE] is Side.HIGH else "lower"
        return f"two of the last three months close to the {limit} limit"
    if Rule.RUN in rules:
        high = rules[Rule.RUN] is Side.HIGH
        n = 0
        for p in reversed(points):
            if p.mean is None or p.value is None or p.value == p.mean or (p.value > p.mean) != high:
                break
            n += 1
        return f"a run of {n} months {'above' if high else 'below'} the average"
    return ""


def _comparator(benchmark: Any, attr: str) -> str:
    if benchmark is None:
        return ""
    comp = getattr(benchmark, attr)
    if comp is None:
        return ""
    return f"{wording.figure(comp.value, benchmark.mapping.unit)} ({comp.label})"


def build_measure(*, ctx: BuildContext, measure_id: str) -> BuiltMeasure:  # noqa: PLR0915 - one row, read top to bottom
    """One measure up to the report's month, for the audience: facts, scorecard row, chart."""
    from sightline.performance.dashboard import measure_row
    from sightline.performance.selectors import rebases_by_measure

    spec = REGISTRY[measure_id]
    row = measure_row(authority=ctx.authority, measure_id=measure_id)
    end = f"{ctx.period_end:%Y-%m}"
    points = [p for p in row.series if p.period <= end]
    chart = row.chart
    if len(points) != len(row.series):
        values = [(p.period, p.value) for p in points]
        chart = (
            xmr_compute(
                values,
                direction=_DIRECTION.get(row.polarity, "neither"),
                target=row.target.target if row.polarity in _DIRECTION else None,
                rebase_at=[
                    r
                    for r in rebases_by_measure(authority=ctx.authority).get(measure_id, ())
                    if r in {v[0] for v in values[1:]}
                ],
            )
            if any(v is not None for _, v in values)
            else None
        )
    policy = ctx.policy("performance")
    hidden = [_hides(policy, p.numerator, p.denominator) for p in points]
    latest = points[-1] if points else None
    previous = points[-2] if len(points) > 1 else None
    unit = spec.unit
    withheld = bool(hidden and hidden[-1])
    covered = latest is not None and latest.value is not None
    month = wording.month_label(latest.period) if latest is not None else ""
    has_target = row.target.target is not None and row.polarity in _DIRECTION
    target = wording.figure(row.target.target, unit) if has_target else ""
    side = ""
    rag = "grey"
    if covered and not withheld and latest is not None and latest.value is not None:
        rag = row.target.rate(latest.value).value
        if has_target and row.target.target is not None:
            gap = round(latest.value - row.target.target, 6)
            side = "above" if gap > 0 else "below" if gap < 0 else "on"
    previous_rag = "grey"
    change = ""
    if previous is not None and previous.value is not None and not hidden[-2]:
        previous_rag = row.target.rate(previous.value).value
        if covered and not withheld and latest is not None and latest.value is not None:
            change = wording.change(
                latest.value - previous.value, unit, wording.month_label(previous.period)
            )
    summary = chart.summary if chart else None
    variation = summary.variation.value if summary and summary.variation else "none"
    assurance = summary.assurance.value if summary and summary.assurance else "none"
    if withheld:
        variation, assurance = "none", "none"
    signal = _signal(chart, variation) if chart and not withheld else ""
    latest_text = (
        disclosure.MARK if withheld else wording.figure(latest.value if latest else None, unit)
    )
    facts = MeasureFacts(
        measure_id=measure_id,
        title=spec.title,
        unit=unit,
        month=month if covered or withheld else "",
        latest=latest_text,
        target=target,
        side=side,
        rag=rag,
        previous_rag=previous_rag,
        variation=variation,
        assurance=assurance,
        signal=signal,
        change=change,
        withheld=withheld,
    )
    unit_label = wording.UNIT_LABELS.get(unit, unit)
    scorecard: ScorecardRow = {
        "measure_id": measure_id,
        "title": spec.title,
        "unit_label": unit_label,
        "period_label": facts.month,
        "latest": latest_text,
        "target": target,
        "rag": cast(Any, rag),
        "rag_label": "Withheld" if withheld else _RAG_LABELS[rag],
        "variation": cast(Any, variation),
        "variation_label": (summary.variation_label if summary and variation != "none" else ""),
        "assurance": cast(Any, assurance),
        "assurance_label": (
            (summary.assurance_label or "") if summary and assurance != "none" else ""
        ),
        "change": change,
        "england": _comparator(row.benchmark, "england"),
        "region": _comparator(row.benchmark, "region"),
        "neighbours": _comparator(row.benchmark, "sn_mean"),
        "reading": drafting.reading(facts),
        "withheld_rule": disclosure.NOTE if withheld else "",
    }
    any_hidden = any(hidden)
    last_chart_point = chart.points[-1] if chart and chart.points else None
    chart_points: list[ChartPoint] = []
    for i, p in enumerate(points):
        signal_kind = ""
        point_variation = chart.points[i].variation if chart else None
        if point_variation is not None and not hidden[i]:
            signal_kind = _MATRIX_VARIATION.get(point_variation.value, "")
            signal_kind = "" if signal_kind == "common_cause" else signal_kind
        chart_points.append(
            {
                "label": wording.month_label(p.period),
                "value": None if hidden[i] else p.value,
                "withheld": hidden[i],
                "signal": signal_kind,
            }
        )
    first = wording.month_label(points[0].period) if points else ""
    alt = (
        f"Line chart of {spec.title} ({unit_label}) by month from {first} to {month}. "
        + drafting.measure_sentence(facts)
        if points
        else f"No figures of {spec.title} for this period."
    )
    if any_hidden:
        alt += " Some months are withheld, so the average and limits are not shown."
    measure_chart: MeasureChart = {
        "measure_id": measure_id,
        "title": spec.title,
        "unit_label": unit_label,
        "y_axis_title": f"{spec.title} ({unit_label})",
        "points": chart_points,
        "mean": None if any_hidden or not last_chart_point else last_chart_point.mean,
        "upper": None if any_hidden or not last_chart_point else last_chart_point.upper,
        "lower": None if any_hidden or not last_chart_point else last_chart_point.lower,
        "target": row.target.target if has_target else None,
        "variation_label": scorecard["variation_label"],
        "assurance_label": scorecard["assurance_label"],
        "alt_text": alt,
        "summary": " ".join(
            s for s in (drafting.measure_sentence(facts), scorecard["reading"]) if s
        ),
    }
    return BuiltMeasure(facts=facts, row=scorecard, chart=measure_chart)


# --- the build context ------------------------------------------------------------------------


@dataclass
class BuildContext:
    """What one build reads, each piece read once."""

    authority: Authority
    audience: str
    period_start: date
    period_end: date
    framework: str
    today: date
    next_update: date | None = None
    _measures: dict[str, BuiltMeasure] = field(default_factory=dict)
    _facts: Facts | None = None
    _plan: Any = None
    _plan_read: bool = False
    _audits: Any = None
    _audits_read: bool = False

    def policy(self, domain: str) -> Policy:
        """The audience's rule; ``domain`` (performance, audits, workforce, voice) is kept for
        the callers' reading: the rule is the same for every domain (ADR 0018)."""
        return disclosure_policy(authority=self.authority, audience=self.audience)

    def measure(self, measure_id: str) -> BuiltMeasure:
        if measure_id not in self._measures:
            self._measures[measure_id] = build_measure(ctx=self, measure_id=measure_id)
        return self._measures[measure_id]

    @property
    def period_label(self) -> str:
        return wording.period_label(self.period_start, self.period_end)

    def plan(self) -> Any:
        """(plan, plan on a page) or (None, None)."""
        if not self._plan_read:
            from sightline.plan.selectors import plan_current, plan_on_a_page

            plan = plan_current(authority=self.authority)
            self._plan = (plan, plan_on_a_page(plan=plan, today=self.today) if plan else None)
            self._plan_read = True
        return self._plan

    def audits(self) -> dict[str, Any] | None:
        """The period's audit figures for the audience (read once)."""
        if not self._audits_read:
            self._audits = _audit_figures(self)
            self._audits_read = True
        return cast("dict[str, Any] | None", self._audits)

    def facts(self) -> Facts:
        if self._facts is None:
            self._facts = _facts(self)
        return self._facts


def context_for(report: Report) -> BuildContext:
    return BuildContext(
        authority=report.authority,
        audience=report.audience,
        period_start=report.period_start,
        period_end=report.period_end,
        framework=report.framework,
        today=timezone.localdate(),
        next_update=report.next_update,
    )


def _priority_brag(cells: list[Any]) -> str:
    counts = {c.status: c.count for c in cells}
    total = sum(counts.values())
    if not total:
        return "grey"
    for status in ("red", "amber", "green"):
        if counts.get(status):
            return status
    return "blue" if counts.get("blue") == total else "green"


def _facts(ctx: BuildContext) -> Facts:
    from sightline.governance.selectors import risks_for
    from sightline.plan.selectors import action_list

    measures = tuple(ctx.measure(m).facts for m in TARGETED)
    plan, page = ctx.plan()
    priorities: tuple[PriorityFacts, ...] = ()
    total = done = overdue = 0
    due_next: tuple[tuple[str, str, str], ...] = ()
    if plan is not None and page is not None:
        priorities = tuple(
            PriorityFacts(
                number=str(r.priority.number),
                title=r.priority.title,
                brag=_priority_brag(r.cells),
                overdue=r.overdue,
            )
            for r in page.rows
        )
        total, overdue = page.total, page.overdue
        done = sum(c.count for c in page.totals if c.status in ("blue", "complete"))
        horizon = ctx.next_update or date.fromordinal(ctx.today.toordinal() + 42)
        due_next = tuple(
            (a.reference, a.description[:160], wording.day_label(a.current_due))
            for a in action_list(authority=ctx.authority, plan=plan, today=ctx.today)
            if not a.is_done and ctx.today <= a.current_due <= horizon
        )[:8]
    risks = tuple(
        RiskFacts(reference=r.reference, title=r.title, score=r.score, band=r.band)
        for r in sorted(risks_for(authority=ctx.authority), key=lambda r: (-r.score, r.reference))
    )
    audits = ctx.audits()
    audit_good = ""
    if audits is not None:
        parts = []
        if audits["good_share"]:
            parts.append(f"{audits['good_share']} of practice good or better (target at least 42%)")
        if audits["inadequate_share"]:
            parts.append(f"{audits['inadequate_share']} inadequate (target no more than 12%)")
        if parts:
            audit_good = f"Case-file audits rated {' and '.join(parts)}."
    return Facts(
        authority=ctx.authority.name,
        period=ctx.period_label,
        audience=ctx.audience,
        measures=measures,
        priorities=priorities,
        actions_total=total,
        actions_done=done,
        actions_overdue=overdue,
        actions_due_next=due_next,
        risks=risks,
        next_update=wording.day_label(ctx.next_update) if ctx.next_update else "",
        audit_good=audit_good,
    )


# --- section data -----------------------------------------------------------------------------


def _measures_of(section: ReportSection) -> list[str]:
    chosen = section.config.get("measures") or []
    return [m for m in chosen if m in REGISTRY]


def _scorecard(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    return {"rows": [ctx.measure(m).row for m in _measures_of(section)]}


def _charts(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    return {"charts": [ctx.measure(m).chart for m in _measures_of(section)]}


def _matrix(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    variations = ("improving", "common_cause", "concerning", "neutral")
    assurances = ("consistent_pass", "hit_or_miss", "consistent_fail", "none")
    cells: dict[tuple[str, str], MatrixCell] = {
        (v, a): {"variation": cast(Any, v), "assurance": cast(Any, a), "measures": []}
        for v in variations
        for a in assurances
    }
    for measure_id in _measures_of(section):
        row = ctx.measure(measure_id).row
        variation = _MATRIX_VARIATION.get(row["variation"])
        if variation is None:
            continue
        cells[(variation, row["assurance"])]["measures"].append(
            {"measure_id": measure_id, "title": row["title"]}
        )
    return {"cells": list(cells.values())}


def _plan(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    from .models import PriorityCategory

    plan, page = ctx.plan()
    if plan is None or page is None:
        return {"priorities": []}
    titles = {c.key: c.title for c in categories_of(ctx.framework)}
    mapped: dict[int, list[str]] = {}
    for pc in PriorityCategory.objects.filter(
        priority__plan=plan, framework=ctx.framework
    ).order_by("category"):
        mapped.setdefault(pc.priority_id, []).append(titles.get(pc.category, pc.category))
    words = {
        "blue": "blue",
        "complete": "complete without evidence of impact",
        "green": "on track",
        "amber": "at risk",
        "red": "off track",
    }
    priorities: list[PlanPriority] = []
    for r in page.rows:
        brag = _priority_brag(r.cells)
        parts = [f"{c.count} {words[c.status]}" for c in r.cells if c.count]
        if r.overdue:
            parts.append(f"{r.overdue} overdue")
        actions = f"{r.total} action{'s' if r.total != 1 else ''}" + (
            ": " + ", ".join(parts) if parts else ""
        )
        impact = "; ".join(
            f"{f.title}: {f.latest} in {f.month}" + (f" ({f.change})" if f.change else "")
            for f in (
                ctx.measure(link.measure_id).facts
                for link in r.priority.measure_links.all()
                if link.measure_id in REGISTRY
            )
            if f.month
        )
        priorities.append(
            {
                "number": str(r.priority.number),
                "title": r.priority.title,
                "brag": cast(Any, brag),
                "brag_label": {
                    "blue": "Blue: complete, impact evidenced",
                    "green": "Green: on track",
                    "amber": "Amber: at risk",
                    "red": "Red: off track",
                    "grey": "No actions",
                }[brag],
                "impact": impact,
                "actions": actions,
                "categories": mapped.get(r.priority.pk, []),
            }
        )
    return {"priorities": priorities}


def _audit_figures(ctx: BuildContext) -> dict[str, Any] | None:
    """The period's completed audits by grade, with the audience's rule applied."""
    from sightline.audits.models import GOOD_OR_BETTER, GRADE_ORDER, Grade
    from sightline.audits.selectors.grades import Period, grade_distribution, proportion

    rows = grade_distribution(
        authority=ctx.authority,
        by="month",
        period=Period(ctx.period_start.replace(day=1), ctx.period_end.replace(day=1)),
    )
    counts = Counter[str]()
    for row in rows:
        for grade, n in row.counts.items():
            counts[grade] += n or 0
    total = sum(counts.values())
    if not total:
        return None
    policy = ctx.policy("audits")
    grade_counts = [counts[g] for g in GRADE_ORDER]
    cells = _cells_with_complement(policy, grade_counts, total)
    labels = dict(Grade.choices)
    good = sum(counts[g] for g in GOOD_OR_BETTER)
    out_rows: list[AuditRow] = []
    for grade, count, cell in zip(GRADE_ORDER, grade_counts, cells, strict=True):
        p = proportion(count=count, total=total)
        shown = cell != disclosure.MARK and not _hides(policy, total)
        out_rows.append(
            {
                "grade": labels[grade],
                "count": cell if not _hides(policy, total) else disclosure.MARK,
                "share": f"{wording.number(100 * count / total)}%" if shown else disclosure.MARK,
                "interval": (
                    f"95% interval {wording.number(100 * p.low, 0)}% to "
                    f"{wording.number(100 * p.high, 0)}%"
                    if shown and p.low is not None and p.high is not None
                    else ""
                ),
                "target": {
                    "good": "at least 42% good or better (with outstanding)",
                    "inadequate": "no more than 12% inadequate",
                }.get(grade, ""),
            }
        )
    # The share good or better would give away a withheld grade beside a shown one.
    good_cells = {cells[GRADE_ORDER.index(g)] == disclosure.MARK for g in GOOD_OR_BETTER}
    share_ok = not _hides(policy, total, good) and len(good_cells) == 1
    inadequate = counts[Grade.INADEQUATE.value]
    inadequate_hidden = cells[GRADE_ORDER.index(Grade.INADEQUATE.value)] == disclosure.MARK
    return {
        "period_label": ctx.period_label,
        "audits_completed": _cell(policy, total),
        "rows": out_rows,
        "good_share": f"{wording.number(100 * good / total)}%" if share_ok else "",
        "inadequate_share": (
            ""
            if inadequate_hidden or _hides(policy, total)
            else f"{wording.number(100 * inadequate / total)}%"
        ),
    }


def _audits(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    figures = ctx.audits()
    if figures is None:
        return {"period_label": ctx.period_label, "audits_completed": "0", "rows": []}
    return {k: figures[k] for k in ("period_label", "audits_completed", "rows")}


def _workforce(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    from sightline.organisation.units import unit_resolve
    from sightline.workforce.selectors.figures import (
        figures_series,
        month_ends,
        spells_for,
        vacancies_for,
    )
    from sightline.workforce.selectors.lines import target_in_force

    policy = ctx.policy("workforce")
    unit = unit_resolve(authority=ctx.authority, key="la")
    day = min(ctx.period_end, ctx.today)
    days = month_ends(day=day, months=2)
    rows: list[list[str]] = []
    if unit is not None and days:
        series = figures_series(
            unit=unit,
            days=days,
            spells=spells_for(authority=ctx.authority),
            vacancies=vacancies_for(authority=ctx.authority),
        )
        now, before = series[-1], series[0]
        since = f"{before.day:%b %Y}"
        rows.append(
            [
                "Social workers in post",
                _cell(policy, now.headcount),
                "",
                wording.change(now.headcount - before.headcount, "count", since)
                if not _hides(policy, now.headcount, before.headcount)
                else "",
            ]
        )
        for key, title, count_of in (
            ("agency_rate", "Agency rate", "agency"),
            ("vacancy_rate", "Vacancy rate", "vacancies"),
            ("turnover_rate", "Turnover rate (12 months)", "leavers"),
        ):
            value = getattr(now, key)
            prev = getattr(before, key)
            hidden = _hides(policy, getattr(now, count_of))
            target = target_in_force(authority=ctx.authority, measure=key, day=now.day).target
            rows.append(
                [
                    title,
                    disclosure.MARK if hidden else wording.figure(value, "%"),
                    f"no more than {wording.figure(target, '%')}" if target is not None else "",
                    ""
                    if hidden
                    or value is None
                    or prev is None
                    or _hides(policy, getattr(before, count_of))
                    else wording.change(value - prev, "%", since),
                ]
            )
    for measure_id in ("WF01", "WF02"):
        built = ctx.measure(measure_id)
        rows.append(
            [built.row["title"], built.row["latest"], built.row["target"], built.row["change"]]
        )
    table: TableData = {
        "caption": f"Social work workforce, {ctx.period_label}",
        "header": ["Measure", "Latest", "Target", "Change"],
        "rows": rows,
    }
    return cast(dict[str, Any], table)


def _voice(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    from sightline.voice.selectors import quotes_for_board, submissions_for

    items = []
    responses = []
    for s in submissions_for(authority=ctx.authority).filter(meeting_date__lte=ctx.period_end)[:6]:
        items.append(
            {
                "you_said": f"{s.title}: {s.summary}",
                "we_did": s.we_did or (s.response if s.responded_on else "Response awaited."),
                "source": f"{s.group}, {s.meeting_date:%b %Y}",
            }
        )
        if s.response and s.responded_on:
            responses.append(f"The Chair's response to {s.group} ({s.title}): {s.response}")
    responses.extend(
        f"“{q.words}” ({q.get_source_display()}, {q.received_on:%b %Y})"
        for q in quotes_for_board(authority=ctx.authority, limit=4)
        if q.received_on <= ctx.period_end
    )
    return {"items": items, "responses": responses}


def _risks(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    from sightline.governance.selectors import risks_for

    risks = sorted(risks_for(authority=ctx.authority), key=lambda r: (-r.score, r.reference))
    table: TableData = {
        "caption": "Open risks, highest score first (likelihood × impact, each 1 to 5)",
        "header": ["Risk", "Score", "Trend", "Owner", "Review by"],
        "rows": [
            [
                f"{r.reference} {r.title}",
                f"{r.score} ({r.band.lower()})",
                r.get_trend_display(),
                r.owner.display_name,
                wording.day_label(r.review_date),
            ]
            for r in risks
        ],
    }
    return cast(dict[str, Any], table)


def _recommendations(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    from sightline.governance.selectors import inspections_for

    inspection = next(
        (i for i in inspections_for(authority=ctx.authority) if i.recommendations.exists()),
        None,
    )
    rows: list[list[str]] = []
    caption = "Inspection recommendations"
    if inspection is not None:
        kind = inspection.get_kind_display().lower()
        caption = f"Recommendations of the {kind}, {inspection.start_date:%B %Y}"
        for rec in inspection.recommendations.prefetch_related("progress"):
            progress = list(rec.progress.all())
            last = progress[-1] if progress else None
            rows.append(
                [
                    f"{rec.number}. {rec.text}",
                    f"{last.get_status_display()} ({wording.day_label(last.on)})"
                    if last
                    else "Not yet reviewed",
                    last.note if last else "",
                ]
            )
    table: TableData = {
        "caption": caption,
        "header": ["Recommendation", "Status", "Latest finding"],
        "rows": rows,
    }
    return cast(dict[str, Any], table)


def dfe_rows(ctx: BuildContext, section: ReportSection) -> list[tuple[Category, dict[str, Any]]]:
    """Each Ofsted reporting category shown, with its priorities, its R/A/G (the adviser's,
    else the one proposed from its measures and priorities) and its summary."""
    from .models import PriorityCategory

    facts = ctx.facts()
    plan, _ = ctx.plan()
    by_category: dict[str, list[str]] = {}
    if plan is not None:
        for pc in PriorityCategory.objects.filter(
            priority__plan=plan, framework=ctx.framework
        ).select_related("priority"):
            by_category.setdefault(pc.category, []).append(str(pc.priority.number))
    priorities = {p.number: p for p in facts.priorities}
    ratings = section.config.get("ratings") or {}
    summaries = section.config.get("summaries") or {}
    include_optional = set(section.config.get("optional") or [])
    rows = []
    for category in categories_of(ctx.framework):
        if category.optional and category.key not in include_optional:
            continue
        numbers = sorted(by_category.get(category.key, []), key=int)
        mine = [priorities[n] for n in numbers if n in priorities]
        measures = [
            m
            for m in facts.measures
            if category.prefixes and m.measure_id.startswith(category.prefixes)
        ]
        rows.append(
            (
                category,
                {
                    "category": category.title,
                    "priorities": [f"Priority {p.number}: {p.title}" for p in mine],
                    "rag": ratings.get(category.key) or drafting.category_rag(measures, mine),
                    "summary": summaries.get(category.key)
                    or drafting.category_summary(measures, mine),
                },
            )
        )
    return rows


def _dfe_assessment(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    return {
        "rag_definitions": dict(RAG_DEFINITIONS),
        "rows": [row for _, row in dfe_rows(ctx, section)],
    }


def _headlines(ctx: BuildContext, section: ReportSection) -> dict[str, Any]:
    proposes = section.config.get("proposes")
    items: list[str] = []
    if proposes:
        chosen = section.config.get("chosen")
        items.extend(
            p.text
            for p in drafting.proposals(proposes, ctx.facts())
            if chosen is None or p.key in chosen
        )
    items += [line.strip() for line in section.config.get("extra", []) if line.strip()]
    return {"items": items}


BUILDERS = {
    "headlines": _headlines,
    "narrative": lambda ctx, section: {},
    "scorecard": _scorecard,
    "mdc_matrix": _matrix,
    "measure_charts": _charts,
    "plan": _plan,
    "audits": _audits,
    "workforce": _workforce,
    "voice": _voice,
    "risks": _risks,
    "recommendations": _recommendations,
    "dfe_assessment": _dfe_assessment,
}


def section_build(*, ctx: BuildContext, section: ReportSection) -> Section:
    return {
        "kind": cast(Any, section.kind),
        "title": section.title,
        "narrative": section.narrative,
        "data": BUILDERS[section.kind](ctx, section),
    }


def _meta(report: Report, ctx: BuildContext, withheld: bool) -> ReportMeta:
    meta: ReportMeta = {
        "id": report.pk,
        "type": cast(Any, report.type),
        "type_label": TYPES[report.type].label if report.type in TYPES else report.type,
        "title": report.title,
        "audience": cast(Any, report.audience),
        "audience_label": AUDIENCES.get(report.audience, report.audience),
        "period_label": ctx.period_label,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "status": cast(Any, report.status),
        "status_label": report.get_status_display(),
        "prepared_by": report.created_by.display_name if report.created_by else "",
        "authority": {
            "name": report.authority.name,
            "code": getattr(report.authority.benchmark_as, "dfe_code", "") or "",
            "brand_colour": report.authority.brand_colour or DEFAULT_BRAND_COLOUR,
            "logo": cast(Any, logo_for_report(authority=report.authority)),
        },
        "disclosure_note": disclosure.NOTE if withheld else "",
    }
    if report.approved_by and report.approved_at:
        meta["approved_by"] = report.approved_by.display_name
        meta["approved_on"] = wording.day_label(timezone.localdate(report.approved_at))
    if report.published_at:
        meta["published_on"] = wording.day_label(timezone.localdate(report.published_at))
    if report.next_update:
        meta["next_update"] = wording.day_label(report.next_update)
    return meta


def _contains_mark(value: object) -> bool:
    if isinstance(value, str):
        return value == disclosure.MARK
    if isinstance(value, dict):
        return any(_contains_mark(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_mark(v) for v in value)
    return False


def snapshot_build(*, report: Report, ctx: BuildContext | None = None) -> Snapshot:
    """The report as it reads now: every section's data built for its audience."""
    ctx = ctx or context_for(report)
    sections = [section_build(ctx=ctx, section=s) for s in report.sections.all()]
    withheld = _contains_mark(sections)
    return {"schema": SCHEMA_VERSION, "report": _meta(report, ctx, withheld), "sections": sections}


def report_facts(*, report: Report, ctx: BuildContext | None = None) -> Facts:
    """The facts the drafts are written from (for the edit page and new sections)."""
    return (ctx or context_for(report)).facts()
