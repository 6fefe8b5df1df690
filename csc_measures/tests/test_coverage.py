"""An extract covers the months whose first day is inside its window, up to the as-of month."""

from __future__ import annotations

import datetime as dt

from csc_measures.coverage import coverage


def test_the_default_look_back_from_a_month_end_covers_twelve_whole_months() -> None:
    c = coverage(as_of=dt.date(2025, 3, 31))
    assert (c.window_start, c.first_month, c.last_month) == (
        dt.date(2024, 4, 1),
        "2024-04",
        "2025-03",
    )
    assert c.covers("2024-04")
    assert c.covers("2025-03")
    assert not c.covers("2024-03")
    assert not c.covers("2025-04")


def test_a_window_starting_on_29_february_does_not_cover_february() -> None:
    c = coverage(as_of=dt.date(2025, 2, 28))
    assert c.window_start == dt.date(2024, 2, 29)
    assert not c.covers("2024-02")
    assert c.first_month == "2024-03"
    assert c.covers("2025-02")  # the as-of month, covered to the as-of date


def test_a_declared_start_of_one_month() -> None:
    c = coverage(as_of=dt.date(2025, 4, 30), period_start=dt.date(2025, 4, 1))
    assert (c.first_month, c.last_month) == ("2025-04", "2025-04")
    assert not c.covers("2025-03")


def test_a_window_holding_no_first_day_covers_nothing() -> None:
    c = coverage(as_of=dt.date(2025, 4, 30), period_start=dt.date(2025, 4, 2))
    assert (c.first_month, c.last_month) == (None, None)
    assert not c.covers("2025-04")


def test_a_one_month_extract_read_with_the_look_back_is_warned_about(tmp_path) -> None:
    from csc_measures import load_annex_a
    from csc_measures.coverage import window_issues
    from csc_measures.synth import generate_annex_a

    as_of = dt.date(2025, 4, 30)
    one = generate_annex_a(
        tmp_path / "one.xlsx", fmt="xlsx", as_of=as_of, months=1, scale=0.05, seed=3, messy=False
    )
    issues = window_issues(load_annex_a(one, as_of=as_of))
    assert [(i.list_no, i.column, i.severity) for i in issues] == [
        (1, "Date of Contact", "warning"),
        (3, "Date of Referral", "warning"),
    ]
    assert "read as covering from 01/05/2024" in issues[0].reason
    declared = load_annex_a(one, as_of=as_of, period_start=dt.date(2025, 4, 1))
    assert window_issues(declared) == []
    year = generate_annex_a(
        tmp_path / "year.xlsx", fmt="xlsx", as_of=as_of, months=12, scale=0.05, seed=3, messy=False
    )
    assert window_issues(load_annex_a(year, as_of=as_of)) == []


def test_each_list_has_its_window_and_a_measure_needs_every_list_it_reads() -> None:
    from csc_measures.coverage import list_coverage, measure_covers

    windows = list_coverage(
        as_of=dt.date(2025, 3, 31), list_starts={1: dt.date(2024, 10, 1), 5: dt.date(2023, 1, 1)}
    )
    assert windows[1].first_month == "2024-10"
    assert windows[3].first_month == "2024-04"  # the extract's window
    assert windows[5] == windows[3]  # a list cannot start before the extract
    assert measure_covers(windows, "FD02", "2024-06")  # List 3 only
    assert not measure_covers(windows, "FD01", "2024-06")  # List 1 starts in October
    assert not measure_covers(windows, "FD06:Police", "2024-09")
    assert not measure_covers(windows, "FD03", "2024-09")  # Lists 1 and 3: both needed
    assert measure_covers(windows, "FD03", "2024-10")
    assert not measure_covers(windows, "FD02", "2024-03")  # before every window
