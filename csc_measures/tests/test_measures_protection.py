"""CP01-CP10 and CN01-CN02 on hand-built tables."""

from __future__ import annotations

import datetime as dt

from csc_measures.dates import wd
from csc_measures.tests.helpers import figure, measure_rows, run, table

S47 = (
    "Child Unique ID",
    "Strategy discussion initiating Section 47 Enquiry Start Date",
    "Date of Initial Child Protection Conference",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
    "Allocated Team",
)
PLANS = (
    "Child Unique ID",
    "Child Protection Plan Start Date",
    "Child Protection Plan End Date",
    "Number of Previous Child Protection Plans",
    "Date of the Last Statutory Visit",
    "Date of latest review conference",
    "Allocated Team",
)
CIN = (
    "Child Unique ID",
    "CIN Start Date",
    "CIN Closure Date",
    "Case Status",
    "Date Child Was Last Seen",
    "Allocated Team",
    "Allocated Worker",
)


def _plan(
    child: str,
    start: str,
    end: str | None = None,
    *,
    previous: str | None = "0",
    visit: str | None = None,
    review: str | None = None,
    team: str | None = "T",
) -> tuple[str | None, ...]:
    return (child, start, end, previous, visit, review, team)


def test_cp01_and_cp02_section_47_and_icpc_events() -> None:
    rows = [
        ("A", "03/06/2024", "20/06/2024", "Yes", "T1"),
        ("B", "28/06/2024", "15/07/2024", "No", "T2"),
        ("C", "29/06/2024", None, None, "T2"),
    ]
    lists = {5: table(S47, rows)}
    cp01 = run("CP01", lists)
    assert figure(cp01, "CP01", "2024-06").numerator_ids == {"A", "B", "C"}
    assert figure(cp01, "CP01", "2024-06", "team:T2").numerator_ids == {"B", "C"}
    cp02 = run("CP02", lists)
    assert figure(cp02, "CP02", "2024-06").numerator_ids == {"A"}
    assert figure(cp02, "CP02", "2024-07").numerator_ids == {"B"}


def test_cp03_icpc_within_15_working_days() -> None:
    assert wd(dt.date(2024, 12, 16), dt.date(2025, 1, 8)) == 14  # over Christmas
    rows = [
        ("A", "06/01/2025", "27/01/2025", "Yes", "T"),  # 15 working days
        ("B", "06/01/2025", "28/01/2025", "Yes", "T"),  # 16
        ("C", "16/12/2024", "08/01/2025", "Yes", "T"),  # 14, across bank holidays
        ("D", "18/12/2024", "14/01/2025", "Yes", "T"),  # 16 (would be 19 weekdays)
    ]
    result = run("CP03", {5: table(S47, rows)})
    jan = figure(result, "CP03", "2025-01")
    assert (jan.numerator, jan.denominator) == (2, 4)
    assert jan.numerator_ids == {"A", "C"}


def test_cp04_icpc_resulting_in_plan() -> None:
    rows = [
        ("A", "01/06/2024", "20/06/2024", "a) Yes", "T"),
        ("B", "01/06/2024", "20/06/2024", "b) No", "T"),
        ("C", "01/06/2024", "20/06/2024", None, "T"),
        ("D", "01/06/2024", None, None, "T"),  # no conference: not in D
    ]
    result = run("CP04", {5: table(S47, rows)})
    june = figure(result, "CP04", "2024-06")
    assert (june.numerator, june.denominator, june.numerator_ids) == (1, 3, {"A"})


def test_cp05_stock_with_plan_ending_on_month_end() -> None:
    rows = [
        _plan("A", "01/06/2024", "30/06/2024"),  # ends on the month end: not open at it
        _plan("B", "01/06/2024", "01/07/2024"),  # open at 30 June
        _plan("C", "01/01/2024", None),
        _plan("C", "01/02/2024", None),  # two open rows: one child
        _plan("D", "31/03/2025", None),  # starts on as-of: open
        _plan("E", "01/01/2025", "31/03/2025"),  # ends on as-of: not open
    ]
    result = run("CP05", {7: table(PLANS, rows)})
    june = figure(result, "CP05", "2024-06")
    assert (june.numerator, june.numerator_ids) == (2, {"B", "C"})
    assert figure(result, "CP05", "2024-05").numerator_ids == {"C"}
    assert figure(result, "CP05", "2025-02").numerator_ids == {"C", "E"}
    assert figure(result, "CP05", "2025-03").numerator_ids == {"C", "D"}


def test_cp05_as_of_month_uses_the_as_of_date() -> None:
    rows = [_plan("A", "10/03/2025"), _plan("B", "01/02/2025", "12/03/2025")]
    result = run("CP05", {7: table(PLANS, rows)}, as_of=dt.date(2025, 3, 11))
    assert figure(result, "CP05", "2025-03").numerator_ids == {"A", "B"}
    assert figure(result, "CP05", "2025-02").numerator_ids == {"B"}


def test_cp06_and_cp07_plans_started_and_repeat_plans() -> None:
    rows = [
        _plan("A", "01/09/2024", previous="0"),
        _plan("B", "02/09/2024", previous="1"),
        _plan("C", "03/09/2024", previous="3"),
        _plan("D", "04/09/2024", previous=""),
        _plan("E", "01/10/2024", previous="2"),
    ]
    lists = {7: table(PLANS, rows)}
    cp06 = run("CP06", lists)
    assert figure(cp06, "CP06", "2024-09").numerator_ids == {"A", "B", "C", "D"}
    cp07 = run("CP07", lists)
    sep = figure(cp07, "CP07", "2024-09")
    assert (sep.numerator, sep.denominator, sep.value) == (2, 4, 50.0)
    assert sep.numerator_ids == {"B", "C"}


def test_cp08_plans_ended_after_two_years() -> None:
    rows = [
        _plan("A", "15/03/2023", "14/03/2025"),  # a day short
        _plan("B", "15/03/2023", "15/03/2025"),  # exactly two years
        _plan("C", "01/01/2020", "20/03/2025"),
        _plan("D", "01/01/2025", None),  # not ended
    ]
    result = run("CP08", {7: table(PLANS, rows)})
    mar = figure(result, "CP08", "2025-03")
    assert (mar.numerator, mar.denominator) == (2, 3)
    assert mar.numerator_ids == {"B", "C"}


def test_cp08_leap_day_start() -> None:
    rows = [_plan("A", "29/02/2020", "28/02/2022"), _plan("B", "29/02/2020", "27/02/2022")]
    result = run("CP08", {7: table(PLANS, rows)}, as_of=dt.date(2022, 3, 31))
    feb = figure(result, "CP08", "2022-02")
    assert (feb.numerator_ids, feb.denominator) == ({"A"}, 2)


def test_cp09_visited_within_10_working_days_of_as_of() -> None:
    rows = [
        _plan("A", "01/01/2025", visit="17/03/2025"),  # 10 working days before 31 Mar
        _plan("B", "01/01/2025", visit="14/03/2025"),  # 11
        _plan("C", "01/01/2025", visit=None),
        _plan("D", "01/01/2025", "15/03/2025", visit="14/03/2025"),  # closed: not in D
        _plan("E", "01/01/2025", visit="31/03/2025", team=""),
    ]
    result = run("CP09", {7: table(PLANS, rows)})
    assert measure_rows(result, "CP09").get_column("period").unique().to_list() == ["2025-03"]
    mar = figure(result, "CP09", "2025-03")
    assert (mar.numerator, mar.denominator) == (2, 4)
    assert mar.numerator_ids == {"A", "E"}
    assert figure(result, "CP09", "2025-03", "team:(unallocated)").numerator_ids == {"E"}


def test_cp09_bank_holidays_over_easter() -> None:
    # As of Tue 22 Apr 2025: Good Friday 18 and Easter Monday 21 April are not working days.
    assert wd(dt.date(2025, 4, 4), dt.date(2025, 4, 22)) == 10
    rows = [
        _plan("A", "01/01/2025", visit="04/04/2025"),
        _plan("B", "01/01/2025", visit="03/04/2025"),
    ]
    result = run("CP09", {7: table(PLANS, rows)}, as_of=dt.date(2025, 4, 22))
    assert figure(result, "CP09", "2025-04").numerator_ids == {"A"}


def test_cp10_review_in_timescale_with_month_clamping() -> None:
    # as-of 31 Mar 2025: minus 3 months = 31 Dec 2024; minus 6 months = 30 Sep 2024 (31 → 30).
    rows = [
        _plan("A", "01/01/2025"),  # new plan: first review not due
        _plan("B", "31/12/2024"),  # not new, no review
        _plan("C", "01/01/2024", review="30/09/2024"),
        _plan("D", "01/01/2024", review="29/09/2024"),
    ]
    result = run("CP10", {7: table(PLANS, rows)})
    mar = figure(result, "CP10", "2025-03")
    assert (mar.numerator, mar.denominator) == (2, 4)
    assert mar.numerator_ids == {"A", "C"}


def test_cn01_children_in_need_stock() -> None:
    rows = [
        ("A", "01/01/2024", None, "Child in need plan", None, "T1", "W1"),
        ("B", "01/01/2024", "31/07/2024", "Child in need plan", None, "T2", "W2"),
        ("B", "01/09/2024", None, "Child in need plan", None, "T2", "W2"),
    ]
    result = run("CN01", {6: table(CIN, rows)})
    assert figure(result, "CN01", "2024-07").numerator_ids == {"A"}
    assert figure(result, "CN01", "2024-06").numerator_ids == {"A", "B"}
    assert figure(result, "CN01", "2024-09", "team:T2").numerator_ids == {"B"}


def test_cn02_cin_plan_seen_within_20_working_days() -> None:
    assert wd(dt.date(2025, 3, 3), dt.date(2025, 3, 31)) == 20
    rows = [
        ("A", "01/01/2025", None, "a) Child in need plan", "03/03/2025", "T", "W"),  # 20
        ("B", "01/01/2025", None, "child  in need PLAN", "28/02/2025", "T", "W"),  # 21
        ("C", "01/01/2025", None, "Child in need plan", None, "T", "W"),
        ("D", "01/01/2025", None, "Child Protection plan", "31/03/2025", "T", "W"),
        ("E", "01/01/2025", "01/03/2025", "Child in need plan", "28/02/2025", "T", "W"),
    ]
    result = run("CN02", {6: table(CIN, rows)})
    mar = figure(result, "CN02", "2025-03")
    assert (mar.numerator, mar.denominator) == (1, 3)
    assert mar.numerator_ids == {"A"}
    assert mar.denominator_ids == {"A", "B", "C"}
