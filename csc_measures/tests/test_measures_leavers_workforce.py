"""CL01-CL06 and WF01-WF03 on hand-built tables (as-of 31 March 2025)."""

from __future__ import annotations

from csc_measures.tests.helpers import figure, measure_rows, run, table

LEAVERS = (
    "Child Unique ID",
    "Date of Birth",
    "LA in Touch",
    "Suitability of Accommodation",
    "Activity Status",
    "Latest Pathway Plan Review Date",
    "Allocated Personal Advisor",
    "Allocated Team",
)
OLD_LEAVERS = ("Child Unique ID", "Date of Birth", "LA in Touch", "Allocated Team")
CIN = (
    "Child Unique ID",
    "CIN Start Date",
    "CIN Closure Date",
    "Allocated Worker",
    "Allocated Team",
)


def _leaver(
    child: str,
    dob: str | None,
    *,
    touch: str | None = "a) Yes",
    suitable: str | None = "a) Suitable",
    activity: str | None = "a) F1: Higher education - full time",
    review: str | None = None,
    adviser: str | None = None,
    team: str | None = "Leaving care",
) -> tuple[str | None, ...]:
    return (child, dob, touch, suitable, activity, review, adviser, team)


AGES = [
    _leaver("A19", "31/03/2006", touch="a) Yes"),  # 19 today
    _leaver("A18", "01/04/2006", touch="a) Yes", activity="g) F5: Apprenticeship"),  # 18
    _leaver("A21", "01/04/2003", touch="b) No", suitable="b) Not suitable", activity="j) G5: NEET"),
    _leaver("A22", "31/03/2003", touch="a) Yes"),  # 22 today
    _leaver(
        "A20",
        "01/01/2005",
        touch="c) Young person refuses contact",
        suitable="SUITABLE",
        activity="f3: old",
    ),
    _leaver("A17", "01/01/2008", activity="0: not known"),
    _leaver("NODOB", None),
]


def test_cl01_in_touch_aged_19_to_21() -> None:
    result = run("CL01", {9: table(LEAVERS, AGES)})
    mar = figure(result, "CL01", "2025-03")
    assert mar.denominator_ids == {"A19", "A20", "A21"}
    assert mar.numerator_ids == {"A19"}
    assert measure_rows(result, "CL01").get_column("unit").to_list() == ["la", "team:Leaving care"]


def test_cl02_suitable_accommodation() -> None:
    mar = figure(run("CL02", {9: table(LEAVERS, AGES)}), "CL02", "2025-03")
    assert (mar.numerator_ids, mar.denominator) == ({"A19", "A20"}, 3)


def test_cl03_and_cl04_education_employment_training() -> None:
    lists = {9: table(LEAVERS, AGES)}
    cl03 = figure(run("CL03", lists), "CL03", "2025-03")
    assert (cl03.numerator_ids, cl03.denominator_ids) == ({"A19", "A20"}, {"A19", "A20", "A21"})
    cl04 = figure(run("CL04", lists), "CL04", "2025-03")
    assert (cl04.numerator_ids, cl04.denominator_ids) == ({"A18"}, {"A17", "A18"})


def test_cl05_and_cl06_pathway_review_and_adviser() -> None:
    rows = [
        _leaver("A", "01/01/2005", review="30/09/2024", adviser="PA One"),
        _leaver("B", "01/01/2005", review="29/09/2024", adviser=" "),
        _leaver("C", None, review=None, adviser="PA Two"),
    ]
    lists = {9: table(LEAVERS, rows)}
    cl05 = figure(run("CL05", lists), "CL05", "2025-03")
    assert (cl05.numerator_ids, cl05.denominator) == ({"A"}, 3)
    cl06 = figure(run("CL06", lists), "CL06", "2025-03")
    assert (cl06.numerator_ids, cl06.denominator) == ({"A", "C"}, 3)


def test_cl05_and_cl06_not_computable_with_the_older_list_9() -> None:
    lists = {9: table(OLD_LEAVERS, [("A", "01/01/2005", "Yes", "T")])}
    for measure_id, column in (
        ("CL05", "Latest Pathway Plan Review Date"),
        ("CL06", "Allocated Personal Advisor"),
    ):
        result = run(measure_id, lists)
        assert result.results.height == 0
        (missing,) = result.not_computable
        assert missing.measure_id == measure_id
        assert column in missing.reason
    assert figure(run("CL01", lists), "CL01", "2025-03").numerator_ids == {"A"}


def _caseload(worker: str, count: int, team: str, prefix: str) -> list[tuple[str | None, ...]]:
    return [(f"{prefix}{i}", "01/01/2025", None, worker, team) for i in range(count)]


def test_wf01_average_caseload() -> None:
    rows = [
        ("A", "01/01/2025", None, "W1", "T1"),
        ("B", "01/01/2025", None, "W1", "T1"),
        ("B", "01/02/2025", None, "W2", "T1"),  # one child, two workers
        ("C", "01/01/2025", None, "W3", "T2"),
        ("D", "01/01/2025", None, None, "T2"),  # unallocated worker: out
        ("E", "01/01/2025", "01/03/2025", "W4", "T2"),  # closed: out
    ]
    result = run("WF01", {6: table(CIN, rows)})
    la = figure(result, "WF01", "2025-03")
    assert (la.numerator, la.denominator, la.value) == (3, 3, 1.0)
    assert la.numerator_ids == {"A", "B", "C"}
    assert la.denominator_ids == {"W1", "W2", "W3"}
    t1 = figure(result, "WF01", "2025-03", "team:T1")
    assert (t1.numerator, t1.denominator, t1.value) == (2, 2, 1.0)
    assert measure_rows(result, "WF01").get_column("period").unique().to_list() == ["2025-03"]


def test_wf02_and_wf03_workers_within_caseload_limits() -> None:
    rows = (
        _caseload("W1", 19, "T1", "a")
        + _caseload("W2", 18, "T1", "b")
        + _caseload("W3", 23, "T2", "c")
    )
    rows += _caseload("W4", 22, "T2", "d")
    lists = {6: table(CIN, rows)}
    wf02 = figure(run("WF02", lists), "WF02", "2025-03")
    assert (wf02.numerator_ids, wf02.denominator_ids) == ({"W2"}, {"W1", "W2", "W3", "W4"})
    assert wf02.value == 25.0
    wf03 = run("WF03", lists)
    assert figure(wf03, "WF03", "2025-03").numerator_ids == {"W1", "W2", "W4"}
    t2 = figure(wf03, "WF03", "2025-03", "team:T2")
    assert (t2.numerator_ids, t2.denominator_ids) == ({"W4"}, {"W3", "W4"})


def test_wf02_caseload_counts_across_teams() -> None:
    rows = _caseload("W1", 10, "T1", "a") + _caseload("W1", 9, "T2", "b")
    result = run("WF02", {6: table(CIN, rows)})
    assert figure(result, "WF02", "2025-03", "team:T2").numerator == 0
    assert figure(result, "WF02", "2025-03", "team:T2").denominator_ids == {"W1"}


def test_cl05_and_cl06_on_a_large_list() -> None:
    # Regression: a cohort of "every row" is a literal predicate, which polars 2.1 mis-applies
    # on frames it filters in parallel; the shapes materialise predicates first.
    n = 30_000
    rows = [
        _leaver(f"C{i}", "01/01/2005", review="30/09/2024" if i % 3 else None, adviser="PA")
        for i in range(n)
    ]
    lists = {9: table(LEAVERS, rows)}
    cl05 = figure(run("CL05", lists), "CL05", "2025-03")
    assert (cl05.numerator, cl05.denominator) == (n - n // 3, n)
    cl06 = figure(run("CL06", lists), "CL06", "2025-03")
    assert (cl06.numerator, cl06.denominator) == (n, n)
