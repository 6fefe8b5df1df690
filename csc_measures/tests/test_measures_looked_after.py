"""LA01-LA11 on hand-built tables (as-of 31 March 2025)."""

from __future__ import annotations

import datetime as dt

from csc_measures.dates import wd
from csc_measures.tests.helpers import figure, measure_rows, run, table

CLA = (
    "Child Unique ID",
    "Date of Birth",
    "Date Started to be Looked After",
    "Date Ceased to be Looked After",
    "Number of Placements in the Last 12 months",
    "Start Date of Most Recent Placement",
    "Date of Last Social Work Visit",
    "Date of Latest Statutory Review",
    "Date of Last Health Assessment",
    "Date of Last Dental Check",
    "Number of Missing Episodes in the Last 12 Months",
    "Was the Child Offered a Return Interview after the Last Missing Episode?",
    "Allocated Team",
)


def _cla(
    child: str,
    start: str = "01/01/2020",
    ceased: str | None = None,
    *,
    dob: str | None = "01/01/2012",
    placements: str | None = "1",
    placement_start: str | None = "01/01/2020",
    visit: str | None = None,
    review: str | None = None,
    health: str | None = None,
    dental: str | None = None,
    missing: str | None = "0",
    interview: str | None = None,
    team: str | None = "T",
) -> tuple[str | None, ...]:
    return (
        child,
        dob,
        start,
        ceased,
        placements,
        placement_start,
        visit,
        review,
        health,
        dental,
        missing,
        interview,
        team,
    )


def test_la01_looked_after_stock() -> None:
    rows = [
        _cla("A", "01/05/2024", "31/05/2024"),  # ceased on the month end
        _cla("B", "01/05/2024", "01/06/2024"),
        _cla("C", "15/01/2025", None, team=""),
    ]
    result = run("LA01", {8: table(CLA, rows)})
    assert figure(result, "LA01", "2024-05").numerator_ids == {"B"}
    assert figure(result, "LA01", "2024-06").numerator == 0
    assert figure(result, "LA01", "2025-01", "team:(unallocated)").numerator_ids == {"C"}


def test_la02_and_la03_started_and_ceased() -> None:
    rows = [
        _cla("A", "01/05/2024", "31/05/2024"),
        _cla("B", "01/05/2024", "01/06/2024"),
        _cla("C", "01/01/2020", "15/06/2024"),
    ]
    lists = {8: table(CLA, rows)}
    assert figure(run("LA02", lists), "LA02", "2024-05").numerator_ids == {"A", "B"}
    la03 = run("LA03", lists)
    assert figure(la03, "LA03", "2024-05").numerator_ids == {"A"}
    assert figure(la03, "LA03", "2024-06").numerator_ids == {"B", "C"}


def test_la04_three_or_more_placements() -> None:
    rows = [
        _cla("A", placements="3"),
        _cla("B", placements="2"),
        _cla("C", placements="5"),
        _cla("D", placements=""),
        _cla("E", "01/01/2020", "01/03/2025", placements="4"),  # no longer looked after
    ]
    result = run("LA04", {8: table(CLA, rows)})
    assert measure_rows(result, "LA04").get_column("period").unique().to_list() == ["2025-03"]
    mar = figure(result, "LA04", "2025-03")
    assert (mar.numerator, mar.denominator, mar.value) == (2, 4, 50.0)
    assert mar.numerator_ids == {"A", "C"}


def test_la05_long_term_stability_boundaries() -> None:
    # as-of 31 Mar 2025: under 16; started on or before 30 Sep 2022 (-30 months, 31 → 30);
    # placement on or before 31 Mar 2023 (-24 months).
    rows = [
        _cla("A", "30/09/2022", dob="01/04/2009", placement_start="31/03/2023"),  # in, stable
        _cla("B", "30/09/2022", dob="31/03/2009", placement_start="31/03/2023"),  # 16 today: out
        _cla("C", "01/10/2022", dob="01/04/2009", placement_start="01/10/2022"),  # too recent: out
        _cla("D", "01/01/2020", dob="01/01/2012", placement_start="01/04/2023"),  # in, not stable
        _cla("E", "01/01/2020", dob=None, placement_start="01/01/2020"),  # no birth date: out
    ]
    result = run("LA05", {8: table(CLA, rows)})
    mar = figure(result, "LA05", "2025-03")
    assert mar.denominator_ids == {"A", "D"}
    assert mar.numerator_ids == {"A"}


def test_la06_visited_within_42_days() -> None:
    assert dt.date(2025, 3, 31) - dt.timedelta(days=42) == dt.date(2025, 2, 17)
    rows = [_cla("A", visit="17/02/2025"), _cla("B", visit="16/02/2025"), _cla("C", visit=None)]
    result = run("LA06", {8: table(CLA, rows)})
    mar = figure(result, "LA06", "2025-03")
    assert (mar.numerator, mar.denominator, mar.numerator_ids) == (1, 3, {"A"})


def test_la07_reviews_in_timescale() -> None:
    assert wd(dt.date(2025, 3, 3), dt.date(2025, 3, 31)) == 20
    rows = [
        _cla("A", review="30/09/2024"),  # on as-of - 6 months
        _cla("B", review="29/09/2024"),
        _cla("C", "03/03/2025"),  # 20 working days: first review not yet due
        _cla("D", "28/02/2025"),  # 21 working days, no review
        _cla("E", "28/02/2025", review="25/03/2025"),
    ]
    result = run("LA07", {8: table(CLA, rows)})
    mar = figure(result, "LA07", "2025-03")
    assert (mar.numerator, mar.denominator) == (3, 5)
    assert mar.numerator_ids == {"A", "C", "E"}


def test_la08_health_assessment_rule_depends_on_age() -> None:
    rows = [
        _cla("A", "01/01/2023", dob="01/04/2020", health="30/09/2024"),  # 4: within 6 months
        _cla("B", "01/01/2023", dob="01/04/2020", health="29/09/2024"),  # 4: too old
        _cla("C", "01/01/2023", dob="31/03/2020", health="29/09/2024"),  # 5 today: 12-month rule
        _cla("D", "01/01/2023", dob="01/01/2010", health="31/03/2024"),  # 15: on the boundary
        _cla("E", "01/01/2023", dob="01/01/2010", health="30/03/2024"),
        _cla("F", "01/04/2024", dob="01/01/2010", health=None),  # < 12 months in care: out
        _cla("G", "31/03/2024", dob=None, health="01/06/2024"),  # no age: 6-month rule
    ]
    result = run("LA08", {8: table(CLA, rows)})
    mar = figure(result, "LA08", "2025-03")
    assert mar.denominator_ids == {"A", "B", "C", "D", "E", "G"}
    assert mar.numerator_ids == {"A", "C", "D"}


def test_la09_dental_check() -> None:
    rows = [
        _cla("A", "01/01/2023", dental="31/03/2024"),
        _cla("B", "01/01/2023", dental="30/03/2024"),
        _cla("C", "01/05/2024", dental=None),  # < 12 months in care
    ]
    result = run("LA09", {8: table(CLA, rows)})
    mar = figure(result, "LA09", "2025-03")
    assert (mar.numerator_ids, mar.denominator_ids) == ({"A"}, {"A", "B"})


def test_la10_and_la11_missing_and_return_interviews() -> None:
    rows = [
        _cla("A", missing="2", interview="a) Yes"),
        _cla("B", missing="1", interview="b) No"),
        _cla("C", missing="1", interview=None),
        _cla("D", missing="0", interview="Yes"),
        _cla("E", missing=""),
        _cla("F", "01/01/2020", "01/02/2025", missing="3", interview="Yes"),  # ceased
    ]
    lists = {8: table(CLA, rows)}
    la10 = figure(run("LA10", lists), "LA10", "2025-03")
    assert (la10.numerator_ids, la10.denominator_ids) == (
        {"A", "B", "C"},
        {"A", "B", "C", "D", "E"},
    )
    la11 = figure(run("LA11", lists), "LA11", "2025-03")
    assert (la11.numerator_ids, la11.denominator_ids) == ({"A"}, {"A", "B", "C"})
