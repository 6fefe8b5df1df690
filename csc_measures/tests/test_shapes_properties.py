"""Property tests: the shared shapes against naive, row-by-row reference implementations."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csc_measures import annex_from_frames, compute_catalogue
from csc_measures.dates import month_end, wd
from csc_measures.shapes import months_between

AS_OF = dt.date(2025, 3, 31)
PERIOD_START = dt.date(2024, 10, 1)
days = st.dates(min_value=dt.date(2024, 6, 1), max_value=AS_OF)
children = st.sampled_from(["A", "B", "C", "D", "E"])
teams = st.sampled_from(["T1", "T2", ""])
ENGINE = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def _uk(day: dt.date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


episodes = st.lists(
    st.tuples(children, days, st.one_of(st.none(), days), teams).filter(
        lambda e: e[2] is None or e[2] >= e[1]
    ),
    max_size=25,
)


@ENGINE
@given(episodes)
def test_stock_count_matches_naive_reference(
    rows: list[tuple[str, dt.date, dt.date | None, str]],
) -> None:
    frames = {
        7: {
            "Child Unique ID": [r[0] for r in rows],
            "Child Protection Plan Start Date": [_uk(r[1]) for r in rows],
            "Child Protection Plan End Date": [_uk(r[2]) for r in rows],
            "Allocated Team": [r[3] for r in rows],
        }
    }
    annex = annex_from_frames(frames, as_of=AS_OF, period_start=PERIOD_START)
    kept = annex.table(7).height
    result = compute_catalogue(annex, measure_ids=["CP05"]).results
    for month in months_between(PERIOD_START, AS_OF):
        ref = min(month_end(month.start), AS_OF)
        seen: list[tuple[str, dt.date, dt.date | None, str]] = []
        for r in rows:  # exact duplicates are dropped at ingest
            if r not in seen:
                seen.append(r)
        expected = {r[0] for r in seen if r[1] <= ref and (r[2] is None or r[2] > ref)}
        got = result.filter((result["period"] == month.label) & (result["unit"] == "la"))
        assert got.get_column("numerator").item() == len(expected)
        assert set(got.get_column("numerator_ids").item()) == expected
        for team in {r[3] for r in seen}:
            unit = f"team:{team or '(unallocated)'}"
            team_expected = {
                r[0] for r in seen if r[3] == team and r[1] <= ref and (r[2] is None or r[2] > ref)
            }
            row = result.filter((result["period"] == month.label) & (result["unit"] == unit))
            assert set(row.get_column("numerator_ids").item()) == team_expected
    assert kept == len(set(rows))


events = st.lists(st.tuples(children, days, days), max_size=25)


@ENGINE
@given(events)
def test_event_ratio_matches_naive_reference(rows: list[tuple[str, dt.date, dt.date]]) -> None:
    # CP03 over List 5: D = conferences in the month, N = wd(s47, icpc) <= 15.
    rows = [(c, min(a, b), max(a, b)) for c, a, b in rows]
    unique = list(dict.fromkeys(rows))
    frames = {
        5: {
            "Child Unique ID": [r[0] for r in rows],
            "Strategy discussion initiating Section 47 Enquiry Start Date": [
                _uk(r[1]) for r in rows
            ],
            "Date of Initial Child Protection Conference": [_uk(r[2]) for r in rows],
        }
    }
    result = compute_catalogue(
        annex_from_frames(frames, as_of=AS_OF, period_start=PERIOD_START),
        measure_ids=["CP02", "CP03"],
    ).results
    for month in months_between(PERIOD_START, AS_OF):
        in_month = [r for r in unique if month.start <= r[2] <= month.end]
        within = [r for r in in_month if wd(r[1], r[2]) <= 15]
        cp03 = result.filter((result["measure_id"] == "CP03") & (result["period"] == month.label))
        assert cp03.get_column("denominator").item() == len(in_month)
        assert cp03.get_column("numerator").item() == len(within)
        assert set(cp03.get_column("numerator_ids").item()) == {r[0] for r in within}
        value = cp03.get_column("value").item()
        if in_month:
            assert abs(value - 100 * len(within) / len(in_month)) < 1e-9
        else:
            assert value is None
        cp02 = result.filter((result["measure_id"] == "CP02") & (result["period"] == month.label))
        assert cp02.get_column("numerator").item() == len(in_month)
