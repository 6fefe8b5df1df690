"""The drafts and proposals, sentence by sentence (pure functions, no database)."""

from __future__ import annotations

from datetime import date

from sightline.reports import drafting, wording
from sightline.reports.drafting import Facts, MeasureFacts, PriorityFacts, RiskFacts

REREFERRALS = MeasureFacts(
    measure_id="FD04",
    title="Re-referrals within 12 months",
    unit="%",
    month="Oct 2026",
    latest="26%",
    target="22%",
    side="above",
    rag="red",
    previous_rag="amber",
    variation="common_cause",
    assurance="hit_or_miss",
    change="up 2 percentage points since Sep 2026",
)
VISITS = MeasureFacts(
    measure_id="CP09",
    title="Children on a CP plan visited within 10 working days",
    unit="%",
    month="Oct 2026",
    latest="91%",
    target="90%",
    side="above",
    rag="green",
    previous_rag="green",
    variation="concern_low",
    assurance="hit_or_miss",
    signal="a run of 7 months below the average",
)
TIMELY = MeasureFacts(
    measure_id="AS02",
    title="Assessments completed within 45 working days",
    unit="%",
    month="Oct 2026",
    latest="80%",
    target="85%",
    side="below",
    rag="amber",
    previous_rag="red",
    variation="improvement_high",
    assurance="hit_or_miss",
    signal="7 months rising in a row",
)
FACTS = Facts(
    authority="Anyshire",
    period="October 2026",
    audience="board",
    measures=(REREFERRALS, VISITS, TIMELY),
    priorities=(
        PriorityFacts("1", "Practice fundamentals", "red", overdue=2),
        PriorityFacts("2", "The front door", "blue"),
    ),
    actions_total=12,
    actions_done=5,
    actions_overdue=2,
    risks=(RiskFacts("R1", "Ransomware at the ICT provider", 16, "Very high"),),
)


def test_a_measure_reads_in_plain_english_with_its_numbers() -> None:
    assert drafting.measure_sentence(REREFERRALS) == (
        "Re-referrals within 12 months: 26% in Oct 2026, within the usual range (common cause) "
        "and above the 22% target."
    )
    assert drafting.measure_sentence(TIMELY) == (
        "Assessments completed within 45 working days: 80% in Oct 2026, showing improvement "
        "(special cause: 7 months rising in a row) and below the 85% target."
    )


def test_a_withheld_or_missing_figure_says_so() -> None:
    withheld = MeasureFacts(
        "CP05", "Children subject to a CP plan", "count", "Oct 2026", "[c]", withheld=True
    )
    assert drafting.measure_sentence(withheld) == (
        "Children subject to a CP plan: withheld in Oct 2026 (a count from 1 to 4)."
    )
    missing = MeasureFacts("CL01", "Care leavers aged 19-21 in touch", "%", "", "Not covered")
    assert drafting.measure_sentence(missing) == (
        "Care leavers aged 19-21 in touch: not covered by the data for this period."
    )


def test_rag_and_spc_are_read_together_when_they_seem_to_disagree() -> None:
    assert drafting.reading(VISITS) == (
        "Meets the target, but a concerning run of 7 months below the average."
    )
    assert drafting.reading(TIMELY) == "Misses the target, but improving: 7 months rising in a row."
    assert drafting.reading(REREFERRALS) == ""


def test_what_is_going_well_is_proposed_from_improvement_and_completed_priorities() -> None:
    assert [(p.key, p.text) for p in drafting.going_well(FACTS)] == [
        (
            "improving:AS02",
            (
                "Assessments completed within 45 working days is improving: 80% in Oct 2026 "
                "(7 months rising in a row)."
            ),
        ),
        ("blue:2", "Priority 2 (The front door): every action complete and its impact evidenced."),
    ]


def test_risks_and_concerns_are_proposed_from_special_causes_red_overdue_and_risks() -> None:
    assert [(p.key, p.text) for p in drafting.concerns(FACTS)] == [
        (
            "concern:CP09",
            (
                "Children on a CP plan visited within 10 working days: a concerning run of 7 "
                "months below the average (91% in Oct 2026)."
            ),
        ),
        (
            "red:FD04",
            (
                "Re-referrals within 12 months has fallen to red: 26% in Oct 2026 against a target "
                "of 22%."
            ),
        ),
        ("overdue", "2 improvement plan actions are overdue."),
        ("priority:1", "Priority 1 (Practice fundamentals) is off track."),
        ("risk:R1", "Risk R1, Ransomware at the ICT provider: rated very high (16 of 25)."),
    ]


def test_the_headline_for_the_minister_is_two_or_three_sentences() -> None:
    assert drafting.draft_minister(FACTS) == (
        "In October 2026, Anyshire met 1 of its 3 performance targets and missed 1 by more than "
        "the tolerance. Children on a CP plan visited within 10 working days: 91% in Oct 2026, "
        "a cause for concern (special cause: a run of 7 months below the average) and above the "
        "90% target. The improvement plan has 12 actions: 5 complete and 2 overdue."
    )


def test_the_overview_counts_targets_and_spc_then_names_the_special_causes() -> None:
    overview = drafting.draft_overview(FACTS)
    assert overview.split("\n\n")[0] == (
        "Of the 3 measures with a target, 1 met it, 1 was within tolerance and 1 missed it by "
        "more than the tolerance in October 2026. Read as statistical process control charts, "
        "1 showed improvement, 1 gave cause for concern and 1 stayed within the usual range."
    )
    assert (
        overview.split("\n\n")[2]
        == "The improvement plan has 12 actions: 5 complete and 2 overdue."
    )


def test_a_dfe_category_is_rated_from_its_measures_and_priorities() -> None:
    assert drafting.category_rag([VISITS], []) == "green"
    assert drafting.category_rag([VISITS, REREFERRALS], []) == "amber"
    assert drafting.category_rag([VISITS], [FACTS.priorities[0]]) == "red"
    assert drafting.category_rag([], []) == "grey"
    assert drafting.category_summary([REREFERRALS], [FACTS.priorities[0]]) == (
        "0 of 1 measure with a target met it. Priority 1 (Practice fundamentals) has 2 overdue "
        "actions."
    )


def test_figures_are_worded_for_a_lay_reader() -> None:
    assert wording.month_label("2026-10") == "Oct 2026"
    assert wording.figure(26.0, "%") == "26%"
    assert wording.figure(26.34, "%") == "26.3%"
    assert wording.figure(1024, "count") == "1,024"
    assert wording.figure(40.6, "rate per 10,000 children aged 0-17") == "40.6 per 10,000 children"
    assert wording.figure(None, "%") == "Not covered"
    assert wording.change(2.0, "%", "Sep 2026") == "up 2 percentage points since Sep 2026"
    assert wording.change(-1.0, "%", "Sep 2026") == "down 1 percentage point since Sep 2026"
    assert wording.change(-12, "count", "Sep 2026") == "down 12 since Sep 2026"
    assert wording.period_label(date(2026, 10, 1), date(2026, 10, 31)) == "October 2026"
    assert wording.period_label(date(2026, 9, 1), date(2026, 10, 31)) == (
        "1 Sep 2026 to 31 Oct 2026"
    )
