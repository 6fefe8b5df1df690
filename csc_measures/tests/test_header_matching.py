"""Headers matched to Ofsted's templates (folded, never ambiguous), Ofsted's codes, columns in
no template, and the disability column Lists 2 and 3 do not have."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from csc_measures import AnnexA, AnnexAError, Issue, Severity, compute_catalogue, load_annex_a
from csc_measures.schema import (
    ASSESS_SEEN,
    ASSESS_SUPPORT,
    CHILD_ID,
    CL_IN_TOUCH,
    CP_SEEN_ALONE,
    LA_MISSING_EPISODES,
    LA_RETURN_INTERVIEW,
    LISTS,
    normalise_header,
)
from csc_measures.templates import TEMPLATES, header_keys, ofsted_codes
from csc_measures.tests.annex_builders import list_rows, write_csv_folder, write_sheets
from csc_measures.tests.helpers import AS_OF, annex

MISSING_2019 = (
    "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months"
)
RETURN_2019 = "Was the child offered a Return Interview after their last missing episode (Y/N)?"


def reported(loaded: AnnexA) -> list[Issue]:
    """Issues other than the columns these small lists leave out."""
    return [i for i in loaded.issues if not i.reason.startswith("column not present")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (RETURN_2019, "was the child offered a return interview after their last missing episode"),
        (MISSING_2019, MISSING_2019.replace("‘", "'").replace("’", "'")),
        (MISSING_2019, MISSING_2019.replace("‘", "“").replace("’", "”")),
        (MISSING_2019, MISSING_2019.replace("‘", "").replace("’", "")),
        ("Referral NFA?", "REFERRAL\u00a0 NFA"),
        ("Date Ceased to be Looked After ", "date ceased to be looked after."),
        (
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)?",
        ),
        ("LA In Touch ", "LA in Touch:"),
    ],
)
def test_headers_fold_case_spacing_quotes_and_yes_no_marks(a: str, b: str) -> None:
    assert normalise_header(a) == normalise_header(b)


def test_every_template_header_is_known_and_no_key_means_two_columns() -> None:
    for template in TEMPLATES.values():
        for listed in template.lists:
            keys = header_keys(LISTS[listed.number])
            for column in listed.columns:
                for name in (column.header, *column.variants):
                    assert normalise_header(name) in keys, (template.year, name)
                    known = keys[normalise_header(name)]
                    if column.engine is not None:
                        assert known == column.engine, (template.year, name)
                        assert column.engine in LISTS[listed.number].by_name


def test_list_8_real_headers_map_to_the_engine_columns() -> None:
    loaded = annex({8: {CHILD_ID: ["A"], MISSING_2019: ["3"], RETURN_2019: ["a) Yes"]}})
    table = loaded.table(8)
    assert table.get_column(LA_MISSING_EPISODES).to_list() == [3]
    assert table.get_column(LA_RETURN_INTERVIEW).to_list() == [True]


def test_2019_list_4_curly_apostrophe_header_maps() -> None:
    header = "Was the child assessed as requiring LA children’s social care support"
    loaded = annex({4: {CHILD_ID: ["A"], header: ["b) No"]}})
    assert loaded.table(4).get_column(ASSESS_SUPPORT).to_list() == [False]


def test_two_columns_matching_one_column_is_an_error_naming_both() -> None:
    old = "Number of Missing Episodes in the Last 12 Months"
    loaded = annex({8: {CHILD_ID: ["A"], old: ["1"], MISSING_2019: ["2"]}})
    errors = [i for i in loaded.issues if i.severity is Severity.ERROR]
    assert len(errors) == 1
    assert errors[0].column == LA_MISSING_EPISODES
    assert f"'{old}'" in errors[0].reason
    assert f"'{MISSING_2019}'" in errors[0].reason
    assert LA_MISSING_EPISODES not in loaded.table(8).columns  # neither is used
    assert LA_MISSING_EPISODES not in {i.column for i in loaded.warnings}  # reported once
    missing = compute_catalogue(loaded, measure_ids=["LA10"]).not_computable
    assert [n.measure_id for n in missing] == ["LA10"]


def test_two_identifier_columns_stop_the_list() -> None:
    with pytest.raises(AnnexAError) as caught:
        annex({1: {"Child Unique ID": ["A"], "Child ID": ["B"]}})
    (problem,) = caught.value.problems
    assert "'Child Unique ID' and 'Child ID'" in problem.reason


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_header_written_twice_is_an_error_naming_both(tmp_path: Path, fmt: str) -> None:
    sheets: dict[str, list[list[str | None]]] = {}
    for listed in TEMPLATES["2024"].lists:
        headers: list[str | None] = [c.header for c in listed.columns]
        rows = list_rows(listed)
        if listed.number == 7:
            headers.append("Was the Child Seen Alone?")
            rows = [[*row, "a) Yes"] for row in rows]
        sheets[f"List {listed.number}"] = [headers, *rows]
    if fmt == "csv":
        path = write_csv_folder(tmp_path / "lists", sheets)
    else:
        path = write_sheets(tmp_path / "annex.xlsx", sheets)
    loaded = load_annex_a(path, as_of=AS_OF)
    (error,) = loaded.errors
    assert error.list_no == 7
    assert error.column == CP_SEEN_ALONE
    assert "'Was the Child Seen Alone?' and 'Was the Child Seen Alone?'" in error.reason
    assert CP_SEEN_ALONE not in loaded.table(7).columns


def test_ofsted_codes_never_warn() -> None:
    unknown_answers = {
        4: ASSESS_SEEN,
        7: CP_SEEN_ALONE,
        8: LA_RETURN_INTERVIEW,
    }
    lists: dict[int, dict[str, list[str | None]]] = {
        n: {CHILD_ID: ["A", "B", "C"], column: ["a) Yes", "b) No", "c) Unknown"]}
        for n, column in unknown_answers.items()
    }
    in_touch = list(ofsted_codes(9, CL_IN_TOUCH))
    assert "f) Rhom" in in_touch
    lists[9] = {CHILD_ID: [f"L{i}" for i in range(len(in_touch))], CL_IN_TOUCH: in_touch}
    loaded = annex(lists)
    assert reported(loaded) == []
    for n, column in unknown_answers.items():
        assert loaded.table(n).get_column(column).to_list() == [True, False, None]


def test_codes_outside_ofsted_lists_still_warn() -> None:
    loaded = annex(
        {7: {CHILD_ID: ["A"], CP_SEEN_ALONE: ["Maybe"]}, 9: {CHILD_ID: ["B"], CL_IN_TOUCH: ["x"]}}
    )
    assert [(i.list_no, i.value) for i in reported(loaded)] == [(7, "Maybe"), (9, "x")]


def test_columns_in_no_template_are_reported_once_per_list() -> None:
    rows = ["A", "B", "C"]
    loaded = annex(
        {
            1: {CHILD_ID: rows, "Locality": ["N"] * 3, "Worker grade": ["1"] * 3},
            # In the 2019 and 2024 templates, though no measure uses it: not reported.
            8: {CHILD_ID: rows, "URN of Placement": ["SC1"] * 3},
        }
    )
    (issue,) = reported(loaded)
    assert (issue.list_no, issue.row, issue.severity) == (1, 1, Severity.INFO)
    assert issue.value == "'Locality', 'Worker grade'"
    assert loaded.table(1).get_column("Locality").to_list() == ["N"] * 3  # kept


@pytest.mark.parametrize("list_no", [2, 3])
def test_lists_2_and_3_do_not_ask_for_a_disability_column(list_no: int) -> None:
    headers = [c.header for c in TEMPLATES["2024"].by_number[list_no].columns]
    loaded = annex({list_no: pl.DataFrame(schema=dict.fromkeys(headers, pl.String)).to_dict()})
    assert loaded.issues == ()


@pytest.mark.parametrize("year", sorted(TEMPLATES))
def test_no_code_of_ofsted_lists_warns(year: str) -> None:
    """Every code of every column, in every list of the template: not one warning."""
    lists: dict[int, dict[str, list[str | None]]] = {}
    for listed in TEMPLATES[year].lists:
        longest = max(len(c.codes) for c in listed.columns) or 1
        ids = [f"C{i}" for i in range(longest)]
        table: dict[str, list[str | None]] = {listed.columns[0].header: ids}
        for column in listed.columns[1:]:
            if column.codes:
                table[column.header] = [column.codes[i % len(column.codes)] for i in range(longest)]
        lists[listed.number] = table
    assert [i.describe() for i in reported(annex(lists))] == []
