"""Drafts written from the figures, in plain English with the numbers behind them, which the
author then edits; and the proposals ("what is going well", "risks and concerns") the author
chooses from.

Pure functions over facts already formatted for the report's audience (so a member's draft
never holds a withheld count): :mod:`sightline.reports.build` makes the facts, these write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

#: Variation icon values (csc_measures.spc.VariationIcon) by meaning.
IMPROVING = frozenset({"improvement_high", "improvement_low"})
CONCERNING = frozenset({"concern_high", "concern_low"})
NEUTRAL = frozenset({"neutral_high", "neutral_low"})


@dataclass(frozen=True)
class MeasureFacts:
    """One measure in the report's month, formatted for the audience."""

    measure_id: str
    title: str
    unit: str
    month: str  # "Oct 2026", "" when not covered
    latest: str  # "26%", "[c]", "Not covered"
    target: str = ""  # "22%"
    #: Where the latest value lies against the target: "above", "below", "on" or "".
    side: str = ""
    rag: str = "grey"
    previous_rag: str = "grey"
    variation: str = "none"
    assurance: str = "none"
    #: What made the latest point a special cause: "a run of 7 months above the average".
    signal: str = ""
    change: str = ""
    withheld: bool = False

    @property
    def covered(self) -> bool:
        return bool(self.month) and not self.withheld


@dataclass(frozen=True)
class PriorityFacts:
    number: str
    title: str
    brag: str  # blue, red, amber, green, grey
    overdue: int = 0


@dataclass(frozen=True)
class RiskFacts:
    reference: str
    title: str
    score: int
    band: str


@dataclass(frozen=True)
class Facts:
    """Everything a draft may say about the report's period."""

    authority: str
    period: str  # "October 2026"
    audience: str
    measures: tuple[MeasureFacts, ...] = ()
    priorities: tuple[PriorityFacts, ...] = ()
    actions_total: int = 0
    actions_done: int = 0
    actions_overdue: int = 0
    #: (reference, description, due "15 Jan 2027") of actions due before the next update.
    actions_due_next: tuple[tuple[str, str, str], ...] = ()
    risks: tuple[RiskFacts, ...] = ()
    next_update: str = ""
    audit_good: str = ""  # "30% good or better (target at least 42%)", "" when none
    extra: dict[str, str] = field(default_factory=dict)


# --- sentences ------------------------------------------------------------------------------


def variation_phrase(m: MeasureFacts) -> str:
    """What the SPC chart says of the latest month, in words."""
    if m.variation == "common_cause":
        return "within the usual range (common cause)"
    detail = f": {m.signal}" if m.signal else ""
    if m.variation in IMPROVING:
        return f"showing improvement (special cause{detail})"
    if m.variation in CONCERNING:
        return f"a cause for concern (special cause{detail})"
    if m.variation in NEUTRAL:
        way = "higher" if m.variation == "neutral_high" else "lower"
        return f"unusually {way} than usual (special cause, neither direction is better)"
    return ""


def target_phrase(m: MeasureFacts) -> str:
    if not m.target or not m.side:
        return ""
    return f"{m.side} the {m.target} target"


def measure_sentence(m: MeasureFacts) -> str:
    """``Re-referrals within 12 months: 26% in Oct 2026, within the usual range (common cause)
    and above the 22% target.``"""
    if m.withheld:
        return f"{m.title}: withheld in {m.month} (a count from 1 to 4)."
    if not m.month:
        return f"{m.title}: not covered by the data for this period."
    parts = [p for p in (variation_phrase(m), target_phrase(m)) if p]
    tail = ", " + " and ".join(parts) if parts else ""
    return f"{m.title}: {m.latest} in {m.month}{tail}."


def reading(m: MeasureFacts) -> str:
    """RAG and SPC read together when they seem to disagree, else ""."""
    if not m.covered:
        return ""
    signal = m.signal or "a special cause"
    if m.rag == "green" and m.variation in CONCERNING:
        return f"Meets the target, but {_concerning(signal)}."
    if m.rag in ("red", "amber") and m.variation in IMPROVING:
        return f"Misses the target, but improving: {signal}."
    if m.rag == "green" and m.assurance == "consistent_fail":
        return (
            "Meets the target this month, but the target lies outside the usual range, "
            "so it will not be met consistently without change."
        )
    if m.rag == "red" and m.assurance == "consistent_pass":
        return (
            "Misses the target this month, although the usual range lies on the right side "
            "of the target."
        )
    return ""


def _concerning(signal: str) -> str:
    return signal.replace("a run", "a concerning run", 1) if signal.startswith("a run") else signal


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _rag_counts(measures: tuple[MeasureFacts, ...]) -> tuple[int, int, int, int]:
    rated = [m for m in measures if m.covered and m.rag in ("green", "amber", "red")]
    return (
        len(rated),
        sum(m.rag == "green" for m in rated),
        sum(m.rag == "amber" for m in rated),
        sum(m.rag == "red" for m in rated),
    )


def targets_sentence(facts: Facts) -> str:
    n, green, amber, red = _rag_counts(facts.measures)
    if n == 0:
        return "No measure with a target is covered by the data for this period."
    return (
        f"Of the {_plural(n, 'measure')} with a target, {green} met it, {amber} "
        f"{'was' if amber == 1 else 'were'} within tolerance and {red} missed it by more "
        f"than the tolerance in {facts.period}."
    )


def spc_sentence(facts: Facts) -> str:
    charted = [m for m in facts.measures if m.covered and m.variation != "none"]
    if not charted:
        return ""
    improving = sum(m.variation in IMPROVING for m in charted)
    concerning = sum(m.variation in CONCERNING for m in charted)
    usual = sum(m.variation == "common_cause" for m in charted)
    return (
        f"Read as statistical process control charts, {improving} showed improvement, "
        f"{concerning} gave cause for concern and {usual} stayed within the usual range."
    )


def plan_sentence(facts: Facts) -> str:
    if not facts.actions_total:
        return ""
    text = (
        f"The improvement plan has {_plural(facts.actions_total, 'action')}: "
        f"{facts.actions_done} complete"
    )
    if facts.actions_overdue:
        text += f" and {facts.actions_overdue} overdue"
    return text + "."


# --- proposals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    key: str
    text: str


def going_well(facts: Facts) -> list[Proposal]:
    """Special causes of improvement, measures that came back to green, priorities complete
    with their impact evidenced."""
    shown = [m for m in facts.measures if m.covered]
    return [
        *(
            Proposal(
                f"improving:{m.measure_id}",
                f"{m.title} is improving: {m.latest} in {m.month} ({m.signal or 'special cause'}).",
            )
            for m in shown
            if m.variation in IMPROVING
        ),
        *(
            Proposal(
                f"green:{m.measure_id}",
                f"{m.title} now meets the target: {m.latest} in {m.month} against {m.target}.",
            )
            for m in shown
            if m.rag == "green" and m.previous_rag in ("red", "amber")
        ),
        *(
            Proposal(
                f"blue:{p.number}",
                f"Priority {p.number} ({p.title}): every action complete and its impact evidenced.",
            )
            for p in facts.priorities
            if p.brag == "blue"
        ),
    ]


def concerns(facts: Facts) -> list[Proposal]:
    """Special causes of concern, measures that fell to red, overdue actions, priorities off
    track, high risks."""
    shown = [m for m in facts.measures if m.covered]
    overdue = facts.actions_overdue
    return [
        *(
            Proposal(
                f"concern:{m.measure_id}",
                f"{m.title}: {_concerning(m.signal or 'a special cause of concern')} "
                f"({m.latest} in {m.month}).",
            )
            for m in shown
            if m.variation in CONCERNING
        ),
        *(
            Proposal(
                f"red:{m.measure_id}",
                f"{m.title} has fallen to red: {m.latest} in {m.month} against a target "
                f"of {m.target}.",
            )
            for m in shown
            if m.rag == "red" and m.previous_rag != "red"
        ),
        *(
            [
                Proposal(
                    "overdue",
                    f"{_plural(overdue, 'improvement plan action')} "
                    f"{'is' if overdue == 1 else 'are'} overdue.",
                )
            ]
            if overdue
            else []
        ),
        *(
            Proposal(f"priority:{p.number}", f"Priority {p.number} ({p.title}) is off track.")
            for p in facts.priorities
            if p.brag == "red"
        ),
        *(
            Proposal(
                f"risk:{r.reference}",
                f"Risk {r.reference}, {r.title}: rated {r.band.lower()} ({r.score} of 25).",
            )
            for r in facts.risks
            if r.band in ("High", "Very high")
        ),
    ]


PROPOSERS: dict[str, Callable[[Facts], list[Proposal]]] = {
    "going_well": going_well,
    "concerns": concerns,
}


def proposals(kind: str, facts: Facts) -> list[Proposal]:
    proposer = PROPOSERS.get(kind)
    return proposer(facts) if proposer else []


# --- narrative drafts -----------------------------------------------------------------------


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


def draft_overview(facts: Facts) -> str:
    concerning = [m for m in facts.measures if m.covered and m.variation in CONCERNING]
    improving = [m for m in facts.measures if m.covered and m.variation in IMPROVING]
    details = " ".join(measure_sentence(m) for m in [*concerning, *improving][:4])
    return _paragraphs(
        " ".join(s for s in (targets_sentence(facts), spc_sentence(facts)) if s),
        details,
        " ".join(s for s in (plan_sentence(facts), facts.audit_good) if s),
    )


def draft_minister(facts: Facts) -> str:
    """Two or three sentences for one minute with the Minister."""
    n, green, _, red = _rag_counts(facts.measures)
    first = (
        f"In {facts.period}, {facts.authority} met {green} of its {n} performance targets"
        f" and missed {red} by more than the tolerance."
        if n
        else f"In {facts.period}, no measure with a target was covered by the data."
    )
    worst = next(
        (m for m in facts.measures if m.covered and m.variation in CONCERNING), None
    ) or next((m for m in facts.measures if m.covered and m.variation in IMPROVING), None)
    return " ".join(
        s for s in (first, measure_sentence(worst) if worst else "", plan_sentence(facts)) if s
    )


def draft_coming_up(facts: Facts) -> str:
    lines = [f"- Action {ref} due {due}: {text}" for ref, text, due in facts.actions_due_next]
    head = (
        f"Improvement plan actions due before the next update ({facts.next_update}):"
        if facts.next_update
        else "Improvement plan actions due in the next reporting period:"
    )
    return _paragraphs(head, "\n".join(lines)) if lines else ""


def draft_chair_intro(facts: Facts) -> str:
    return (
        f"This report from the Independent Chair of the Improvement Board covers {facts.period}. "
        "It sets out the Board's view of the pace and impact of improvement, drawing on the "
        "performance figures, case-file audits and the improvement plan."
    )


def draft_analysis(facts: Facts) -> str:
    special = [
        m for m in facts.measures if m.covered and m.variation not in ("none", "common_cause")
    ]
    if not special:
        return (
            "Every measure charted stayed within its usual range (common cause): no change "
            "since the last report is beyond what chance would explain."
        )
    return _paragraphs(*(measure_sentence(m) for m in special))


def draft_purpose(facts: Facts) -> str:
    return (
        f"To report the progress of {facts.authority}'s children's services improvement plan "
        f"and the performance of children's services for {facts.period}."
    )


def draft_recommendations(facts: Facts) -> str:
    return _paragraphs(
        "That the Committee:",
        "- notes the performance of children's services set out in this report;\n"
        "- notes the progress of the improvement plan at the appendix.",
    )


def draft_background(facts: Facts) -> str:
    return draft_overview(facts)


DRAFTERS: dict[str, Callable[[Facts], str]] = {
    "overview": draft_overview,
    "minister": draft_minister,
    "coming_up": draft_coming_up,
    "chair_intro": draft_chair_intro,
    "analysis": draft_analysis,
    "purpose": draft_purpose,
    "recommendations": draft_recommendations,
    "background": draft_background,
}


def draft(key: str, facts: Facts) -> str:
    """The drafter's text, or "" for a section without one."""
    drafter = DRAFTERS.get(key)
    return drafter(facts) if drafter else ""


# --- the DfE assessment ---------------------------------------------------------------------


def category_rag(measures: list[MeasureFacts], priorities: list[PriorityFacts]) -> str:
    """A proposed R/A/G for a category (the adviser decides): red when a priority is off track
    or most rated measures miss by more than the tolerance; green when every rated measure
    meets its target and no priority is off track; amber otherwise; grey without evidence."""
    rated = [m for m in measures if m.covered and m.rag in ("green", "amber", "red")]
    if not rated and not priorities:
        return "grey"
    red = sum(m.rag == "red" for m in rated)
    if any(p.brag == "red" for p in priorities) or (rated and red * 2 > len(rated)):
        return "red"
    if (
        rated
        and all(m.rag == "green" for m in rated)
        and not any(p.brag == "amber" for p in priorities)
    ):
        return "green"
    return "amber"


def category_summary(measures: list[MeasureFacts], priorities: list[PriorityFacts]) -> str:
    rated = [m for m in measures if m.covered and m.rag in ("green", "amber", "red")]
    parts = []
    if rated:
        green = sum(m.rag == "green" for m in rated)
        parts.append(f"{green} of {_plural(len(rated), 'measure')} with a target met it.")
    special = [m for m in measures if m.covered and m.variation in IMPROVING | CONCERNING]
    parts.extend(measure_sentence(m) for m in special[:3])
    parts.extend(
        f"Priority {p.number} ({p.title}) has {_plural(p.overdue, 'overdue action')}."
        for p in priorities
        if p.overdue
    )
    return " ".join(parts) or "Nothing to report."
