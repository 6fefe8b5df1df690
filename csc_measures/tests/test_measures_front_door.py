"""FD01-FD06, EH01, AS01-AS05 on hand-built tables."""

from __future__ import annotations

import datetime as dt

import polars as pl

from csc_measures.dates import wd
from csc_measures.tests.helpers import figure, measure_rows, run, table

CONTACTS = ("Child Unique ID", "Date of Contact", "Contact Source")
REFERRALS = (
    "Child Unique ID",
    "Date of Referral",
    "Referral Source",
    "Referral NFA?",
    "Number of Referrals in Last 12 Months",
    "Allocated Team",
)
ASSESSMENTS = (
    "Child Unique ID",
    "Continuous Assessment Start Date",
    "Continuous Assessment Date of Authorisation",
    "Child Seen During Continuous Assessment",
    "Was the child assessed as requiring LA children's social care support?",
    "Allocated Team",
)

CONTACT_ROWS = [
    ("A", "01/04/2024", "q) 6: Police"),
    ("A", "30/04/2024", "q) 6: Police"),
    ("B", "15/04/2024", "a) 1A: Self"),
    ("C", "31/03/2024", "q) 6: Police"),  # before the period
    ("D", "31/03/2025", None),  # on the as-of date
]


def test_fd01_counts_contacts_by_month_for_every_month() -> None:
    result = run("FD01", {1: table(CONTACTS, CONTACT_ROWS)})
    rows = measure_rows(result, "FD01")
    assert rows.get_column("period").to_list() == [
        f"{y}-{m:02d}"
        for y, m in [(2024, m) for m in range(4, 13)] + [(2025, m) for m in (1, 2, 3)]
    ]
    assert set(rows.get_column("unit")) == {"la"}  # List 1 has no team
    april = figure(result, "FD01", "2024-04")
    assert (april.numerator, april.denominator, april.value) == (3, None, 3.0)
    assert april.numerator_ids == {"A", "B"}
    assert figure(result, "FD01", "2025-03").numerator_ids == {"D"}
    may = figure(result, "FD01", "2024-05")
    assert (may.numerator, may.value, may.numerator_ids) == (0, 0.0, set())


def test_fd01_first_month_is_the_whole_month_containing_period_start() -> None:
    result = run("FD01", {1: table(CONTACTS, CONTACT_ROWS)}, period_start=dt.date(2024, 4, 15))
    assert figure(result, "FD01", "2024-04").numerator == 3
    assert measure_rows(result, "FD01").height == 12


def test_fd02_counts_referrals_per_team_with_unallocated() -> None:
    rows = [
        ("A", "02/05/2024", None, "No", "0", "Team A "),
        ("B", "03/05/2024", None, "No", "0", ""),
        ("C", "04/05/2024", None, "No", "0", "Team B"),
        ("D", "05/06/2024", None, "No", "0", "Team A"),
    ]
    result = run("FD02", {3: table(REFERRALS, rows)})
    assert figure(result, "FD02", "2024-05").numerator_ids == {"A", "B", "C"}
    assert figure(result, "FD02", "2024-05", "team:Team A").numerator_ids == {"A"}
    assert figure(result, "FD02", "2024-05", "team:(unallocated)").numerator_ids == {"B"}
    assert figure(result, "FD02", "2024-06", "team:Team B").numerator == 0
    units = set(measure_rows(result, "FD02").get_column("unit"))
    assert units == {"la", "team:Team A", "team:Team B", "team:(unallocated)"}


def test_fd03_referrals_over_contacts() -> None:
    contacts = [
        ("A", "01/05/2024", None),
        ("B", "02/05/2024", None),
        ("C", "03/05/2024", None),
        ("D", "04/05/2024", None),
    ]
    referrals = [("A", "02/05/2024", None, "No", "0", "T")]
    result = run("FD03", {1: table(CONTACTS, contacts), 3: table(REFERRALS, referrals)})
    may = figure(result, "FD03", "2024-05")
    assert (may.numerator, may.denominator, may.value) == (1, 4, 25.0)
    assert may.numerator_ids == {"A"}
    assert may.denominator_ids == {"A", "B", "C", "D"}
    june = figure(result, "FD03", "2024-06")
    assert (june.numerator, june.denominator, june.value) == (0, 0, None)
    assert set(measure_rows(result, "FD03").get_column("unit")) == {"la"}


def test_fd04_re_referrals_365_days_not_366() -> None:
    assert dt.date(2024, 5, 31) - dt.date(2023, 6, 1) == dt.timedelta(days=365)
    assert dt.date(2024, 5, 31) - dt.date(2023, 5, 31) == dt.timedelta(days=366)
    rows = [
        ("A", "01/06/2023", None, "No", "0", "T"),
        ("A", "31/05/2024", None, "No", "0", "T"),  # 365 days after: re-referral
        ("B", "31/05/2023", None, "No", "0", "T"),
        ("B", "31/05/2024", None, "No", "0", "T"),  # 366 days after: not
        ("C", "15/05/2024", "a) Police", "No", "0", "T"),
        ("C", "15/05/2024", "b) School", "No", "0", "T"),  # same day: not a re-referral
        ("D", "20/05/2024", None, "No", "2", "T"),  # the count says so
        ("E", "21/05/2024", None, "No", "", "T"),
        ("E", "17/04/2023", None, "No", "", "T"),  # 400 days before
    ]
    result = run("FD04", {3: table(REFERRALS, rows)})
    may = figure(result, "FD04", "2024-05")
    assert (may.numerator, may.denominator) == (2, 6)
    assert may.numerator_ids == {"A", "D"}
    assert may.denominator_ids == {"A", "B", "C", "D", "E"}
    assert may.value is not None
    assert abs(may.value - 100 * 2 / 6) < 1e-9


def test_fd05_nfa_yes_in_any_form_and_unknown_stays_in_denominator() -> None:
    rows = [
        ("A", "01/07/2024", None, "a) Yes", "0", "T"),
        ("B", "01/07/2024", None, "Y", "0", "T"),
        ("C", "01/07/2024", None, "yes", "0", "T"),
        ("D", "01/07/2024", None, "b) No", "0", "T"),
        ("E", "01/07/2024", None, "Not known", "0", "T"),
        ("F", "01/07/2024", None, "", "0", "T"),
    ]
    result = run("FD05", {3: table(REFERRALS, rows)})
    july = figure(result, "FD05", "2024-07")
    assert (july.numerator, july.denominator, july.value) == (3, 6, 50.0)
    assert july.numerator_ids == {"A", "B", "C"}


def test_fd06_contacts_by_source_with_prefix_stripped() -> None:
    result = run("FD06", {1: table(CONTACTS, CONTACT_ROWS)})
    rows = measure_rows(result, "FD06")
    assert rows.height == 0  # FD06 rows carry the category in the ID
    ids = set(result.results.get_column("measure_id"))
    assert ids == {"FD06:6: Police", "FD06:1A: Self", "FD06:(not recorded)"}
    assert set(result.results.get_column("unit")) == {"la"}
    assert figure(result, "FD06:6: Police", "2024-04").numerator == 2
    assert figure(result, "FD06:1A: Self", "2024-04").numerator_ids == {"B"}
    assert figure(result, "FD06:(not recorded)", "2025-03").numerator_ids == {"D"}
    assert figure(result, "FD06:6: Police", "2025-03").numerator == 0
    # the sources add up to FD01 in every month
    fd01 = run("FD01", {1: table(CONTACTS, CONTACT_ROWS)}).results
    by_month = result.results.group_by("period").agg(pl.col("numerator").sum()).sort("period")
    assert (
        by_month.get_column("numerator").to_list()
        == fd01.sort("period").get_column("numerator").to_list()
    )


def test_eh01_completed_early_help_assessments() -> None:
    rows = [
        ("A", "01/05/2024", "20/06/2024"),
        ("B", "01/06/2024", "30/06/2024"),
        ("C", "01/06/2024", None),  # not completed
    ]
    eh = ("Child Unique ID", "Assessment start date", "Assessment completion date")
    result = run("EH01", {2: table(eh, rows)})
    june = figure(result, "EH01", "2024-06")
    assert (june.numerator, june.numerator_ids) == (2, {"A", "B"})


def _assessment(
    child: str,
    start: str,
    end: str | None,
    *,
    seen: str = "Yes",
    support: str = "Yes",
    team: str = "T",
) -> tuple[str | None, ...]:
    return (child, start, end, seen, support, team)


def test_as01_assessments_completed_by_authorisation_date() -> None:
    rows = [
        _assessment("A", "01/05/2024", "10/06/2024"),
        _assessment("B", "01/06/2024", None),
        _assessment("C", "01/06/2024", "28/06/2024", team=""),
    ]
    result = run("AS01", {4: table(ASSESSMENTS, rows)})
    assert figure(result, "AS01", "2024-06").numerator_ids == {"A", "C"}
    assert figure(result, "AS01", "2024-06", "team:(unallocated)").numerator_ids == {"C"}


def test_as02_45_working_days_excluding_bank_holidays() -> None:
    # From Mon 2 Dec 2024 the 45th working day is Thu 6 Feb 2025 (25, 26 Dec and 1 Jan are
    # bank holidays); counting weekdays only it would be Mon 3 Feb.
    assert wd(dt.date(2024, 12, 2), dt.date(2025, 2, 6)) == 45
    rows = [
        _assessment("A", "02/12/2024", "06/02/2025"),  # 45: in time
        _assessment("B", "02/12/2024", "07/02/2025"),  # 46: late
        _assessment("C", "06/01/2025", "10/03/2025"),  # 45
        _assessment("D", "06/01/2025", "11/03/2025"),  # 46
    ]
    result = run("AS02", {4: table(ASSESSMENTS, rows)})
    feb = figure(result, "AS02", "2025-02")
    assert (feb.numerator, feb.denominator, feb.value) == (1, 2, 50.0)
    assert feb.numerator_ids == {"A"}
    assert feb.denominator_ids == {"A", "B"}
    mar = figure(result, "AS02", "2025-03")
    assert mar.numerator_ids == {"C"}


def test_as03_no_support_counts_no_only() -> None:
    rows = [
        _assessment("A", "01/05/2024", "10/06/2024", support="b) No"),
        _assessment("B", "01/05/2024", "10/06/2024", support="a) Yes"),
        _assessment("C", "01/05/2024", "10/06/2024", support=""),
        _assessment("D", "01/05/2024", "10/06/2024", support="n"),
    ]
    result = run("AS03", {4: table(ASSESSMENTS, rows)})
    june = figure(result, "AS03", "2024-06")
    assert (june.numerator, june.denominator) == (2, 4)
    assert june.numerator_ids == {"A", "D"}


def test_as04_open_assessments_past_45_working_days_at_month_end() -> None:
    assert wd(dt.date(2024, 12, 2), dt.date(2025, 1, 31)) == 41
    rows = [
        _assessment("A", "02/12/2024", None),  # open: 41 wd at end Jan, 61 at end Feb
        _assessment("B", "02/12/2024", "28/02/2025"),  # closes on the month end: not open then
        _assessment("C", "01/10/2024", None),
        _assessment("C", "02/10/2024", None),  # same child twice: counted once
        _assessment("D", "03/03/2025", None),  # recent
    ]
    result = run("AS04", {4: table(ASSESSMENTS, rows)})
    assert figure(result, "AS04", "2025-01").numerator_ids == {"C"}
    feb = figure(result, "AS04", "2025-02")
    assert (feb.numerator, feb.numerator_ids) == (2, {"A", "C"})
    assert figure(result, "AS04", "2025-03").numerator_ids == {"A", "C"}
    assert figure(result, "AS04", "2024-11").numerator == 0


def test_as04_exactly_45_working_days_is_not_past() -> None:
    assert wd(dt.date(2024, 11, 26), dt.date(2025, 1, 31)) == 45
    rows = [
        _assessment("A", "26/11/2024", None),  # 45 working days at 31 Jan: not past
        _assessment("B", "25/11/2024", None),  # 46
    ]
    result = run("AS04", {4: table(ASSESSMENTS, rows)})
    assert figure(result, "AS04", "2025-01").numerator_ids == {"B"}
    assert figure(result, "AS04", "2025-02").numerator_ids == {"A", "B"}


def test_as05_child_seen() -> None:
    rows = [
        _assessment("A", "01/05/2024", "10/06/2024", seen="a) Yes"),
        _assessment("B", "01/05/2024", "10/06/2024", seen="b) No"),
        _assessment("C", "01/05/2024", "10/06/2024", seen=""),
    ]
    result = run("AS05", {4: table(ASSESSMENTS, rows)})
    june = figure(result, "AS05", "2024-06")
    assert (june.numerator, june.denominator, june.numerator_ids) == (1, 3, {"A"})


def test_fd03_by_team_when_both_lists_have_teams() -> None:
    contacts = table(
        (*CONTACTS, "Allocated Team"),
        [
            ("A", "01/05/2024", None, "T1"),
            ("B", "02/05/2024", None, "T1"),
            ("C", "03/05/2024", None, "T2"),
        ],
    )
    referrals = table(
        REFERRALS,
        [("A", "02/05/2024", None, "No", "0", "T1"), ("D", "05/05/2024", None, "No", "0", "T3")],
    )
    result = run("FD03", {1: contacts, 3: referrals})
    t1 = figure(result, "FD03", "2024-05", "team:T1")
    assert (t1.numerator, t1.denominator, t1.value) == (1, 2, 50.0)
    t3 = figure(result, "FD03", "2024-05", "team:T3")
    assert (t3.numerator, t3.denominator, t3.value) == (1, 0, None)
    assert figure(result, "FD03", "2024-05", "team:T2").numerator == 0
