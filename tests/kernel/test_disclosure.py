"""The kernel's disclosure rule: primary and secondary suppression, percentages, and a
brute-force attacker who, for every withheld cell, tries every value the shown cells, the
totals and the rule written beside each withheld cell allow (property tests on small tables)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from sightline.kernel.disclosure import (
    MARK,
    OPEN,
    PERCENTAGE,
    PRIMARY,
    SECONDARY,
    SUPPRESSED,
    WHOLE_TABLE,
    Policy,
    Sum,
    Withheld,
    suppress_parts,
    suppress_series,
    suppress_table,
)

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free

T = SUPPRESSED.threshold


def _candidates(value_range: int, w: Withheld | None, published: bool) -> range | list[int]:
    if not published:
        return range(value_range + 1)
    assert w is not None
    if w.rule == PRIMARY:
        return range(1, T)
    if w.rule == WHOLE_TABLE:
        return range(value_range + 1)
    return [0, *range(T, value_range + 1)]


def attacker(
    values: Sequence[int | None],
    sums: Sequence[Sum],
    withheld: Sequence[Withheld | None],
    published: Sequence[bool] | None = None,
) -> dict[int, set[int]]:
    """Every value each unknown cell can take, by trying them all (backtracking), given the
    shown cells, the sums and the rule beside each withheld cell. Stops early once each
    cell that must be protected has two possible values."""
    n = len(values)
    pub = list(published) if published is not None else [True] * n
    # no unknown cell can exceed every count of the table added up, plus the threshold for
    # each cell (a withheld primary cell could stand for up to 4)
    top = 2 * max((v for v in values if v is not None), default=0) + T
    unknown = [i for i in range(n) if values[i] is not None and (withheld[i] or not pub[i])]
    # the small counts: a secondary cell is 0 or at least 5, so knowing it discloses nothing
    protect = [i for i in unknown if 1 <= (values[i] or 0) < T]
    found: dict[int, set[int]] = {i: set() for i in unknown}
    known = {i: values[i] for i in range(n) if i not in found}

    def consistent(assign: dict[int, int | None]) -> bool:
        for s in sums:
            cells = [s.total, *s.parts]
            if all(c in assign for c in cells):
                parts = [assign[p] for p in s.parts]
                tot = assign[s.total]
                if tot is None or any(p is None for p in parts):
                    continue
                if tot != sum(p for p in parts if p is not None):
                    return False
        return True

    def done() -> bool:
        return all(len(found[i]) >= 2 for i in protect)

    def forced(assign: dict[int, int | None]) -> tuple[int, int] | None:
        """A sum with one unknown cell left forces its value (forward checking)."""
        for s in sums:
            cells = [s.total, *s.parts]
            missing = [c for c in cells if c not in assign]
            if len(missing) == 1 and all(assign[c] is not None for c in cells if c in assign):
                m = missing[0]
                rest = sum(assign[p] or 0 for p in s.parts if p != m)
                return m, (assign[s.total] or 0) - rest if m != s.total else rest
        return None

    def allowed(i: int, v: int) -> bool:
        if v < 0:
            return False
        if not pub[i]:
            return True
        w = withheld[i]
        assert w is not None
        if w.rule == WHOLE_TABLE:
            return True
        return 1 <= v < T if w.rule == PRIMARY else (v == 0 or v >= T)

    def walk(assign: dict[int, int | None]) -> bool:
        left = [i for i in unknown if i not in assign]
        if not left:
            for i in unknown:
                found[i].add(assign[i])  # type: ignore[arg-type]
            return done()
        f = forced(assign)
        if f is not None:
            i, v = f
            if not allowed(i, v):
                return False
            assign[i] = v
            ok = consistent(assign) and walk(assign)
            del assign[i]
            return ok
        i = left[0]
        for v in _candidates(top, withheld[i], pub[i]):
            assign[i] = v
            if consistent(assign) and walk(assign):
                del assign[i]
                return True
            del assign[i]
        return False

    walk(dict(known))
    return {i: found[i] for i in protect}


def assert_safe(values, sums, withheld, published=None) -> None:  # type: ignore[no-untyped-def]
    for cell, possible in attacker(values, sums, withheld, published).items():
        assert len(possible) >= 2, (values, withheld, cell, possible)


def test_primary_hides_1_to_4_and_shows_0_and_5() -> None:
    assert [SUPPRESSED.cell(v) for v in (0, 1, 4, 5)] == [0, MARK, MARK, 5]
    assert [OPEN.cell(v) for v in (0, 1, 4, 5)] == [0, 1, 4, 5]
    assert Policy(suppress=True, threshold=10).cell(9) == MARK


def test_one_small_unit_takes_a_second_with_it() -> None:
    total, parts = suppress_parts(30, [3, 12, 15], policy=SUPPRESSED)
    assert parts[0] == Withheld(PRIMARY)
    assert parts[1] == Withheld(SECONDARY)  # the smallest other part
    assert total is None
    assert parts[2] is None
    assert parts[1].reason.startswith("secondary: hidden so a withheld count")
    assert parts[0].reason == "primary: a count from 1 to 4"


def test_a_secondary_cell_too_small_to_hide_the_primary_takes_another() -> None:
    # 1 + 5 = 6: knowing the 5 is "0 or at least 5", the 1 would be the only answer
    _total, parts = suppress_parts(26, [1, 5, 20], policy=SUPPRESSED)
    assert parts[0] == Withheld(PRIMARY)
    assert parts[1] is None
    assert parts[2] == Withheld(SECONDARY)


def test_children_in_no_team_are_protected_when_few() -> None:
    # authority 40, teams 20 + 18: two children in no team are worked out by subtraction
    total, parts = suppress_parts(40, [20, 18], policy=SUPPRESSED)
    assert total is not None or any(parts)


def test_percentages() -> None:
    assert SUPPRESSED.percentage(70, 350) is None
    assert SUPPRESSED.percentage(3, 350) == Withheld(PERCENTAGE)
    assert SUPPRESSED.percentage(348, 350) == Withheld(PERCENTAGE)  # 2 not met
    assert SUPPRESSED.percentage(0, 3) == Withheld(PRIMARY)
    assert SUPPRESSED.percentage(0, 350) is None
    assert OPEN.percentage(3, 350) is None


def test_cumulative_series_hides_a_small_monthly_increase() -> None:
    out = suppress_series([10, 12, 20, 30], policy=SUPPRESSED, cumulative=True)
    assert out[0] is not None or out[1] is not None  # 12 - 10 = 2 must not be worked out
    assert suppress_series([10, 12], policy=SUPPRESSED) == [None, None]


def test_note_names_the_rules_used() -> None:
    note = SUPPRESSED.note([None, Withheld(PRIMARY), Withheld(SECONDARY)])
    assert "primary: a count from 1 to 4" in note
    assert "secondary" in note
    assert SUPPRESSED.note([None]) == ""


counts = st.integers(min_value=0, max_value=9)


@settings(max_examples=150, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(st.lists(counts, min_size=1, max_size=4), st.integers(min_value=0, max_value=3))
def test_property_parts_and_total(parts: list[int], unallocated: int) -> None:
    total = sum(parts) + unallocated
    w_total, w_parts = suppress_parts(total, parts, policy=SUPPRESSED)
    values: list[int | None] = [total, *parts]
    pub = [True] * len(values)
    members = tuple(range(1, len(values)))
    if unallocated:
        values.append(unallocated)
        pub.append(False)
        members = (*members, len(values) - 1)
    withheld = [w_total, *w_parts, *([None] if unallocated else [])]
    shown = zip(values[: len(parts) + 1], withheld, strict=False)
    assert all(w is not None for v, w in shown if 1 <= (v or 0) < T)
    assert_safe(values, [Sum(0, members)], withheld, pub)


@settings(max_examples=80, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(st.lists(st.lists(counts, min_size=1, max_size=2), min_size=1, max_size=3))
def test_property_authority_localities_teams(localities: list[list[int]]) -> None:
    # cell 0 the authority; then each locality followed by its teams
    values: list[int | None] = [0]
    sums: list[Sum] = []
    loc_cells = []
    for teams in localities:
        loc = len(values)
        values.append(sum(teams))
        team_cells = tuple(range(loc + 1, loc + 1 + len(teams)))
        values.extend(teams)
        sums.append(Sum(loc, team_cells))
        loc_cells.append(loc)
    values[0] = sum(sum(t) for t in localities)
    sums.append(Sum(0, tuple(loc_cells)))
    withheld = suppress_table(values, sums=sums, policy=SUPPRESSED)
    assert_safe(values, sums, withheld)


@settings(max_examples=150, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(st.lists(st.integers(min_value=0, max_value=5), min_size=2, max_size=4))
def test_property_cumulative_series(increments: list[int]) -> None:
    series = [sum(increments[: k + 1]) for k in range(len(increments))]
    withheld = suppress_series(series, policy=SUPPRESSED, cumulative=True)
    values: list[int | None] = list(series)
    pub = [True] * len(series)
    sums = []
    for k in range(1, len(series)):
        values.append(series[k] - series[k - 1])
        pub.append(False)
        sums.append(Sum(k, (k - 1, len(values) - 1)))
    assert_safe(values, sums, [*withheld, *([None] * (len(series) - 1))], pub)


@settings(max_examples=100, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=6), min_size=2, max_size=2),
        min_size=2,
        max_size=2,
    )
)
def test_property_two_way_table(rows: list[list[int]]) -> None:
    # grades (columns) by audit period (rows), with row totals, column totals and a grand total
    r, c = len(rows), len(rows[0])
    rows = [(row + [0] * c)[:c] for row in rows]
    values: list[int | None] = [v for row in rows for v in row]
    row_tot = [len(values) + i for i in range(r)]
    values.extend(sum(row) for row in rows)
    col_tot = [len(values) + j for j in range(c)]
    values.extend(sum(rows[i][j] for i in range(r)) for j in range(c))
    grand = len(values)
    values.append(sum(map(sum, rows)))
    sums = [Sum(row_tot[i], tuple(i * c + j for j in range(c))) for i in range(r)]
    sums += [Sum(col_tot[j], tuple(i * c + j for i in range(r))) for j in range(c)]
    sums += [Sum(grand, tuple(row_tot)), Sum(grand, tuple(col_tot))]
    withheld = suppress_table(values, sums=sums, policy=SUPPRESSED)
    assert_safe(values, sums, withheld)


def test_open_policy_hides_nothing() -> None:
    assert suppress_table([1, 2, 3], sums=[Sum(2, (0, 1))], policy=OPEN) == [None] * 3
