"""Workbooks and CSV folders laid out as Ofsted's 2019 and 2024 Annex A templates, as shipped
(title row above the headers, guidance sheets beside the lists) and as councils save them
(headers in row 1, respelt): every measure whose columns the template has is computable."""

from __future__ import annotations

from pathlib import Path

import pytest

from csc_measures import REGISTRY, Severity, compute_catalogue, load_annex_a
from csc_measures.schema import LA_MISSING_EPISODES, LA_RETURN_INTERVIEW
from csc_measures.templates import TEMPLATES
from csc_measures.tests.annex_builders import respelt, same, write_template
from csc_measures.tests.helpers import AS_OF

NOT_PRESENT = "column not present: measures that need it are not computable"
LIST_9_SINCE_2024 = (
    "Allocated Personal Advisor",
    "Latest Pathway Plan Review Date",
    "Latest Date of Contact",
)


def lacking(year: str) -> set[str]:
    """Measures needing a column the template does not have."""
    template = TEMPLATES[year]
    has = {
        (listed.number, c.engine)
        for listed in template.lists
        for c in listed.columns
        if c.engine is not None
    }
    return {
        mid
        for mid, spec in REGISTRY.items()
        if any((n, col) not in has for n, cols in spec.uses.items() for col in cols)
    }


def test_what_each_template_lacks() -> None:
    assert lacking("2024") == set()
    # The 2019 List 9 has no pathway plan review or latest contact date.
    assert lacking("2019") == {"CL05", "CL06"}


CASES = [
    pytest.param(year, shipped, fmt, header, id=f"{year}-{label}-{fmt}-{header.__name__}")
    for year in ("2024", "2019")
    for shipped, label in ((True, "shipped"), (False, "saved"))
    for fmt in ("xlsx", "csv")
    for header in (same, respelt)
]


@pytest.mark.parametrize(("year", "shipped", "fmt", "header"), CASES)
def test_every_measure_the_template_allows_is_computable(
    tmp_path: Path, year: str, shipped: bool, fmt: str, header: object
) -> None:
    assert header is same or header is respelt
    path = write_template(tmp_path, year, shipped=shipped, fmt=fmt, header=header)
    annex = load_annex_a(path, as_of=AS_OF)
    result = compute_catalogue(annex)
    assert {n.measure_id for n in result.not_computable} == lacking(year)
    assert len(REGISTRY) - len(result.not_computable) == (44 if year == "2024" else 42)
    # Nothing to report but the columns the 2019 template does not have: no unknown code, no
    # unknown column, no missing disability in Lists 2 and 3, no title row taken for headers.
    reported = {(i.list_no, i.column, i.reason) for i in annex.issues}
    expected = {(9, col, NOT_PRESENT) for col in LIST_9_SINCE_2024 if year == "2019"}
    assert reported == expected
    # Rows are numbered as in the sheet: the header is row 4 under a title, a blank and a note.
    first_row = 5 if shipped else 2
    assert annex.table(1).get_column("_row").to_list() == [first_row, first_row + 1]


@pytest.mark.parametrize("header", [same, respelt])
def test_list_8_real_missing_and_return_interview_headers_map(
    tmp_path: Path, header: object
) -> None:
    assert header is same or header is respelt
    annex = load_annex_a(write_template(tmp_path, "2024", shipped=True, header=header), as_of=AS_OF)
    table = annex.table(8)
    assert table.get_column(LA_MISSING_EPISODES).to_list() == [1, 1]
    assert table.get_column(LA_RETURN_INTERVIEW).to_list() == [True, True]
    assert not [i for i in annex.issues if i.severity is Severity.WARNING]
