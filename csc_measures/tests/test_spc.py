"""Making Data Count XmR chart: hand-computed vectors for the limits, every rule at its boundary,
the icons, trial limits, rebasing and gaps; property tests against naive references.

Most rule tests append points to BASE with ``baseline_points=12``, so the limits stay those of
BASE whatever is appended:

    BASE = 10, 13, 10, 7, 10, 13, 10, 7, 10, 13, 10, 7      (12 values)
    mean = 120 / 12 = 10
    moving ranges: eleven of 3                                mR̄ = 33 / 11 = 3
    2.66 × 3 = 7.98      upper = 17.98     lower = 2.02
    (2/3) × 7.98 = 5.32  upper ⅔ = 15.32   lower ⅔ = 4.68

BASE itself has no signal: 10 sits on the mean (breaking runs), rises and falls alternate, and
nothing passes a two-thirds line. It ends with 7, below the mean: appended points are read with
that in mind.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csc_measures.spc import (
    AssuranceIcon,
    Direction,
    Hit,
    Rule,
    Side,
    Signal,
    VariationIcon,
    XmrChart,
    assurance_icon,
    rule_outside_limits,
    rule_run,
    rule_trend,
    rule_two_of_three,
    variation_icon,
    xmr_compute,
)

BASE: list[float | int | None] = [10, 13, 10, 7] * 3
HIGH, LOW = Side.HIGH, Side.LOW


def labelled(values: list[float | int | None]) -> list[tuple[str, float | int | None]]:
    return [(f"P{index:02d}", value) for index, value in enumerate(values)]


def chart(values: list[float | int | None], **options: object) -> XmrChart:
    options.setdefault("direction", "up")
    return xmr_compute(labelled(values), **options)  # type: ignore[arg-type]


def on_base(*appended: float | int | None, **options: object) -> XmrChart:
    options.setdefault("baseline_points", 12)
    return chart([*BASE, *appended], **options)


def flags(result: XmrChart, rule: Rule) -> dict[int, set[Side]]:
    """Point index → the sides on which ``rule`` flagged it."""
    found: dict[int, set[Side]] = {}
    for point in result.points:
        for signal in point.signals:
            if signal.rule is rule:
                found.setdefault(point.index, set()).add(signal.side)
    return found


def all_flags(result: XmrChart) -> dict[int, frozenset[Signal]]:
    return {point.index: point.signals for point in result.points if point.signals}


# ---------------------------------------------------------------------------------------------
# limits


def test_limits_hand_computed_small_series() -> None:
    # 4, 6, 5, 7, 3: mean = 25 / 5 = 5
    # moving ranges 2, 1, 2, 4: mR̄ = 9 / 4 = 2.25
    # 2.66 × 2.25 = 5.985: upper = 10.985, lower = -0.985
    # (2/3) × 5.985 = 3.99: upper ⅔ = 8.99, lower ⅔ = 1.01
    result = chart([4, 6, 5, 7, 3])
    (segment,) = result.segments
    assert segment.mean == 5
    assert segment.mean_moving_range == 2.25
    assert segment.upper == 10.985
    assert segment.lower == -0.985
    assert segment.upper_two_thirds == 8.99
    assert segment.lower_two_thirds == 1.01
    assert segment.trial  # 5 < 12
    assert [p.moving_range for p in result.points] == [None, 2, 1, 2, 4]
    assert all(p.upper == 10.985 and p.segment == 0 for p in result.points)
    assert all_flags(result) == {}


def test_limits_of_base() -> None:
    (segment,) = chart(BASE).segments
    assert (segment.mean, segment.mean_moving_range) == (10, 3)
    assert (segment.lower, segment.upper) == (2.02, 17.98)
    assert (segment.lower_two_thirds, segment.upper_two_thirds) == (4.68, 15.32)
    assert not segment.trial
    assert (segment.n_values, segment.n_baseline) == (12, 12)


def test_limits_are_exact_decimals() -> None:
    # 0.1, 0.2: mean 0.15, mR̄ 0.1, 2.66 × 0.1 = 0.266: upper 0.416, lower -0.116
    # (binary floats would give 0.41600000000000004 and friends)
    (segment,) = chart([0.1, 0.2]).segments
    assert (segment.mean, segment.upper, segment.lower) == (0.15, 0.416, -0.116)
    # (2/3) × 0.266 = 0.17733…: upper ⅔ = 0.15 + 0.17733… = 0.32733…
    assert segment.upper_two_thirds == pytest.approx(0.15 + 0.266 * 2 / 3)


def test_decimal_and_fraction_values() -> None:
    # 1/3, 2/3: mean 1/2, mR̄ 1/3, upper = 1/2 + 2.66/3 = 1/2 + 0.88666… = 1.38666…
    (segment,) = chart([Fraction(1, 3), Fraction(2, 3)]).segments  # type: ignore[list-item]
    assert segment.upper == pytest.approx(0.5 + 2.66 / 3)
    (decimal_segment,) = chart([Decimal("0.1"), Decimal("0.2")]).segments  # type: ignore[list-item]
    assert decimal_segment.upper == 0.416


def test_moving_range_is_not_screened() -> None:
    # MDC's Excel tools keep large moving ranges in mR̄ (no Nelson screening):
    # 1, 2, 1, 2, 10, 1, 2, 1: ranges 1, 1, 1, 8, 9, 1, 1 = 22 / 7
    (segment,) = chart([1, 2, 1, 2, 10, 1, 2, 1]).segments
    assert segment.mean_moving_range == pytest.approx(22 / 7)


# ---------------------------------------------------------------------------------------------
# rule 1: outside the limits


def test_point_exactly_on_upper_limit_is_not_outside() -> None:
    result = on_base(17.98)
    assert result.points[12].signals == frozenset()  # not outside, and no 2-of-3 (7 is below)


def test_point_just_beyond_upper_limit_is_outside() -> None:
    assert flags(on_base(17.99), Rule.OUTSIDE_LIMITS) == {12: {HIGH}}


def test_lower_limit_tie_and_just_beyond() -> None:
    assert flags(on_base(2.02), Rule.OUTSIDE_LIMITS) == {}
    assert flags(on_base(2.01), Rule.OUTSIDE_LIMITS) == {12: {LOW}}


def test_rule_outside_limits_function() -> None:
    values = [Fraction(v) for v in (5, 11, -1, 10, 0)]
    hits = rule_outside_limits(values, lower=Fraction(0), upper=Fraction(10))
    assert hits == (Hit(1, HIGH), Hit(2, LOW))


# ---------------------------------------------------------------------------------------------
# rule 2: run on one side of the mean


def test_six_above_the_mean_is_not_a_run() -> None:
    assert flags(on_base(*[11] * 6), Rule.RUN) == {}


def test_seven_above_the_mean_is_a_run_and_every_point_is_flagged() -> None:
    assert flags(on_base(*[11] * 7), Rule.RUN) == {i: {HIGH} for i in range(12, 19)}


def test_a_point_on_the_mean_breaks_the_run() -> None:
    # 11, 11, 11, 10, 11, 11, 11, 11: runs of 3 and 4, the 10 is on the mean
    assert flags(on_base(11, 11, 11, 10, 11, 11, 11, 11), Rule.RUN) == {}
    # 11 ×3, 10, 11 ×7: only the second run (indices 16..22) has 7
    result = on_base(11, 11, 11, 10, *[11] * 7)
    assert flags(result, Rule.RUN) == {i: {HIGH} for i in range(16, 23)}


def test_run_below_the_mean_includes_the_last_base_point() -> None:
    # BASE ends with 7 (below 10): 7 + six 9s = 7 points below (indices 11..17)
    assert flags(on_base(*[9] * 6), Rule.RUN) == {i: {LOW} for i in range(11, 18)}
    # 7 + five 9s = 6 points: no run
    assert flags(on_base(*[9] * 5), Rule.RUN) == {}


def test_rule_run_function_ties() -> None:
    mean = Fraction(0)
    above = [Fraction(1)] * 7
    assert rule_run(above, mean=mean) == tuple(Hit(i, HIGH) for i in range(7))
    assert rule_run(above[:6], mean=mean) == ()
    broken = [*above[:3], Fraction(0), *above[:4]]
    assert rule_run(broken, mean=mean) == ()


# ---------------------------------------------------------------------------------------------
# rule 3: trend (counts points, not steps)


def ints(*values: int) -> list[Fraction]:
    return [Fraction(v) for v in values]


def test_six_rising_points_are_not_a_trend() -> None:
    assert rule_trend(ints(1, 2, 3, 4, 5, 6)) == ()


def test_seven_rising_points_are_a_trend() -> None:
    # 7 points = 6 rises
    assert rule_trend(ints(1, 2, 3, 4, 5, 6, 7)) == tuple(Hit(i, HIGH) for i in range(7))
    assert rule_trend(ints(7, 6, 5, 4, 3, 2, 1)) == tuple(Hit(i, LOW) for i in range(7))


def test_an_equal_pair_breaks_the_trend() -> None:
    # 1, 2, 3 | 3, 4, 5, 6, 7: stretches of 3 and 5 points
    assert rule_trend(ints(1, 2, 3, 3, 4, 5, 6, 7)) == ()
    # 1, 2, 3 | 3, 4, 5, 6, 7, 8, 9: the second stretch has 7 points (indices 3..9)
    hits = rule_trend(ints(1, 2, 3, 3, 4, 5, 6, 7, 8, 9))
    assert hits == tuple(Hit(i, HIGH) for i in range(3, 10))


def test_turning_point_belongs_to_both_trends() -> None:
    hits = rule_trend(ints(1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1))
    assert Hit(6, HIGH) in hits
    assert Hit(6, LOW) in hits
    assert len(hits) == 14


def test_trend_in_a_chart_six_versus_seven_points() -> None:
    # BASE ends with 7; appending 7 (equal: breaks), then 8..12: the trend is 7, 8, …, 12 = 6 pts
    assert flags(on_base(7, 8, 9, 10, 11, 12), Rule.TREND) == {}
    # …and with 13 it is 7 points (indices 12..18); 7, 8, 9 below, 10 on the mean, 11..13 above:
    # no run; nothing passes a two-thirds line
    result = on_base(7, 8, 9, 10, 11, 12, 13)
    assert flags(result, Rule.TREND) == {i: {HIGH} for i in range(12, 19)}
    assert set(all_flags(result)) == set(range(12, 19))
    assert all(p.rules == {Rule.TREND} for p in result.points[12:])


# ---------------------------------------------------------------------------------------------
# rule 4: two of three beyond a two-thirds line


def test_two_of_three_flags_the_two_points_not_the_third() -> None:
    # windows: (7, 11, 16) mixed sides; (11, 16, 16) all above, 16 and 16 beyond 15.32
    assert flags(on_base(11, 16, 16, 5), Rule.TWO_OF_THREE) == {13: {HIGH}, 14: {HIGH}}


def test_two_of_three_non_adjacent() -> None:
    # (16, 11, 16): all above the mean, the two 16s beyond 15.32; the 11 is not flagged
    assert flags(on_base(16, 11, 16, 5), Rule.TWO_OF_THREE) == {12: {HIGH}, 14: {HIGH}}


def test_point_exactly_on_the_two_thirds_line_does_not_count() -> None:
    # (11, 15.32, 16): 15.32 is on the line, so only one point is beyond it
    assert flags(on_base(11, 15.32, 16, 5), Rule.TWO_OF_THREE) == {}
    # just beyond the line, it counts
    assert flags(on_base(11, 15.33, 16, 5), Rule.TWO_OF_THREE) == {13: {HIGH}, 14: {HIGH}}


def test_two_of_three_needs_all_three_on_one_side_of_the_mean() -> None:
    assert flags(on_base(16, 9, 16, 5), Rule.TWO_OF_THREE) == {}  # 9 is below the mean
    assert flags(on_base(16, 10, 16, 5), Rule.TWO_OF_THREE) == {}  # 10 is on the mean


def test_two_of_three_low_side() -> None:
    # lower ⅔ = 4.68: windows (7, 9, 4) one beyond; (9, 4, 4) two beyond; (4, 4, 15) mixed
    assert flags(on_base(9, 4, 4, 15), Rule.TWO_OF_THREE) == {13: {LOW}, 14: {LOW}}
    assert flags(on_base(9, 4.68, 4, 15), Rule.TWO_OF_THREE) == {}


def test_point_beyond_the_limit_does_not_count_by_default() -> None:
    # (11, 18, 16): 18 is outside (rule 1), leaving only 16 between the ⅔ line and the limit
    result = on_base(11, 18, 16, 5)
    assert flags(result, Rule.TWO_OF_THREE) == {}
    assert flags(result, Rule.OUTSIDE_LIMITS) == {13: {HIGH}}


def test_point_beyond_the_limit_counts_with_the_current_mdc_option() -> None:
    result = on_base(11, 18, 16, 5, two_of_three_counts_beyond_limits=True)
    assert flags(result, Rule.TWO_OF_THREE) == {13: {HIGH}, 14: {HIGH}}
    assert flags(result, Rule.OUTSIDE_LIMITS) == {13: {HIGH}}


def test_point_exactly_on_the_limit_counts_for_two_of_three() -> None:
    result = on_base(11, 17.98, 16, 5)
    assert flags(result, Rule.TWO_OF_THREE) == {13: {HIGH}, 14: {HIGH}}
    assert flags(result, Rule.OUTSIDE_LIMITS) == {}


def test_rule_two_of_three_function() -> None:
    lines = {
        "mean": Fraction(0),
        "lower": Fraction(-3),
        "upper": Fraction(3),
        "lower_two_thirds": Fraction(-2),
        "upper_two_thirds": Fraction(2),
    }
    assert rule_two_of_three(ints(1, 3, 3), **lines) == (Hit(1, HIGH), Hit(2, HIGH))
    assert rule_two_of_three(ints(1, 2, 3), **lines) == ()
    assert rule_two_of_three(ints(-3, -1, -3), **lines) == (Hit(0, LOW), Hit(2, LOW))
    assert rule_two_of_three(ints(3, 3), **lines) == ()  # needs three points


# ---------------------------------------------------------------------------------------------
# variation icon


@pytest.mark.parametrize(
    ("appended", "direction", "icon"),
    [
        (18.5, "up", VariationIcon.IMPROVEMENT_HIGH),
        (18.5, "down", VariationIcon.CONCERN_HIGH),
        (18.5, "neither", VariationIcon.NEITHER_HIGH),
        (1.5, "up", VariationIcon.CONCERN_LOW),
        (1.5, "down", VariationIcon.IMPROVEMENT_LOW),
        (1.5, "neither", VariationIcon.NEITHER_LOW),
        (11, "up", VariationIcon.COMMON_CAUSE),
        (11, "down", VariationIcon.COMMON_CAUSE),
        (11, "neither", VariationIcon.COMMON_CAUSE),
    ],
)
def test_variation_icon_for_each_direction(
    appended: float, direction: str, icon: VariationIcon
) -> None:
    summary = on_base(appended, direction=direction).summary
    assert summary.variation is icon
    assert summary.variation_label == icon.label
    assert summary.latest_period == "P12"


def test_variation_labels() -> None:
    assert on_base(18.5).summary.variation_label == "Special cause: improving (higher is better)"
    assert (
        on_base(18.5, direction="down").summary.variation_label
        == "Special cause: concerning (lower is better)"
    )
    assert on_base(11).summary.variation_label == "Common cause: no significant change"
    assert on_base(1.5, direction="neither").summary.variation_label.startswith(
        "Special cause: lower"
    )


def test_variation_comes_from_the_latest_point_being_in_a_pattern() -> None:
    # the latest point is the 7th of a run: special cause although it is close to the mean
    assert on_base(*[11] * 7).summary.variation is VariationIcon.IMPROVEMENT_HIGH
    # an earlier outside point does not make the latest point special
    result = on_base(18.5, 10)
    assert result.points[12].variation is VariationIcon.IMPROVEMENT_HIGH
    assert result.summary.variation is VariationIcon.COMMON_CAUSE


def test_both_high_and_low_improvement_wins_or_rule_order_when_neither() -> None:
    # 17, 16, …, 11: all above the mean (run, high) and falling (trend, low); 17 and 16 beyond
    # 15.32 (2-of-3, high). The latest point, 11, is in the run (high) and the trend (low).
    appended = (17, 16, 15, 14, 13, 12, 11)
    latest = on_base(*appended).points[-1]
    assert latest.signals == {Signal(Rule.RUN, HIGH), Signal(Rule.TREND, LOW)}
    assert latest.high
    assert latest.low
    assert on_base(*appended).summary.variation is VariationIcon.IMPROVEMENT_HIGH
    assert on_base(*appended, direction="down").summary.variation is VariationIcon.IMPROVEMENT_LOW
    # neither: the trend comes before the run in NHSRplotthedots' order
    assert on_base(*appended, direction="neither").summary.variation is VariationIcon.NEITHER_LOW


def test_variation_icon_turning_point_when_neither() -> None:
    both = {Signal(Rule.TREND, HIGH), Signal(Rule.TREND, LOW)}
    assert variation_icon(both, Direction.NEITHER, turning_side=LOW) is VariationIcon.NEITHER_LOW
    assert variation_icon(both, Direction.NEITHER) is VariationIcon.NEITHER_HIGH
    outside_low = {Signal(Rule.OUTSIDE_LIMITS, LOW), Signal(Rule.RUN, HIGH)}
    assert variation_icon(outside_low, Direction.NEITHER) is VariationIcon.NEITHER_LOW
    assert variation_icon(set(), Direction.UP) is VariationIcon.COMMON_CAUSE


# ---------------------------------------------------------------------------------------------
# assurance icon (BASE limits 2.02 and 17.98)


@pytest.mark.parametrize(
    ("direction", "target", "icon"),
    [
        ("up", 1, AssuranceIcon.PASSING),  # target below the lower limit
        ("up", 2.01, AssuranceIcon.PASSING),
        ("up", 2.02, AssuranceIcon.HIT_OR_MISS),  # exactly on the lower limit
        ("up", 10, AssuranceIcon.HIT_OR_MISS),
        ("up", 17.98, AssuranceIcon.HIT_OR_MISS),  # exactly on the upper limit
        ("up", 17.99, AssuranceIcon.FAILING),
        ("up", 19, AssuranceIcon.FAILING),
        ("down", 19, AssuranceIcon.PASSING),
        ("down", 17.98, AssuranceIcon.HIT_OR_MISS),
        ("down", 2.02, AssuranceIcon.HIT_OR_MISS),
        ("down", 1, AssuranceIcon.FAILING),
    ],
)
def test_assurance(direction: str, target: float, icon: AssuranceIcon) -> None:
    summary = chart(BASE, direction=direction, target=target).summary
    assert summary.assurance is icon
    assert summary.assurance_label == icon.label
    assert summary.target == target


def test_assurance_labels_and_absence() -> None:
    assert (
        chart(BASE, target=10).summary.assurance_label
        == "Hit or miss: the target lies within the process limits"
    )
    assert chart(BASE, target=1).summary.assurance_label.startswith("Consistently passing")
    assert chart(BASE, target=19).summary.assurance_label.startswith("Consistently failing")
    neither = chart(BASE, direction="neither", target=1).summary
    assert (neither.assurance, neither.assurance_label) == (None, None)
    assert chart(BASE).summary.assurance is None


def test_assurance_function_exact_on_non_decimal_limit() -> None:
    lower, upper = Fraction(1, 3), Fraction(2, 3)
    assert assurance_icon(lower, direction=Direction.UP, lower=lower, upper=upper) is (
        AssuranceIcon.HIT_OR_MISS
    )
    assert assurance_icon(0, direction=Direction.NEITHER, lower=lower, upper=upper) is None


# ---------------------------------------------------------------------------------------------
# trial limits and baselines


def test_eleven_points_are_trial_twelve_are_not() -> None:
    eleven = chart(BASE[:11])
    assert eleven.summary.trial
    assert eleven.summary.trial_label == "Trial limits: fewer than 12 points"
    assert all(p.trial for p in eleven.points)
    twelve = chart(BASE)
    assert not twelve.summary.trial
    assert twelve.summary.trial_label is None
    assert not any(p.trial for p in twelve.points)


def test_min_points_for_limits_is_configurable() -> None:
    assert not chart(BASE[:8], min_points_for_limits=8).summary.trial
    result = chart(BASE[:7], min_points_for_limits=8)
    assert result.summary.trial_label == "Trial limits: fewer than 8 points"


def test_baseline_points_fix_the_limits() -> None:
    # without a baseline, 40 moves the mean: (120 + 40) / 13 = 12.307…
    assert chart([*BASE, 40]).segments[0].mean == pytest.approx(160 / 13)
    result = on_base(40)
    segment = result.segments[0]
    assert (segment.mean, segment.upper, segment.n_baseline, segment.n_values) == (
        10,
        17.98,
        12,
        13,
    )
    assert [p.baseline for p in result.points] == [True] * 12 + [False]
    assert flags(result, Rule.OUTSIDE_LIMITS) == {12: {HIGH}}


def test_short_baseline_is_trial_even_with_many_points() -> None:
    # limits from 6 values (10, 13, 10, 7, 10, 13): mean 63 / 6 = 10.5, ranges 3 ×5 → mR̄ 3
    result = chart(BASE, baseline_points=6)
    assert result.segments[0].mean == 10.5
    assert result.segments[0].mean_moving_range == 3
    assert result.summary.trial


def test_baseline_longer_than_the_series_uses_every_value() -> None:
    assert chart(BASE, baseline_points=50).segments[0].n_baseline == 12


# ---------------------------------------------------------------------------------------------
# rebasing


SHIFTED = [v + 10 for v in BASE]  # type: ignore[operator]


def test_rebase_gives_each_segment_its_own_limits() -> None:
    # without rebasing: mean 15, and the first 12 points (all ≤ 13) are one long run below it;
    # mR̄ = (11 × 3 + |7 − 20| + 11 × 3) / 23 = 79 / 23
    whole = chart([*BASE, *SHIFTED])
    assert whole.segments[0].mean == 15
    assert whole.segments[0].mean_moving_range == pytest.approx(79 / 23)
    assert flags(whole, Rule.RUN) == {
        **{i: {LOW} for i in range(12)},
        **{i: {HIGH} for i in range(12, 24)},
    }
    for rebase in ([12], ["P12"]):
        result = chart([*BASE, *SHIFTED], rebase_at=rebase)
        first, second = result.segments
        assert (first.start, first.stop, first.mean, first.mean_moving_range) == (0, 12, 10, 3)
        assert (second.start, second.stop, second.mean, second.mean_moving_range) == (12, 24, 20, 3)
        assert (second.lower, second.upper) == (12.02, 27.98)
        assert all_flags(result) == {}
        assert result.points[12].moving_range is None  # no moving range across the boundary
        assert [p.segment for p in result.points] == [0] * 12 + [1] * 12


def test_rules_do_not_look_across_a_rebase() -> None:
    # BASE, 11 ×4 | 11 ×3, BASE: without rebasing the seven 11s (indices 12..18) are a run above
    # the mean (120 + 44 + 33 + 120) / 31 = 10.23; BASE's first point 10 is below it.
    values = [*BASE, 11, 11, 11, 11, 11, 11, 11, *BASE]
    assert flags(chart(values), Rule.RUN) == {i: {HIGH} for i in range(12, 19)}
    # rebased at 16: segment means 164 / 16 = 10.25 and 153 / 15 = 10.2: runs of 4 and 3 only
    assert flags(chart(values, rebase_at=[16]), Rule.RUN) == {}


def test_rebase_summary_uses_the_latest_segment() -> None:
    result = chart([*BASE, *SHIFTED], rebase_at=[12], target=19)
    # latest segment limits 12.02..27.98: target 19 is within them
    assert result.summary.assurance is AssuranceIcon.HIT_OR_MISS
    short = chart([*BASE, *SHIFTED[:5]], rebase_at=["P12"])
    assert short.summary.trial  # 5 values in the new segment
    assert not short.segments[0].trial


def test_rebase_validation() -> None:
    with pytest.raises(ValueError, match="not in the series"):
        chart(BASE, rebase_at=["P99"])
    with pytest.raises(ValueError, match="outside the series"):
        chart(BASE, rebase_at=[12])
    assert len(chart(BASE, rebase_at=[0]).segments) == 1


# ---------------------------------------------------------------------------------------------
# configurable lengths


def test_run_length_is_configurable() -> None:
    assert flags(on_base(*[11] * 6, run_length=6), Rule.RUN) == {i: {HIGH} for i in range(12, 18)}
    assert flags(on_base(*[11] * 5, run_length=6), Rule.RUN) == {}


def test_trend_length_is_configurable() -> None:
    # 7 (equal to BASE's last: breaks), 8, 9, 10, 11: five rising points
    assert flags(on_base(7, 8, 9, 10, 11, trend_length=5), Rule.TREND) == {
        i: {HIGH} for i in range(12, 17)
    }
    assert flags(on_base(7, 8, 9, 10, 11, trend_length=6), Rule.TREND) == {}


@pytest.mark.parametrize("name", ["run_length", "trend_length", "min_points_for_limits"])
def test_lengths_must_be_at_least_two(name: str) -> None:
    with pytest.raises(ValueError, match=name):
        chart(BASE, **{name: 1})


# ---------------------------------------------------------------------------------------------
# edge cases


def test_empty_series() -> None:
    result = chart([])
    assert (result.points, result.segments) == ((), ())
    assert result.summary.variation is None
    assert result.summary.variation_label == "No data"
    assert result.summary.assurance is None
    assert result.summary.latest_index is None


def test_one_point_has_no_limits() -> None:
    result = chart([7], target=5)
    (segment,) = result.segments
    assert segment.mean == 7
    assert (segment.upper, segment.lower, segment.mean_moving_range) == (None, None, None)
    assert not segment.has_limits
    (point,) = result.points
    assert (point.variation, point.signals, point.trial) == (None, frozenset(), False)
    assert result.summary.variation is None
    assert result.summary.variation_label.startswith("Not enough data")
    assert result.summary.assurance is None


def test_two_points_have_limits() -> None:
    # 4, 6: mean 5, mR̄ 2, 2.66 × 2 = 5.32
    (segment,) = chart([4, 6]).segments
    assert (segment.lower, segment.upper) == (-0.32, 10.32)


def test_all_values_equal() -> None:
    # mR̄ = 0: every line collapses onto the mean; every point is on the mean, so no run, no
    # trend (equal neighbours), no 2-of-3 (nothing beyond a ⅔ line) and nothing outside
    result = chart([5] * 15, target=5)
    (segment,) = result.segments
    assert (segment.mean, segment.mean_moving_range) == (5, 0)
    assert segment.lower == segment.lower_two_thirds == segment.upper_two_thirds == segment.upper
    assert all_flags(result) == {}
    assert result.summary.variation is VariationIcon.COMMON_CAUSE
    assert result.summary.assurance is AssuranceIcon.HIT_OR_MISS  # target on both limits
    assert chart([5] * 15, target=4.99).summary.assurance is AssuranceIcon.PASSING


def test_equal_baseline_then_a_different_value_is_outside() -> None:
    result = chart([*[5] * 12, 5.01, 4.99], baseline_points=12)
    assert flags(result, Rule.OUTSIDE_LIMITS) == {12: {HIGH}, 13: {LOW}}
    assert flags(result, Rule.TWO_OF_THREE) == {}


def test_gaps_are_skipped_and_bridged() -> None:
    # same limits as 4, 6, 5, 7, 3: the moving range of 6 is taken from 4, across the gap
    result = chart([4, None, 6, 5, 7, 3])
    assert result.segments[0].mean_moving_range == 2.25
    assert result.segments[0].n_values == 5
    gap = result.points[1]
    assert (gap.value, gap.signals, gap.variation, gap.moving_range) == (
        None,
        frozenset(),
        None,
        None,
    )
    assert gap.mean == 5  # drawn with its segment's lines
    assert result.points[2].moving_range == 2
    assert [p.baseline for p in result.points] == [True, False, True, True, True, True]


def test_gaps_do_not_break_runs_or_trends() -> None:
    assert flags(on_base(11, 11, 11, None, 11, 11, 11, 11), Rule.RUN) == {
        i: {HIGH} for i in (12, 13, 14, 16, 17, 18, 19)
    }
    hits = flags(chart([1, 2, None, 3, 4, 5, 6, 7]), Rule.TREND)
    assert hits == {i: {HIGH} for i in (0, 1, 3, 4, 5, 6, 7)}


def test_nan_is_a_gap_and_trailing_gaps_are_skipped_for_the_summary() -> None:
    result = on_base(18.5, math.nan, None)
    assert result.points[13].value is None
    assert result.summary.latest_period == "P12"
    assert result.summary.variation is VariationIcon.IMPROVEMENT_HIGH
    assert chart([None, None]).summary.variation_label == "No data"


def test_input_validation() -> None:
    with pytest.raises(ValueError, match="unique"):
        xmr_compute([("2025-01", 1), ("2025-01", 2)], direction="up")
    with pytest.raises(ValueError, match="infinite"):
        chart([1, math.inf])
    with pytest.raises(TypeError):
        chart([True, False])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="sideways"):
        chart(BASE, direction="sideways")
    with pytest.raises(ValueError, match="baseline_points"):
        chart(BASE, baseline_points=1)


def test_direction_enum_and_labels() -> None:
    assert chart(BASE, direction=Direction.DOWN).summary.direction is Direction.DOWN
    assert Direction.UP.label == "higher is better"
    assert Rule.TWO_OF_THREE.label.startswith("Two out of three")


# ---------------------------------------------------------------------------------------------
# properties


values_strategy = st.lists(st.one_of(st.none(), st.integers(-50, 50)), max_size=40)
directions = st.sampled_from(list(Direction))
lengths = st.integers(2, 9)
PROPERTY = settings(max_examples=150, deadline=None)


def signals_by_index(result: XmrChart) -> list[frozenset[Signal]]:
    return [point.signals for point in result.points]


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


@PROPERTY
@given(values_strategy, st.integers(-1000, 1000), directions, lengths, lengths)
def test_shifting_by_a_constant_shifts_the_lines_and_keeps_the_flags(
    values: list[int | None], shift: int, direction: Direction, run: int, trend: int
) -> None:
    options = {"direction": direction, "run_length": run, "trend_length": trend, "target": 3}
    before = chart(list(values), **options)
    shifted = [None if v is None else v + shift for v in values]
    after = chart(shifted, **{**options, "target": 3 + shift})  # type: ignore[arg-type]
    assert signals_by_index(after) == signals_by_index(before)
    assert after.summary.variation == before.summary.variation
    assert after.summary.assurance == before.summary.assurance
    for old, new in zip(before.segments, after.segments, strict=True):
        for line in ("mean", "upper", "lower", "upper_two_thirds", "lower_two_thirds"):
            old_value, new_value = getattr(old, line), getattr(new, line)
            assert close(None if old_value is None else old_value + shift, new_value)
        assert close(old.mean_moving_range, new.mean_moving_range)


@PROPERTY
@given(values_strategy, st.integers(1, 1000), directions)
def test_scaling_by_a_positive_constant_keeps_the_flags(
    values: list[int | None], factor: int, direction: Direction
) -> None:
    before = chart(list(values), direction=direction)
    scaled = [None if v is None else Fraction(v, 7) * factor for v in values]
    after = chart(scaled, direction=direction)  # type: ignore[arg-type]
    assert signals_by_index(after) == signals_by_index(before)
    assert after.summary.variation == before.summary.variation
    for old, new in zip(before.segments, after.segments, strict=True):
        assert close(None if old.upper is None else old.upper * factor / 7, new.upper)


MIRROR = {
    VariationIcon.COMMON_CAUSE: VariationIcon.COMMON_CAUSE,
    VariationIcon.IMPROVEMENT_HIGH: VariationIcon.IMPROVEMENT_LOW,
    VariationIcon.IMPROVEMENT_LOW: VariationIcon.IMPROVEMENT_HIGH,
    VariationIcon.CONCERN_HIGH: VariationIcon.CONCERN_LOW,
    VariationIcon.CONCERN_LOW: VariationIcon.CONCERN_HIGH,
    VariationIcon.NEITHER_HIGH: VariationIcon.NEITHER_LOW,
    VariationIcon.NEITHER_LOW: VariationIcon.NEITHER_HIGH,
}
OPPOSITE = {Direction.UP: Direction.DOWN, Direction.DOWN: Direction.UP}


@PROPERTY
@given(values_strategy, directions)
def test_negating_the_values_mirrors_sides_and_icons(
    values: list[int | None], direction: Direction
) -> None:
    before = chart(list(values), direction=direction)
    negated = [None if v is None else -v for v in values]
    after = chart(negated, direction=OPPOSITE.get(direction, direction))  # type: ignore[arg-type]
    flip = {HIGH: LOW, LOW: HIGH}
    for old, new in zip(before.points, after.points, strict=True):
        assert new.signals == {Signal(s.rule, flip[s.side]) for s in old.signals}
        assert new.variation == (None if old.variation is None else MIRROR[old.variation])


@PROPERTY
@given(values_strategy, st.lists(st.integers(0, 39), max_size=3), lengths)
def test_gaps_change_nothing_but_the_rows(
    values: list[int | None], rebase_at: list[int], run: int
) -> None:
    # dropping the missing rows gives the same lines and the same signals for every value; a
    # rebase at a missing row becomes a rebase at the next value (same values in each segment)
    rebase_at = [i for i in rebase_at if i < len(values)]
    with_gaps = chart(list(values), rebase_at=rebase_at, run_length=run)
    kept = [(f"P{i:02d}", v) for i, v in enumerate(values) if v is not None]
    moved = {
        next((f"P{j:02d}" for j in range(i, len(values)) if values[j] is not None), None)
        for i in rebase_at
    }
    without = xmr_compute(
        kept, direction="up", rebase_at=sorted(m for m in moved if m), run_length=run
    )
    by_period = {p.period: p for p in without.points}
    for point in with_gaps.points:
        if point.value is None:
            assert point.signals == frozenset()
            assert point.variation is None
            continue
        twin = by_period[point.period]
        assert point.signals == twin.signals
        assert point.variation == twin.variation
        assert close(point.upper, twin.upper)
        assert close(point.mean, twin.mean)


def naive_lines(xs: list[Fraction]) -> tuple[Fraction, Fraction, Fraction, Fraction, Fraction]:
    """mean, lower, upper, lower ⅔, upper ⅔ straight from the definitions."""
    mean = sum(xs, Fraction(0)) / len(xs)
    mr = sum((abs(b - a) for a, b in pairwise(xs)), Fraction(0)) / (len(xs) - 1)
    limit, two_thirds = Fraction(266, 100) * mr, Fraction(2, 3) * Fraction(266, 100) * mr
    return mean, mean - limit, mean + limit, mean - two_thirds, mean + two_thirds


def naive_side(x: Fraction, mean: Fraction) -> Side | None:
    return HIGH if x > mean else LOW if x < mean else None


def naive_windows(xs: list[Fraction], width: int) -> list[tuple[int, list[Fraction]]]:
    return [(start, xs[start : start + width]) for start in range(len(xs) - width + 1)]


def naive_signals(xs: list[Fraction], run: int, trend: int, beyond: bool) -> list[set[Signal]]:
    """Every rule by brute force over every window (no run-length bookkeeping)."""
    mean, lower, upper, lo23, up23 = naive_lines(xs)
    expected: list[set[Signal]] = [set() for _ in xs]
    for i, x in enumerate(xs):
        if x > upper or x < lower:
            expected[i].add(Signal(Rule.OUTSIDE_LIMITS, HIGH if x > upper else LOW))
    for start, window in naive_windows(xs, run):
        sides = {naive_side(x, mean) for x in window}
        if len(sides) == 1 and None not in sides:
            expected_side = sides.pop()
            for i in range(start, start + run):
                expected[i].add(Signal(Rule.RUN, expected_side))  # type: ignore[arg-type]
    for start, window in naive_windows(xs, trend):
        steps = {naive_side(b, a) for a, b in pairwise(window)}
        if len(steps) == 1 and None not in steps:
            step = steps.pop()
            for i in range(start, start + trend):
                expected[i].add(Signal(Rule.TREND, step))  # type: ignore[arg-type]
    for start, window in naive_windows(xs, 3):
        sides = {naive_side(x, mean) for x in window}
        if len(sides) != 1 or None in sides:
            continue
        side = sides.pop()
        near = [
            start + k
            for k, x in enumerate(window)
            if (side is HIGH and x > up23 and (beyond or x <= upper))
            or (side is LOW and x < lo23 and (beyond or x >= lower))
        ]
        if len(near) >= 2:
            for i in near:
                expected[i].add(Signal(Rule.TWO_OF_THREE, side))  # type: ignore[arg-type]
    return expected


@PROPERTY
@given(values_strategy, lengths, lengths, st.booleans())
def test_rules_match_naive_window_definitions(
    values: list[int | None], run: int, trend: int, beyond: bool
) -> None:
    result = chart(
        list(values),
        run_length=run,
        trend_length=trend,
        two_of_three_counts_beyond_limits=beyond,
    )
    present = [p for p in result.points if p.value is not None]
    if len(present) < 2:
        assert all(p.signals == frozenset() for p in result.points)
        return
    xs = [Fraction(p.value) for p in present]  # type: ignore[arg-type]
    assert close(result.segments[0].upper, float(naive_lines(xs)[2]))
    assert [set(p.signals) for p in present] == naive_signals(xs, run, trend, beyond)


@PROPERTY
@given(values_strategy)
def test_lines_are_ordered_and_symmetric(values: list[int | None]) -> None:
    for segment in chart(list(values)).segments:
        if not segment.has_limits:
            continue
        lines = (
            segment.lower,
            segment.lower_two_thirds,
            segment.mean,
            segment.upper_two_thirds,
            segment.upper,
        )
        assert None not in lines
        assert list(lines) == sorted(lines)  # type: ignore[type-var]
        assert close(segment.upper - segment.mean, segment.mean - segment.lower)
