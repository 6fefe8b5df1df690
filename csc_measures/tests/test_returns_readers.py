"""The CIN census and SSDA903 readers: tables, checks by year, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from csc_measures.returns import ReturnError, load_cin, load_ssda903
from csc_measures.returns.ssda903 import TABLES

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free

CIN = """<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root is fine -->
<Message>
 <Header>
  <CollectionDetails><Collection>CIN</Collection><Year>{year}</Year>
   <ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails>
  <Source><SourceLevel>L</SourceLevel><LEA>999</LEA></Source>
 </Header>
 <Children>
  <Child>
   <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-03-27</PersonBirthDate>
    {sex}</ChildIdentifiers>
   <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
    <Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities>
   </ChildCharacteristics>
   <CINdetails>
    <CINreferralDate>2024-10-06</CINreferralDate><ReferralSource>1A</ReferralSource>
    <PrimaryNeedCode>N4</PrimaryNeedCode><ReferralNFA>0</ReferralNFA>
    <Assessments><AssessmentActualStartDate>2024-10-07</AssessmentActualStartDate>
     <AssessmentAuthorisationDate>2024-11-19</AssessmentAuthorisationDate>
     <FactorsIdentifiedAtAssessment><AssessmentFactors>1C</AssessmentFactors>
      <AssessmentFactors>ZZ</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>
    <Section47><S47ActualStartDate>2024-10-08</S47ActualStartDate>
     <DateOfInitialCPC>2024-10-29</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired>
    </Section47>
    <ChildProtectionPlans><CPPstartDate>2024-10-29</CPPstartDate>
     <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
     <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
     <NumberOfPreviousCPP>1</NumberOfPreviousCPP>
     <Reviews><CPPreviewDate>2025-01-10</CPPreviewDate><CPPreviewDate>2025-31-01</CPPreviewDate>
     </Reviews></ChildProtectionPlans>
   </CINdetails>
  </Child>
  <Child>
   <ChildIdentifiers><LAchildID>C2</LAchildID><PersonBirthDate>2019-01-01</PersonBirthDate>
    {sex}</ChildIdentifiers>
   <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
   <CINdetails><CINreferralDate>2025-01-06</CINreferralDate><ReferralSource>6</ReferralSource>
    <PrimaryNeedCode>N9</PrimaryNeedCode><ReferralNFA>1</ReferralNFA></CINdetails>
  </Child>
 </Children>
</Message>
"""


def _cin(tmp_path: Path, *, year: int = 2025, sex: str = "<Sex>F</Sex>") -> Path:
    path = tmp_path / "cin.xml"
    path.write_text(CIN.format(year=year, sex=sex), encoding="utf-8")
    return path


def test_cin_reads_every_table_typed(tmp_path: Path) -> None:
    census = load_cin(_cin(tmp_path))
    assert census.year == 2025
    assert census.year_label == "2024-25"
    assert census.lea == "999"
    heights = {name: t.height for name, t in census.tables.items()}
    assert heights == {
        "children": 2, "disabilities": 2, "cin_details": 2, "assessments": 1, "factors": 2,
        "cin_plans": 0, "section47": 1, "cp_plans": 1, "reviews": 2,
    }  # fmt: skip
    details = census.table("cin_details")
    assert details.get_column("CINreferralDate").to_list() == [
        dt.date(2024, 10, 6),
        dt.date(2025, 1, 6),
    ]
    assert details.get_column("ReferralNFA").to_list() == [False, True]
    assert census.table("section47").get_column("ICPCnotRequired").to_list() == [False]
    assert census.table("cp_plans").get_column("NumberOfPreviousCPP").to_list() == [1]


def test_cin_reports_bad_values_by_table_child_column_and_value(tmp_path: Path) -> None:
    census = load_cin(_cin(tmp_path))
    described = [i.describe() for i in census.issues]
    assert described == [
        "error: file '" + str(tmp_path / "cin.xml") + "', table factors, child 'C1', column "
        "'AssessmentFactors', value 'ZZ': not a code of this year's schema",
        "error: file '" + str(tmp_path / "cin.xml") + "', table reviews, child 'C1', column "
        "'CPPreviewDate', value '2025-31-01': not a date (YYYY-MM-DD)",
    ]
    # the bad value is read as blank; the child is kept
    assert census.table("reviews").get_column("CPPreviewDate").null_count() == 1


def test_cin_2023_24_gender_current_is_read_as_sex(tmp_path: Path) -> None:
    census = load_cin(_cin(tmp_path, year=2024, sex="<GenderCurrent>2</GenderCurrent>"))
    assert census.year == 2024
    assert census.table("children").get_column("Sex").to_list() == ["F", "F"]
    assert not [i for i in census.issues if i.column == "GenderCurrent"]
    later = load_cin(_cin(tmp_path, year=2025, sex="<GenderCurrent>1</GenderCurrent>"))
    (warning,) = [i for i in later.issues if i.column == "GenderCurrent"]
    assert warning.severity == "warning"
    assert "from 2024-25" in warning.reason


def test_cin_unsupported_year_is_reported_not_fatal(tmp_path: Path) -> None:
    census = load_cin(_cin(tmp_path, year=2021))
    assert census.year == 2026
    assert any("2020-21 is not one read here" in i.reason for i in census.issues)


def test_cin_missing_required_element(tmp_path: Path) -> None:
    path = _cin(tmp_path, sex="")
    issues = [i for i in load_cin(path).issues if i.column == "Sex"]
    assert [(i.child, i.reason) for i in issues] == [
        ("C1", "required element missing or blank"),
        ("C2", "required element missing or blank"),
    ]


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE Message [<!ENTITY lol "lol">]>',
        '<!DOCTYPE Message SYSTEM "http://example.invalid/x.dtd">',
        '<?xml version="1.0"?>\n<!-- c -->\n<!doctype Message>',
    ],
)
def test_cin_refuses_a_doctype(tmp_path: Path, prolog: str) -> None:
    path = tmp_path / "evil.xml"
    path.write_text(prolog + "\n<Message><Children/></Message>")
    with pytest.raises(ReturnError, match="document type"):
        load_cin(path)


def test_cin_unreadable_files_are_fatal(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<Message><Children><Child></Children></Message>")
    with pytest.raises(ReturnError, match="not well-formed XML at line 1"):
        load_cin(broken)
    other = tmp_path / "other.xml"
    other.write_text("<Workbook/>")
    with pytest.raises(ReturnError, match="root element is <Workbook>"):
        load_cin(other)
    with pytest.raises(ReturnError, match="cannot be opened"):
        load_cin(tmp_path / "absent.xml")


def _csv(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> None:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _episode(child: str, decom: str, place: str, dec: str = "", rec: str = "") -> list[str]:
    cols = dict.fromkeys(TABLES["episodes"], "")
    cols.update(CHILD=child, DECOM=decom, RNE="S", LS="C2", CIN="N1", PLACE=place, DEC=dec,
                REC=rec)  # fmt: skip
    return list(cols.values())


def test_903_tables_are_recognised_by_their_headers(tmp_path: Path) -> None:
    # file names say nothing; the column order differs from the specification
    header_cols = ["DOB", "CHILD", "SEX", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
    _csv(tmp_path, "a.csv", header_cols, [["01/02/2015", "C1", "M", "WBRI", "", "", ""]])
    _csv(tmp_path, "b.csv", list(TABLES["episodes"]), [_episode("C1", "01/05/2024", "U4")])
    _csv(tmp_path, "c.csv", ["CHILD", "NOT_A_COLUMN"], [["C1", "x"]])
    ret = load_ssda903(tmp_path)
    assert set(ret.tables) == {"header", "episodes"}
    assert ret.sources == {"header": "a.csv", "episodes": "b.csv"}
    assert ret.year == 2025
    (unmatched,) = ret.issues
    assert unmatched.file == "c.csv"
    assert "match no SSDA903 table" in unmatched.reason
    assert ret.table("episodes").get_column("DECOM").to_list() == [dt.date(2024, 5, 1)]


def test_903_sex_codes_change_in_2024_25(tmp_path: Path) -> None:
    cols = list(TABLES["header"])
    _csv(tmp_path, "header.csv", cols, [["C1", "1", "01/02/2015", "WBRI", "", "", ""],
                                        ["C2", "F", "01/02/2015", "WBRI", "", "", ""]])  # fmt: skip
    old = load_ssda903(tmp_path, year=2024)
    assert [(i.child, i.value) for i in old.issues if i.column == "SEX"] == [("C2", "F")]
    new = load_ssda903(tmp_path, year=2025)
    (issue,) = [i for i in new.issues if i.column == "SEX"]
    assert (issue.child, issue.value, issue.row) == ("C1", "1", 2)
    assert "M, F or U from 2024-25" in issue.reason


def test_903_placement_codes_of_2025_26(tmp_path: Path) -> None:
    rows = [_episode("C1", "01/05/2025", "Z1"), _episode("C2", "01/05/2025", "Z12")]
    _csv(tmp_path, "episodes.csv", list(TABLES["episodes"]), rows)
    before = load_ssda903(tmp_path, year=2025)
    assert [i.value for i in before.issues if i.column == "PLACE"] == ["Z12"]
    after = load_ssda903(tmp_path)  # the year of the latest episode: 2025-26
    assert after.year == 2026
    assert [i.value for i in after.issues if i.column == "PLACE"] == ["Z1"]


def test_903_unreadable_file_is_fatal(tmp_path: Path) -> None:
    (tmp_path / "episodes.csv").write_bytes("CHILD,DECOM\n".encode("utf-16"))
    with pytest.raises(ReturnError, match="UTF-16"):
        load_ssda903(tmp_path)
    with pytest.raises(ReturnError, match="no CSV file"):
        load_ssda903([])
