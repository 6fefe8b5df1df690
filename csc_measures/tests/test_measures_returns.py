"""The measures on the DfE's definitions, on small hand-built returns (2024-25: 1 April 2024 to
31 March 2025), asserting the children in each numerator and denominator."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
import pytest

from csc_measures.measures import RETURNS_CATALOGUE
from csc_measures.returns.cin import CinCensus
from csc_measures.returns.compute import compute_returns
from csc_measures.returns.registry import RETURNS_REGISTRY
from csc_measures.returns.ssda903 import Ssda903

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free

D = dt.date
REF = D(2025, 3, 31)


def cin(**tables: dict[str, list[object]]) -> CinCensus:
    return CinCensus(
        file="t.xml",
        year=2025,
        reference_date=REF,
        lea="999",
        tables={name: pl.DataFrame(cols) for name, cols in tables.items()},
    )


def ret(**tables: dict[str, list[object]]) -> Ssda903:
    return Ssda903(files=("t",), year=2025, tables={n: pl.DataFrame(c) for n, c in tables.items()})


def figure(measure_id: str, **sources: object) -> dict[str, object]:
    result = compute_returns(measure_ids=[measure_id], **sources)  # type: ignore[arg-type]
    assert result.not_computable == ()
    (row,) = result.results.to_dicts()
    assert row["period"] == "2025-03"
    assert row["unit"] == "la"
    return row


def ids(row: dict[str, object]) -> tuple[list[object], list[object] | None]:
    return row["numerator_ids"], row["denominator_ids"]  # type: ignore[return-value]


def test_dc01_rereferrals_within_12_months() -> None:
    details = {
        "LAchildID": ["A", "A", "B", "B", "C", "D", "E"],
        "CINdetailsID": [1, 2, 3, 4, 5, 6, 7],
        "CINreferralDate": [
            D(2024, 3, 31), D(2025, 3, 31),  # A: exactly 12 months before: a re-referral
            D(2023, 12, 1), D(2024, 12, 2),  # B: 12 months and a day: not
            D(2024, 4, 1),  # C: first day of the year
            D(2025, 4, 1),  # D: after the year: not counted
            D(2024, 2, 29),  # E: before the year: not counted
        ],
    }  # fmt: skip
    row = figure("DC01", cin=cin(cin_details=details))
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert ids(row) == (["A"], ["A", "B", "C"])


def test_dc02_assessments_within_45_working_days() -> None:
    table = {
        "LAchildID": ["A", "B", "C", "D"],
        "AssessmentActualStartDate": [D(2024, 12, 2), D(2024, 12, 2), None, D(2024, 1, 2)],
        # 45 working days after 2 Dec 2024 (with 25, 26 Dec and 1 Jan off) is 6 Feb 2025
        "AssessmentAuthorisationDate": [D(2025, 2, 6), D(2025, 2, 7), D(2025, 1, 1), D(2024, 3, 1)],
    }
    row = figure("DC02", cin=cin(assessments=table))
    assert ids(row) == (["A"], ["A", "B", "C"])


def test_dc03_icpcs_within_15_working_days() -> None:
    table = {
        "LAchildID": ["A", "B", "C"],
        "S47ActualStartDate": [D(2025, 3, 3), D(2025, 3, 3), D(2025, 3, 3)],
        "DateOfInitialCPC": [D(2025, 3, 24), D(2025, 3, 25), None],
    }
    row = figure("DC03", cin=cin(section47=table))
    assert ids(row) == (["A"], ["A", "B"])


def test_dc04_second_or_subsequent_plans() -> None:
    table = {
        "LAchildID": ["A", "B", "B", "C"],
        "CPPID": [1, 2, 3, 4],
        "CPPstartDate": [D(2024, 5, 1), D(2024, 1, 1), D(2024, 9, 1), D(2024, 6, 1)],
        "NumberOfPreviousCPP": [2, 0, 0, None],
    }
    row = figure("DC04", cin=cin(cp_plans=table))
    assert ids(row) == (["A", "B"], ["A", "B", "C"])


def test_dc05_plans_ended_lasting_two_years() -> None:
    table = {
        "LAchildID": ["A", "B", "C"],
        "CPPstartDate": [D(2023, 2, 28), D(2023, 3, 1), D(2020, 1, 1)],
        "CPPendDate": [D(2025, 2, 28), D(2025, 2, 28), D(2024, 3, 31)],
    }
    row = figure("DC05", cin=cin(cp_plans=table))
    assert ids(row) == (["A"], ["A", "B"])


def test_dc06_plans_open_at_31_march_for_two_years() -> None:
    table = {
        "LAchildID": ["A", "B", "C", "D"],
        "CPPstartDate": [D(2023, 3, 31), D(2023, 4, 1), D(2020, 1, 1), D(2022, 1, 1)],
        "CPPendDate": [None, None, D(2025, 3, 31), D(2025, 4, 1)],
    }
    row = figure("DC06", cin=cin(cp_plans=table))
    assert ids(row) == (["A", "D"], ["A", "B", "D"])


def _episodes(rows: list[tuple[str, dt.date, dt.date | None, str, str, str]]) -> dict[str, list]:
    keys = ("CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE")
    cols: dict[str, list] = {k: [r[i] for r in rows] for i, k in enumerate(keys)}
    cols["REC"] = ["E11" if r[3] == "S" and r[5] == "A5" else None for r in rows]
    return cols


def test_dl01_three_or_more_placements() -> None:
    eps = _episodes([
        ("A", D(2024, 1, 1), D(2024, 6, 1), "S", "C2", "U4"),  # open at 1 April: 1
        ("A", D(2024, 6, 1), D(2024, 9, 1), "P", "C2", "U6"),  # 2
        ("A", D(2024, 9, 1), D(2024, 10, 1), "L", "C2", "U6"),  # legal change only
        ("A", D(2024, 10, 1), None, "P", "C2", "K2"),  # 3
        ("B", D(2024, 5, 1), D(2024, 6, 1), "S", "C2", "U4"),
        ("B", D(2024, 6, 1), D(2024, 6, 8), "P", "C2", "T1"),  # temporary: not counted
        ("B", D(2024, 6, 8), None, "P", "C2", "U4"),
        ("C", D(2024, 5, 1), None, "S", "V3", "U4"),  # short breaks: not looked after
        ("E", D(2024, 5, 1), D(2025, 3, 31), "S", "C2", "U4"),  # left on 31 March
    ])  # fmt: skip
    row = figure("DL01", ssda903=ret(episodes=eps))
    assert ids(row) == (["A"], ["A", "B"])


def test_dl02_long_term_stability() -> None:
    eps = _episodes([
        ("A", D(2022, 1, 1), D(2023, 1, 1), "S", "C2", "U4"),
        ("A", D(2023, 1, 1), None, "L", "C2", "U4"),  # same placement since 2022: stable
        ("B", D(2022, 1, 1), D(2023, 6, 1), "S", "C2", "U4"),
        ("B", D(2023, 6, 1), None, "P", "C2", "U6"),  # moved 22 months ago: not stable
        ("C", D(2022, 1, 1), D(2024, 5, 1), "S", "C2", "U4"),
        ("C", D(2024, 5, 1), None, "P", "E1", "A4"),  # placed for adoption with carers
        ("D", D(2023, 1, 1), None, "S", "C2", "U4"),  # in care under 2.5 years
        ("E", D(2015, 1, 1), None, "S", "C2", "U4"),  # 16 at 31 March: left out
    ])  # fmt: skip
    header = {
        "CHILD": ["A", "B", "C", "D", "E"],
        "DOB": [D(2015, 1, 1)] * 4 + [D(2009, 3, 31)],
    }
    row = figure("DL02", ssda903=ret(episodes=eps, header=header))
    assert ids(row) == (["A", "C"], ["A", "B", "C"])


OC2 = {
    "CHILD": ["A", "B", "C", "D"],
    "DOB": [D(2021, 3, 31), D(2021, 4, 1), D(2008, 4, 1), D(2008, 3, 31)],
    "HEALTH_CHECK": [True, False, None, True],
    "TEETH_CHECK": [False, True, True, None],
    "SDQ_SCORE": [12, None, 20, 5],
}


def test_dl03_health_checks() -> None:
    row = figure("DL03", ssda903=ret(oc2=OC2))
    assert ids(row) == (["A", "D"], ["A", "B", "C", "D"])


def test_dl04_teeth_checks() -> None:
    row = figure("DL04", ssda903=ret(oc2=OC2))
    assert ids(row) == (["B", "C"], ["A", "B", "C", "D"])


def test_dl05_sdq_scores_aged_4_to_16() -> None:
    # A is 4 on 31 March (in), B is 3 (out), C is 16 (in), D turned 17 on 31 March (out)
    row = figure("DL05", ssda903=ret(oc2=OC2))
    assert ids(row) == (["A", "C"], ["A", "C"])


OC3 = {
    "CHILD": ["A", "B", "C", "D", "E", "F"],
    "DOB": [D(2008, 3, 31), D(2006, 4, 1), D(2006, 3, 31), D(2003, 4, 1), D(2003, 3, 31), None],
    "IN_TOUCH": ["YES", "NO", "YES", "YES", "YES", "YES"],
    "ACTIV": ["F2", "0", "G5", "P4", "F1", "F1"],
    "ACCOM": ["B1", "0", "D2", "K1", "S1", "B1"],
}  # ages at 31 March 2025: A 17, B 18, C 19, D 21, E 22, F unknown


@pytest.mark.parametrize(
    ("measure_id", "numerator", "denominator"),
    [
        ("DL06", ["A"], ["A", "B"]),  # 17-18 in touch
        ("DL07", ["A"], ["A", "B"]),  # 17-18 suitable
        ("DL08", ["A"], ["A", "B"]),  # 17-18 EET
        ("DL09", ["C", "D"], ["C", "D"]),  # 19-21 in touch
        ("DL10", ["D"], ["C", "D"]),  # 19-21 suitable
        ("DL11", ["D"], ["C", "D"]),  # 19-21 EET
    ],
)
def test_dl06_to_dl11_care_leavers(
    measure_id: str, numerator: list[str], denominator: list[str]
) -> None:
    row = figure(measure_id, ssda903=ret(oc3=OC3))
    assert ids(row) == (numerator, denominator)


# the registry-wide test looks for each ID in a test name: these are the care leavers' ones
test_dl06_dl07_dl08_dl09_dl10_dl11 = test_dl06_to_dl11_care_leavers


MISSING = {
    "CHILD": ["A", "A", "B", "C", "D"],
    "MISSING": ["M", "M", "A", "M", "M"],
    "MIS_START": [D(2024, 5, 1), D(2025, 3, 31), D(2024, 5, 1), D(2024, 3, 31), D(2024, 6, 1)],
}


def test_dl12_children_who_went_missing() -> None:
    eps = _episodes([
        ("A", D(2024, 1, 1), None, "S", "C2", "U4"),
        ("B", D(2024, 1, 1), None, "S", "C2", "U4"),
        ("C", D(2023, 1, 1), D(2024, 4, 1), "S", "C2", "U4"),  # left on 1 April: in
        ("F", D(2023, 1, 1), D(2024, 3, 31), "S", "C2", "U4"),  # left before the year
    ])  # fmt: skip
    row = figure("DL12", ssda903=ret(episodes=eps, missing=MISSING))
    assert ids(row) == (["A"], ["A", "B", "C"])


def test_dl13_missing_incidents() -> None:
    row = figure("DL13", ssda903=ret(missing=MISSING))
    assert (row["numerator"], row["value"]) == (3, 3.0)
    assert row["numerator_ids"] == ["A", "D"]


def test_dl14_adoption_timeliness() -> None:
    eps = {
        "CHILD": ["A", "A", "A", "B", "B", "C"],
        "DECOM": [D(2023, 1, 1), D(2023, 6, 1), D(2024, 1, 1), D(2024, 2, 1), D(2024, 3, 1),
                  D(2022, 1, 1)],
        "DEC": [D(2023, 6, 1), D(2024, 1, 1), D(2024, 10, 1), D(2024, 3, 1), D(2025, 1, 1),
                D(2024, 1, 1)],
        "RNE": ["S", "P", "P", "S", "P", "S"],
        "PLACE": ["U4", "U6", "A5", "U4", "A6", "A5"],
        "REC": ["X1", "X1", "E11", "X1", "E12", "E11"],  # C adopted before the year
    }  # fmt: skip
    row = figure("DL14", ssda903=ret(episodes=eps))
    # A: 1 Jan 2023 to 1 Jan 2024 = 365 days; B: 1 Feb 2024 to 1 Mar 2024 = 29 days
    assert (row["numerator"], row["denominator"], row["value"]) == (394, 2, 197.0)
    assert ids(row) == (["A", "B"], ["A", "B"])


def test_returns_catalogue_is_registered_documented_and_tested() -> None:
    assert list(RETURNS_REGISTRY) == list(RETURNS_CATALOGUE)
    source = Path(__file__).read_text()
    for measure_id, spec in RETURNS_REGISTRY.items():
        assert spec.module == f"csc_measures.measures.{measure_id.lower()}"
        assert len(spec.methodology) > 80
        assert spec.source == ("cin" if measure_id.startswith("DC") else "ssda903")
        assert re.search(rf"def test_\w*{measure_id.lower()}", source) or re.search(
            rf"test_\w*{measure_id.lower()}\w* =", source
        ), measure_id


def test_a_missing_return_or_table_makes_measures_not_computable() -> None:
    result = compute_returns(measure_ids=["DC01", "DL01", "DL13"], ssda903=ret(episodes={}))
    reasons = {m.measure_id: m.reason for m in result.not_computable}
    assert reasons == {
        "DC01": "no CIN census loaded",
        "DL01": "episodes has no CHILD, DECOM, DEC, RNE, LS, PLACE",
        "DL13": "the SSDA903 return has no missing table",
    }
    assert result.results.height == 0


def test_published_dfe_figures_are_read_for_an_authority_and_england() -> None:
    from csc_measures.returns.dfe import PUBLISHED, published

    # Hartlepool (805), 2024-25, as in the shipped DfE files
    assert published("DL02", dfe_code="805", year=2025) == published(
        "DL02", dfe_code="805", year=2025
    )
    long_term = published("DL02", dfe_code="805", year=2025)
    assert long_term is not None
    assert (long_term.authority, long_term.england) == (60.0, 69.0)
    rereferrals = published("DC01", dfe_code="805", year=2025)
    assert rereferrals is not None
    assert (rereferrals.authority, rereferrals.england) == (26.5, 22.6)
    assessments = published("DC02", dfe_code="805", year=2025)
    assert assessments is not None
    assert (assessments.authority, assessments.england) == (85.2, 85.7)
    assert published("DL13", dfe_code="805", year=2025) is None  # not published
    assert set(PUBLISHED) <= set(RETURNS_REGISTRY)
    for measure_id in PUBLISHED:
        found = published(measure_id, dfe_code="805", year=2025)
        assert found is not None
        assert found.england is not None, measure_id


def test_dl02_sees_where_a_period_started_in_earlier_years_returns() -> None:
    # this year's file starts with a placement move; the period began in an earlier return
    this_year = ret(
        episodes=_episodes([("A", D(2023, 6, 1), None, "P", "C2", "U4")]),
        header={"CHILD": ["A"], "DOB": [D(2015, 1, 1)]},
    )
    earlier = ret(
        episodes=_episodes([("A", D(2021, 1, 1), D(2023, 6, 1), "S", "C2", "U6")]),
    )
    # alone, the period seems to start on 1 June 2023: under 2.5 years, not in the cohort
    assert figure("DL02", ssda903=this_year)["denominator"] == 0
    row = figure("DL02", ssda903=this_year.with_history([earlier]))
    assert ids(row) == ([], ["A"])  # in care since 2021, moved 22 months ago


def test_dc01_sees_a_previous_referral_in_an_earlier_census() -> None:
    plans = {
        "LAchildID": ["A"],
        "CPPID": [1],
        "CPPstartDate": [D(2023, 10, 1)],
        "NumberOfPreviousCPP": [0],
    }
    this_year = cin(
        cin_details={
            "LAchildID": ["A"],
            "CINdetailsID": [1],
            "CINreferralDate": [D(2024, 6, 1)],
        },
        cp_plans=plans,
    )
    earlier = cin(
        cin_details={
            "LAchildID": ["A", "A"],
            "CINdetailsID": [1, 2],
            "CINreferralDate": [D(2023, 9, 1), D(2024, 6, 1)],  # the same referral again
        },
        cp_plans=plans,
    )
    assert figure("DC01", cin=this_year)["numerator"] == 0
    joined = this_year.with_history([earlier])
    assert joined.table("cin_details").height == 2
    assert joined.table("cp_plans").height == 1  # the same plan, kept once
    row = figure("DC01", cin=joined)
    assert ids(row) == (["A"], ["A"])
