"""Statistical process control: the XmR chart of NHS England's *Making Data Count* (MDC).

Pure Python (standard library only), no Django. The performance dashboard calls
:func:`xmr_compute` with a measure's monthly series and draws what it returns: the centre line,
the process limits, the coloured points and the two summary icons.

>>> chart = xmr_compute(
...     [("2025-01", 10), ("2025-02", 13), ("2025-03", 10), ("2025-04", 7)],
...     direction="up",
...     target=20,
... )
>>> segment = chart.segments[0]
>>> segment.mean, segment.mean_moving_range, segment.lower, segment.upper
(10.0, 3.0, 2.02, 17.98)
>>> chart.summary.variation_label
'Common cause: no significant change'
>>> chart.summary.assurance
<AssuranceIcon.FAILING: 'consistent_fail'>
>>> chart.summary.trial_label
'Trial limits: fewer than 12 points'

What it computes
================

* **Centre line** = the mean of the values of a segment (or of its first ``baseline_points``
  values). **Moving ranges** ``|x_i - x_{i-1}|`` between consecutive values *within* a segment;
  mR̄ = their mean. MDC's Excel tools do **not** screen large moving ranges out of mR̄
  (NHSRplotthedots' ``screen_outliers = FALSE`` reproduces the Excel tools), so neither do we.
* **Process limits** = mean ± 2.66 × mR̄; **two-thirds lines** = mean ± (2/3) × 2.66 × mR̄
  (the "2-sigma" lines used by the 2-of-3 rule; NHSRplotthedots' ``limitclose = 2 * (limit / 3)``).
* **Special-cause rules** (functions :func:`rule_outside_limits`, :func:`rule_run`,
  :func:`rule_trend`, :func:`rule_two_of_three`), evaluated within a segment only:

  1. a point strictly beyond a process limit;
  2. a run of ``run_length`` (7) or more consecutive points all strictly above, or all strictly
     below, the mean;
  3. a trend of ``trend_length`` (7) or more consecutive *points* each strictly higher (or
     lower) than the one before: 7 points = 6 rises;
  4. two out of three consecutive points strictly beyond a two-thirds line, all three on the same
     side of the mean, counting only points that are not beyond the limit itself.

* **Variation icon** from the latest point with a value; **assurance icon** from the target
  against the latest segment's limits. Fewer than ``min_points_for_limits`` (12) values behind
  the limits: the limits are *trial* limits (rules and icons are still computed, and labelled).

Arithmetic is exact: every value is converted to a :class:`fractions.Fraction` through its
shortest decimal form (``0.1`` is one tenth, not the binary float nearest to it), and the mean,
mR̄, limits and two-thirds lines are exact rationals. So "a point exactly on the limit" means
what an analyst reading the decimal figures would think it means, ties are decided the same way
whatever the order of summation, and shifting or scaling a series cannot move a point across a
line by rounding. Results are returned as floats.

Tie semantics (each rule's docstring repeats its own)
=====================================================

* exactly **on the mean**: neither above nor below; it breaks a run, and a 2-of-3 window
  containing it is not "all on the same side".
* exactly **on a two-thirds line**: not beyond it (does not count towards 2-of-3).
* exactly **on a process limit**: not outside (rule 1 does not fire); it is beyond the
  two-thirds line, so it counts towards 2-of-3.
* **equal consecutive values**: neither a rise nor a fall; they break a trend (the trend on
  each side is counted separately). Run-chart guidance (the "ignore points on the median, ignore
  repeated values" convention, raised in NHSRplotthedots PR #24) differs; both MDC-aligned
  implementations read here break the run and the trend, and so do we.
* a point where a rising trend turns into a falling one belongs to both trends and carries both
  a high and a low trend signal.
* **mR̄ = 0** (all baseline values equal): the limits and the two-thirds lines collapse onto the
  mean. Over the baseline itself nothing fires (every point is on the mean). A later value (with
  ``baseline_points``) that differs from the mean is outside the limits; it is not "near" them,
  since the zone between a two-thirds line and its limit is empty (with
  ``two_of_three_counts_beyond_limits`` it also counts towards 2-of-3).
* a **target exactly equal to a limit** is "hit or miss" (both sources compare strictly:
  consistently failing/passing only when the target is strictly beyond a limit).

Missing values (``None``, or NaN)
=================================

A missing value is kept as a point (value ``None``, no signals, the segment's lines so the chart
can be drawn) but is otherwise **skipped, as if the row were absent**: it does not enter the mean
or mR̄; the moving range is taken between the values either side of the gap; runs, trends and
2-of-3 windows continue across it, counting values only. This is what the MDC-aligned Power BI
visual does (it filters out null rows before computing: PowerBI-SPC issue #311); NHSRplotthedots
requires a series without gaps (``ptd_spc``: "There should be no gaps") and misflags when given
NA (issue #156). ``baseline_points`` counts values, not rows.

Variation icon: precedence when a point is both high and low
============================================================

MDC decides from the latest point being part of any special-cause pattern. A point can be
both high and low (a run above the mean whose last points are falling, for instance). With an
improvement direction, **improvement wins**: "When special cause is triggered for both
improvement and concern [...] In the Single Chart tool, improvement is shown" (MDC team,
NHSRplotthedots issue #194). With direction "neither" there is no improvement to prefer, so we
take NHSRplotthedots' rule order (``ptd_special_cause_type``): outside the limits, then trend,
then 2-of-3, then run; at a trend's turning point, the trend that follows the point
("if a point is part of a trend either side, use right side").

Sources followed
================

* NHS England, *Making Data Count* (https://www.england.nhs.uk/publication/making-data-count/):
  the XmR method, the four rules, the variation and assurance icons.
* NHS-R community, NHSRplotthedots (MIT; the R implementation whose stated intent is "to mimic
  as completely as possible the output available from the [MDC] Excel tools"):
  ``R/ptd_spc_standard.R`` (2.66, two-thirds lines, strict ``>``/``<`` comparisons, rebase
  groups, ``fix_after_n_points``), ``R/ptd_calculate_point_type.R`` (runs broken by a point on the
  mean, 7-point trends as 6 same-sign differences, 2-of-3 needing all three points on one side,
  rule precedence), ``R/ptd_calculate_assurance_type.R`` (strict target comparisons),
  ``R/ptd_add_short_group_warnings.R`` (trial limits under 12 points), ``vignettes/deviations.Rmd``
  (the Excel tools do not screen moving ranges), issues #143, #153, #156, #194 and PR #24.
* AUS-DOH-Safety-and-Quality/PowerBI-SPC (an MDC-aligned Power BI visual): ``trend.ts``
  (n points = n - 1 same-sign steps), ``assuranceIconToDraw.ts`` (strict comparisons),
  issue #311 (null rows dropped).

Known difference from the current MDC Excel tool
================================================

In late 2023 the MDC team changed the 2-of-3 rule so that points beyond the limit also count
(NHSRplotthedots issue #194: "all points beyond two-sigma are counted"). Sightline's design
(DESIGN.md, "Performance methods") specifies the earlier rule, "beyond two-thirds of the way to a
limit on the same side (but not beyond it)", and that is the default here; pass
``two_of_three_counts_beyond_limits=True`` for the current MDC behaviour.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "LIMIT_FACTOR",
    "TWO_THIRDS_FACTOR",
    "AssuranceIcon",
    "Direction",
    "Hit",
    "Point",
    "Rule",
    "Segment",
    "Side",
    "Signal",
    "Summary",
    "VariationIcon",
    "XmrChart",
    "assurance_icon",
    "rule_outside_limits",
    "rule_run",
    "rule_trend",
    "rule_two_of_three",
    "to_exact",
    "variation_icon",
    "xmr_compute",
]

LIMIT_FACTOR = Fraction(266, 100)
"""Process limits are mean ± 2.66 × mR̄ (3 / d2, with d2 = 1.128 for ranges of two)."""
TWO_THIRDS_FACTOR = Fraction(2, 3) * LIMIT_FACTOR
"""Two-thirds lines are mean ± (2/3) × 2.66 × mR̄ (the "2-sigma" lines)."""

Number = int | float | Decimal | Fraction
Exact = Fraction | int
"""Exact values the rules compare: rationals, or integers (the chart scales each segment's values
and lines by a common positive factor to integers, which compare much faster and in the same
order)."""


class Direction(StrEnum):
    """Which way is better for the measure."""

    UP = "up"
    DOWN = "down"
    NEITHER = "neither"

    @property
    def label(self) -> str:
        return _DIRECTION_LABELS[self]


_DIRECTION_LABELS = {
    Direction.UP: "higher is better",
    Direction.DOWN: "lower is better",
    Direction.NEITHER: "neither higher nor lower is better",
}


class Side(StrEnum):
    """Which side of the centre line a signal points to (a rising trend is high)."""

    HIGH = "high"
    LOW = "low"


class Rule(StrEnum):
    """The four MDC special-cause rules, in NHSRplotthedots' order of precedence."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    RUN = "run"

    @property
    def label(self) -> str:
        return _RULE_LABELS[self]


_RULE_LABELS = {
    Rule.OUTSIDE_LIMITS: "A point outside the process limits",
    Rule.TREND: "A run of consecutive points all rising or all falling",
    Rule.TWO_OF_THREE: "Two out of three points close to a process limit",
    Rule.RUN: "A run of consecutive points all above or all below the mean",
}
_PRECEDENCE = (Rule.OUTSIDE_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.RUN)


class VariationIcon(StrEnum):
    """MDC variation icons; the values are the names of the MDC icon files."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEITHER_HIGH = "neutral_high"
    NEITHER_LOW = "neutral_low"

    @property
    def label(self) -> str:
        return _VARIATION_LABELS[self]

    @property
    def special_cause(self) -> bool:
        return self is not VariationIcon.COMMON_CAUSE


_VARIATION_LABELS = {
    VariationIcon.COMMON_CAUSE: "Common cause: no significant change",
    VariationIcon.IMPROVEMENT_HIGH: "Special cause: improving (higher is better)",
    VariationIcon.IMPROVEMENT_LOW: "Special cause: improving (lower is better)",
    VariationIcon.CONCERN_HIGH: "Special cause: concerning (lower is better)",
    VariationIcon.CONCERN_LOW: "Special cause: concerning (higher is better)",
    VariationIcon.NEITHER_HIGH: "Special cause: higher (neither direction is better)",
    VariationIcon.NEITHER_LOW: "Special cause: lower (neither direction is better)",
}
NO_DATA_LABEL = "No data"
NO_LIMITS_LABEL = "Not enough data: process limits need at least two values"


class AssuranceIcon(StrEnum):
    """MDC assurance icons: will the process meet the target?"""

    PASSING = "consistent_pass"
    FAILING = "consistent_fail"
    HIT_OR_MISS = "hit_or_miss"

    @property
    def label(self) -> str:
        return _ASSURANCE_LABELS[self]


_ASSURANCE_LABELS = {
    AssuranceIcon.PASSING: (
        "Consistently passing: the target lies beyond the process limits, "
        "so the process should meet it every time"
    ),
    AssuranceIcon.FAILING: (
        "Consistently failing: the target lies beyond the process limits, "
        "so the process will not meet it without change"
    ),
    AssuranceIcon.HIT_OR_MISS: "Hit or miss: the target lies within the process limits",
}


@dataclass(frozen=True, slots=True, order=True)
class Hit:
    """One point flagged by one rule: its position in the values given, and the side."""

    index: int
    side: Side


@dataclass(frozen=True, slots=True, order=True)
class Signal:
    """A rule that flagged a point, and on which side."""

    rule: Rule
    side: Side


@dataclass(frozen=True, slots=True)
class Point:
    """One period of the chart.

    ``mean`` … ``lower_two_thirds`` are the lines of the point's segment (``None`` when the
    segment has fewer than two values). ``value`` is ``None`` for a gap; a gap has no signals and
    no variation. ``baseline`` is true when the value entered the mean and mR̄. ``variation`` is
    the point's own MDC category (for colouring the dot), decided as for the summary icon.
    """

    index: int
    period: str
    value: float | None
    segment: int
    mean: float | None
    upper: float | None
    lower: float | None
    upper_two_thirds: float | None
    lower_two_thirds: float | None
    moving_range: float | None
    baseline: bool
    trial: bool
    signals: frozenset[Signal]
    variation: VariationIcon | None

    @property
    def rules(self) -> frozenset[Rule]:
        return frozenset(signal.rule for signal in self.signals)

    @property
    def high(self) -> bool:
        return any(signal.side is Side.HIGH for signal in self.signals)

    @property
    def low(self) -> bool:
        return any(signal.side is Side.LOW for signal in self.signals)

    @property
    def special_cause(self) -> bool:
        return bool(self.signals)


@dataclass(frozen=True, slots=True)
class Segment:
    """Points ``start`` (inclusive) to ``stop`` (exclusive) sharing one set of limits.

    ``n_values`` counts the values (not gaps); ``n_baseline`` those behind the limits (all of
    them, or the first ``baseline_points``). The lines are ``None`` when ``n_baseline < 2``
    (``mean`` is the value itself when there is exactly one).
    """

    index: int
    start: int
    stop: int
    n_values: int
    n_baseline: int
    mean: float | None
    mean_moving_range: float | None
    upper: float | None
    lower: float | None
    upper_two_thirds: float | None
    lower_two_thirds: float | None
    trial: bool

    @property
    def has_limits(self) -> bool:
        return self.upper is not None


@dataclass(frozen=True, slots=True)
class Summary:
    """The two icons for the latest point with a value, with labels for a board paper."""

    latest_index: int | None
    latest_period: str | None
    direction: Direction
    target: float | None
    variation: VariationIcon | None
    variation_label: str
    assurance: AssuranceIcon | None
    assurance_label: str | None
    trial: bool
    trial_label: str | None


@dataclass(frozen=True, slots=True)
class XmrChart:
    """Everything :func:`xmr_compute` found, with the settings it used."""

    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    summary: Summary
    run_length: int
    trend_length: int
    min_points_for_limits: int
    baseline_points: int | None
    two_of_three_counts_beyond_limits: bool


# --------------------------------------------------------------------------------------------
# exact values


def to_exact(value: Number) -> Fraction | None:
    """The exact rational a value stands for; ``None`` for NaN (a missing value).

    Floats go through their shortest decimal representation (``repr``), so ``12.66`` is
    exactly 1266/100. Infinities and booleans are refused with :class:`ValueError` /
    :class:`TypeError`.
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a measure value")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise ValueError(f"infinite value {value!r}")
        return Fraction(*Decimal(repr(value)).as_integer_ratio())
    if isinstance(value, Decimal):
        if value.is_nan():
            return None
        if value.is_infinite():
            raise ValueError(f"infinite value {value!r}")
        return Fraction(value)
    raise TypeError(f"not a number: {value!r}")


def _side_of(value: Exact, mean: Exact) -> Side | None:
    if value > mean:
        return Side.HIGH
    if value < mean:
        return Side.LOW
    return None


def _step(before: Exact, after: Exact) -> Side | None:
    if after > before:
        return Side.HIGH
    if after < before:
        return Side.LOW
    return None


def _check_length(name: str, length: int) -> None:
    if isinstance(length, bool) or not isinstance(length, int) or length < 2:
        raise ValueError(f"{name} must be a whole number of at least 2, not {length!r}")


# --------------------------------------------------------------------------------------------
# the four rules (over the values of one segment, gaps removed)


def rule_outside_limits(values: Sequence[Exact], *, lower: Exact, upper: Exact) -> tuple[Hit, ...]:
    """Rule 1: a point strictly beyond a process limit (high above ``upper``, low below ``lower``).

    Ties: a point exactly on a limit is not outside. With mR̄ = 0 (``lower == upper == mean``)
    every value different from the mean is outside.
    """
    hits: list[Hit] = []
    for index, value in enumerate(values):
        if value > upper:
            hits.append(Hit(index, Side.HIGH))
        elif value < lower:
            hits.append(Hit(index, Side.LOW))
    return tuple(hits)


def rule_run(values: Sequence[Exact], *, mean: Exact, run_length: int = 7) -> tuple[Hit, ...]:
    """Rule 2: ``run_length`` or more consecutive points all strictly above (high) or all
    strictly below (low) the mean; every point of the run is flagged.

    Ties: a point exactly on the mean is on neither side and breaks the run (the points before
    and after it are counted as two separate runs). Consistent with NHSRplotthedots
    (``ptd_seven_point_one_side_mean``: the sign of a point on the mean is 0).
    """
    _check_length("run_length", run_length)
    hits: list[Hit] = []
    count = len(values)
    start = 0
    while start < count:
        side = _side_of(values[start], mean)
        stop = start + 1
        if side is not None:
            while stop < count and _side_of(values[stop], mean) is side:
                stop += 1
            if stop - start >= run_length:
                hits.extend(Hit(index, side) for index in range(start, stop))
        start = stop
    return tuple(hits)


def rule_trend(values: Sequence[Exact], *, trend_length: int = 7) -> tuple[Hit, ...]:
    """Rule 3: ``trend_length`` or more consecutive *points* each strictly higher (high) or each
    strictly lower (low) than the one before; every point of the trend is flagged.

    ``trend_length`` counts points, not steps: 7 points are 6 rises (NHSRplotthedots takes the
    signs of the 6 differences of a 7-point window; PowerBI-SPC needs n - 1 same-sign steps).
    The trend may cross the mean; it is independent of the limits.

    Ties: two equal consecutive values are neither a rise nor a fall and break the trend. A
    point where a rising trend turns into a falling one (or the reverse) belongs to both, and is
    flagged both high and low.
    """
    _check_length("trend_length", trend_length)
    hits: list[Hit] = []
    count = len(values)
    start = 0
    while start < count - 1:
        direction = _step(values[start], values[start + 1])
        if direction is None:
            start += 1
            continue
        end = start + 1  # last point of the monotone stretch
        while end < count - 1 and _step(values[end], values[end + 1]) is direction:
            end += 1
        if end - start + 1 >= trend_length:
            hits.extend(Hit(index, direction) for index in range(start, end + 1))
        start = end
    return tuple(sorted(hits))


def rule_two_of_three(
    values: Sequence[Exact],
    *,
    mean: Exact,
    lower: Exact,
    upper: Exact,
    lower_two_thirds: Exact,
    upper_two_thirds: Exact,
    count_beyond_limits: bool = False,
) -> tuple[Hit, ...]:
    """Rule 4: in some three consecutive points, all three strictly on the same side of the mean,
    at least two are strictly beyond that side's two-thirds line; those (two or three) points
    are flagged, the third one is not.

    By default a point strictly beyond the limit does not count (it is rule 1's), as in
    Sightline's design and the MDC tools before late 2023 (NHSRplotthedots
    ``close_to_limits = !outside_limits & (y < nlpl | y > nupl)``; issue #153). With
    ``count_beyond_limits`` every point beyond the two-thirds line counts and is flagged, as in the
    MDC tools since then (issue #194).

    Ties: a point exactly on a two-thirds line is not beyond it; a point exactly on a limit is
    not beyond the limit, so it counts; a point exactly on the mean is on neither side, so a
    window containing it never qualifies. With mR̄ = 0 the zone between a two-thirds line and
    its limit is empty and the rule cannot fire (unless ``count_beyond_limits``).
    """

    def close(value: Exact, side: Side) -> bool:
        if side is Side.HIGH:
            return value > upper_two_thirds and (count_beyond_limits or value <= upper)
        return value < lower_two_thirds and (count_beyond_limits or value >= lower)

    flagged: set[Hit] = set()
    for start in range(len(values) - 2):
        window = values[start : start + 3]
        side = _side_of(window[0], mean)
        if side is None or any(_side_of(value, mean) is not side for value in window[1:]):
            continue
        near = [start + offset for offset, value in enumerate(window) if close(value, side)]
        if len(near) >= 2:
            flagged.update(Hit(index, side) for index in near)
    return tuple(sorted(flagged))


# --------------------------------------------------------------------------------------------
# icons


def variation_icon(
    signals: Iterable[Signal], direction: Direction, *, turning_side: Side | None = None
) -> VariationIcon:
    """The MDC variation category of a point from its signals.

    No signals: common cause. With an improvement direction, any signal on the improving side
    makes it "improvement", otherwise any signal makes it "concern" (MDC's Single Chart tool
    shows improvement when both are triggered: NHSRplotthedots issue #194). With direction
    "neither", the side of the first rule in NHSRplotthedots' order (outside the limits, trend,
    2-of-3, run); when that is a trend in both directions (a turning point), ``turning_side``
    (the direction of the trend that follows the point) decides, else high.
    """
    signal_set = frozenset(signals)
    sides = {signal.side for signal in signal_set}
    if not sides:
        return VariationIcon.COMMON_CAUSE
    if direction is Direction.UP:
        return VariationIcon.IMPROVEMENT_HIGH if Side.HIGH in sides else VariationIcon.CONCERN_LOW
    if direction is Direction.DOWN:
        return VariationIcon.IMPROVEMENT_LOW if Side.LOW in sides else VariationIcon.CONCERN_HIGH
    for rule in _PRECEDENCE:
        rule_sides = {signal.side for signal in signal_set if signal.rule is rule}
        if not rule_sides:
            continue
        side = rule_sides.pop() if len(rule_sides) == 1 else (turning_side or Side.HIGH)
        return VariationIcon.NEITHER_HIGH if side is Side.HIGH else VariationIcon.NEITHER_LOW
    raise AssertionError("unreachable: every signal has a rule")  # pragma: no cover


def assurance_icon(
    target: Number, *, direction: Direction, lower: Number, upper: Number
) -> AssuranceIcon | None:
    """MDC assurance from a target and the process limits; ``None`` for direction "neither".

    Higher is better: target strictly below the lower limit = consistently passing, strictly
    above the upper limit = consistently failing, otherwise (including a target exactly on a
    limit) hit or miss. Lower is better: the reverse.
    """
    if direction is Direction.NEITHER:
        return None
    exact_target, exact_lower, exact_upper = (_required(v) for v in (target, lower, upper))
    if exact_target > exact_upper:
        return AssuranceIcon.FAILING if direction is Direction.UP else AssuranceIcon.PASSING
    if exact_target < exact_lower:
        return AssuranceIcon.PASSING if direction is Direction.UP else AssuranceIcon.FAILING
    return AssuranceIcon.HIT_OR_MISS


def _required(value: Number) -> Fraction:
    exact = to_exact(value)
    if exact is None:
        raise ValueError("a target or limit cannot be NaN")
    return exact


# --------------------------------------------------------------------------------------------
# the chart


@dataclass(frozen=True, slots=True)
class _Lines:
    mean: Fraction
    mean_moving_range: Fraction
    upper: Fraction
    lower: Fraction
    upper_two_thirds: Fraction
    lower_two_thirds: Fraction


def _lines(baseline: Sequence[int], scale: int) -> _Lines:
    """Mean, mR̄ and lines of baseline values given as integers ``value × scale``."""
    mean = Fraction(sum(baseline), scale * len(baseline))
    ranges = sum(abs(after - before) for before, after in itertools.pairwise(baseline))
    mr_bar = Fraction(ranges, scale * (len(baseline) - 1))
    return _Lines(
        mean=mean,
        mean_moving_range=mr_bar,
        upper=mean + LIMIT_FACTOR * mr_bar,
        lower=mean - LIMIT_FACTOR * mr_bar,
        upper_two_thirds=mean + TWO_THIRDS_FACTOR * mr_bar,
        lower_two_thirds=mean - TWO_THIRDS_FACTOR * mr_bar,
    )


def _scaled(
    values: Sequence[Fraction], lines: _Lines
) -> tuple[list[int], tuple[int, int, int, int, int]]:
    """The values and lines times one positive integer that makes them all integers."""
    marks = (
        lines.mean,
        lines.lower,
        lines.upper,
        lines.lower_two_thirds,
        lines.upper_two_thirds,
    )
    scale = math.lcm(*(number.denominator for number in (*values, *marks)))
    ints = [value.numerator * (scale // value.denominator) for value in values]
    mean, lower, upper, lower_two_thirds, upper_two_thirds = (
        mark.numerator * (scale // mark.denominator) for mark in marks
    )
    return ints, (mean, lower, upper, lower_two_thirds, upper_two_thirds)


def _signals(
    scaled: Sequence[int],
    scaled_lines: tuple[int, int, int, int, int],
    *,
    run_length: int,
    trend_length: int,
    count_beyond_limits: bool,
) -> dict[int, set[Signal]]:
    """The four rules over one segment's values: value number → its signals."""
    mean, lower, upper, lower_two_thirds, upper_two_thirds = scaled_lines
    found: list[tuple[Rule, tuple[Hit, ...]]] = [
        (Rule.OUTSIDE_LIMITS, rule_outside_limits(scaled, lower=lower, upper=upper)),
        (Rule.RUN, rule_run(scaled, mean=mean, run_length=run_length)),
        (Rule.TREND, rule_trend(scaled, trend_length=trend_length)),
        (
            Rule.TWO_OF_THREE,
            rule_two_of_three(
                scaled,
                mean=mean,
                lower=lower,
                upper=upper,
                lower_two_thirds=lower_two_thirds,
                upper_two_thirds=upper_two_thirds,
                count_beyond_limits=count_beyond_limits,
            ),
        ),
    ]
    signals: dict[int, set[Signal]] = {}
    for rule, hits in found:
        for hit in hits:
            signals.setdefault(hit.index, set()).add(Signal(rule, hit.side))
    return signals


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _segment_starts(
    periods: Sequence[str], rebase_at: Iterable[int | str], count: int
) -> list[int]:
    position = {period: index for index, period in enumerate(periods)}
    starts = {0} if count else set()
    for item in rebase_at:
        if isinstance(item, str):
            if item not in position:
                raise ValueError(f"rebase period {item!r} is not in the series")
            starts.add(position[item])
        elif isinstance(item, int) and not isinstance(item, bool):
            if not 0 <= item < count:
                raise ValueError(f"rebase index {item} is outside the series (0..{count - 1})")
            starts.add(item)
        else:
            raise TypeError(f"rebase points are indices or period labels, not {item!r}")
    return sorted(starts)


def xmr_compute(
    series: Sequence[tuple[str, Number | None]],
    *,
    direction: Direction | str,
    target: Number | None = None,
    rebase_at: Iterable[int | str] = (),
    baseline_points: int | None = None,
    run_length: int = 7,
    trend_length: int = 7,
    min_points_for_limits: int = 12,
    two_of_three_counts_beyond_limits: bool = False,
) -> XmrChart:
    """The MDC XmR chart of an ordered series of ``(period label, value)``.

    ``series`` is in time order; labels must be unique; a value may be ``None`` (or NaN) for a
    missing period (see the module docstring: skipped as if absent, bridged by the moving
    range, not breaking runs or trends). ``direction`` is "up", "down" or "neither" (a
    :class:`Direction`). ``target`` gives the assurance icon (only with "up" or "down").
    ``rebase_at`` lists indices or period labels where a new segment (new baseline, new limits)
    starts, e.g. the month an improvement action started; rules never look across a segment
    boundary, and no moving range spans one. ``baseline_points`` fixes each segment's limits from
    its first N values (later values are judged against them but do not move them).
    ``run_length`` and ``trend_length`` count points (default 7). Limits behind fewer than
    ``min_points_for_limits`` values (default 12) are trial limits.
    """
    chosen = Direction(direction)
    for name, length in (
        ("run_length", run_length),
        ("trend_length", trend_length),
        ("min_points_for_limits", min_points_for_limits),
    ):
        _check_length(name, length)
    if baseline_points is not None:
        _check_length("baseline_points", baseline_points)
    exact_target = None if target is None else to_exact(target)
    if target is not None and exact_target is None:
        raise ValueError("the target cannot be NaN")

    periods = [period for period, _ in series]
    if len(set(periods)) != len(periods):
        duplicated = sorted({p for p in periods if periods.count(p) > 1})
        raise ValueError(f"period labels must be unique; repeated: {duplicated}")
    exact = [None if value is None else to_exact(value) for _, value in series]
    count = len(series)
    starts = _segment_starts(periods, rebase_at, count)
    bounds = list(itertools.pairwise([*starts, count])) if count else []

    points: list[Point] = []
    segments: list[Segment] = []
    exact_lines: list[_Lines | None] = []
    for segment_index, (start, stop) in enumerate(bounds):
        positions = [i for i in range(start, stop) if exact[i] is not None]
        values = [v for v in exact[start:stop] if v is not None]
        n_baseline = len(values) if baseline_points is None else min(baseline_points, len(values))
        scale = math.lcm(*(value.denominator for value in values))
        unscaled = [value.numerator * (scale // value.denominator) for value in values]
        lines = _lines(unscaled[:n_baseline], scale) if n_baseline >= 2 else None
        exact_lines.append(lines)
        trial = lines is not None and n_baseline < min_points_for_limits
        mean_only = values[0] if n_baseline == 1 else None

        scaled: list[int] = []
        signals: dict[int, set[Signal]] = {}
        if lines is not None:
            scaled, scaled_lines = _scaled(values, lines)
            signals = _signals(
                scaled,
                scaled_lines,
                run_length=run_length,
                trend_length=trend_length,
                count_beyond_limits=two_of_three_counts_beyond_limits,
            )

        segments.append(
            Segment(
                index=segment_index,
                start=start,
                stop=stop,
                n_values=len(values),
                n_baseline=n_baseline,
                mean=_float(lines.mean if lines else mean_only),
                mean_moving_range=_float(lines.mean_moving_range if lines else None),
                upper=_float(lines.upper if lines else None),
                lower=_float(lines.lower if lines else None),
                upper_two_thirds=_float(lines.upper_two_thirds if lines else None),
                lower_two_thirds=_float(lines.lower_two_thirds if lines else None),
                trial=trial,
            )
        )
        segment = segments[-1]
        value_number = {position: number for number, position in enumerate(positions)}
        for index in range(start, stop):
            number = value_number.get(index)
            point_signals: frozenset[Signal] = frozenset()
            variation = None
            moving_range: float | None = None
            if number is not None:
                point_signals = frozenset(signals.get(number, ()))
                if number > 0:
                    moving_range = abs(unscaled[number] - unscaled[number - 1]) / scale
                if lines is not None:
                    turning = (
                        _step(scaled[number], scaled[number + 1])
                        if number + 1 < len(scaled)
                        else None
                    )
                    variation = variation_icon(point_signals, chosen, turning_side=turning)
            points.append(
                Point(
                    index=index,
                    period=periods[index],
                    value=_float(exact[index]),
                    segment=segment_index,
                    mean=segment.mean,
                    upper=segment.upper,
                    lower=segment.lower,
                    upper_two_thirds=segment.upper_two_thirds,
                    lower_two_thirds=segment.lower_two_thirds,
                    moving_range=moving_range,
                    baseline=number is not None and number < n_baseline,
                    trial=trial,
                    signals=point_signals,
                    variation=variation,
                )
            )

    summary = _summary(
        points=points,
        segments=segments,
        exact_lines=exact_lines,
        direction=chosen,
        target=exact_target,
        min_points_for_limits=min_points_for_limits,
    )
    return XmrChart(
        points=tuple(points),
        segments=tuple(segments),
        summary=summary,
        run_length=run_length,
        trend_length=trend_length,
        min_points_for_limits=min_points_for_limits,
        baseline_points=baseline_points,
        two_of_three_counts_beyond_limits=two_of_three_counts_beyond_limits,
    )


def _summary(
    *,
    points: Sequence[Point],
    segments: Sequence[Segment],
    exact_lines: Sequence[_Lines | None],
    direction: Direction,
    target: Fraction | None,
    min_points_for_limits: int,
) -> Summary:
    latest = next((point for point in reversed(points) if point.value is not None), None)
    target_float = _float(target)
    if latest is None:
        return Summary(
            latest_index=None,
            latest_period=None,
            direction=direction,
            target=target_float,
            variation=None,
            variation_label=NO_DATA_LABEL,
            assurance=None,
            assurance_label=None,
            trial=False,
            trial_label=None,
        )
    segment = segments[latest.segment]
    lines = exact_lines[latest.segment]
    assurance = None
    if target is not None and lines is not None:
        assurance = assurance_icon(
            target, direction=direction, lower=lines.lower, upper=lines.upper
        )
    return Summary(
        latest_index=latest.index,
        latest_period=latest.period,
        direction=direction,
        target=target_float,
        variation=latest.variation,
        variation_label=NO_LIMITS_LABEL if latest.variation is None else latest.variation.label,
        assurance=assurance,
        assurance_label=None if assurance is None else assurance.label,
        trial=segment.trial,
        trial_label=(
            f"Trial limits: fewer than {min_points_for_limits} points" if segment.trial else None
        ),
    )
