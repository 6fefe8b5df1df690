"""A council's renamed columns, mapped once: List 5 renamed loses CP01 and CP03 without the
mapping and gives them with it; a mapping never makes two columns one; mapping files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csc_measures import AnnexAError, compute_catalogue, load_annex_a
from csc_measures.cli import main
from csc_measures.mapping import HeaderGaps, header_gaps, read_mapping_file, resolve_mapping
from csc_measures.schema import ICPC_DATE, S47_START
from csc_measures.templates import TEMPLATES
from csc_measures.tests.annex_builders import template_sheets, write_csv_folder, write_sheets
from csc_measures.tests.helpers import AS_OF

RENAMED = {
    "Strategy discussion initiating Section 47 Enquiry Start Date": "S47 Strat Disc Date",
    "Date of Initial Child Protection Conference": "ICPC held on",
}
# As the council writes it: by the template's header, and by the engine's name.
MAPPING = {
    5: {
        "S47 strat disc date": "Strategy discussion initiating Section 47 Enquiry Start Date",
        "ICPC Held On": ICPC_DATE,
    }
}


def renamed_extract(tmp_path: Path, fmt: str, renames: dict[str, str] = RENAMED) -> Path:
    """The 2024 template as a council saves it, with its own List 5 headers."""
    sheets = template_sheets(TEMPLATES["2024"], shipped=False)
    header = sheets["List 5"][0]
    sheets["List 5"][0] = [renames.get(h or "", h) for h in header]
    if fmt == "csv":
        return write_csv_folder(tmp_path / "annex", sheets)
    return write_sheets(tmp_path / "annex.xlsx", sheets)


def not_computable(path: Path, mapping: object = None) -> set[str]:
    annex = load_annex_a(path, as_of=AS_OF, mapping=mapping)  # type: ignore[arg-type]
    return {n.measure_id for n in compute_catalogue(annex).not_computable}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_renamed_list_5_headers_lose_cp01_and_cp03_unless_mapped(tmp_path: Path, fmt: str) -> None:
    path = renamed_extract(tmp_path, fmt)
    assert {"CP01", "CP03"} <= not_computable(path)
    assert not_computable(path, MAPPING) == set()
    annex = load_annex_a(path, as_of=AS_OF, mapping=MAPPING)
    assert annex.table(5).get_column(S47_START).to_list()[0].isoformat() == "2025-02-01"
    # Nothing is reported about List 5's headers once they are mapped.
    assert not [i for i in annex.issues if i.list_no == 5]


def test_the_gaps_a_mapping_can_fill_are_named(tmp_path: Path) -> None:
    path = renamed_extract(tmp_path, "csv")
    annex = load_annex_a(path, as_of=AS_OF)
    gaps = header_gaps(5, annex.headers[5])
    assert gaps.unrecognised == ("S47 Strat Disc Date", "ICPC held on")
    assert gaps.missing == (S47_START, ICPC_DATE)
    assert header_gaps(5, annex.headers[5], MAPPING) == HeaderGaps((), ())


def test_a_mapping_that_makes_two_columns_one_is_an_error_naming_both(tmp_path: Path) -> None:
    # The council's file has the template's ICPC date and its own; it maps its own to it.
    renames = {"Strategy discussion initiating Section 47 Enquiry Start Date": "ICPC held on"}
    path = renamed_extract(tmp_path, "xlsx", renames)
    annex = load_annex_a(path, as_of=AS_OF, mapping={5: {"ICPC held on": ICPC_DATE}})
    (issue,) = [i for i in annex.errors if i.list_no == 5]
    assert issue.column == ICPC_DATE
    assert "'ICPC held on' (by the column mapping)" in issue.reason
    assert "'Date of Initial Child Protection Conference'" in issue.reason
    assert ICPC_DATE not in annex.table(5).columns


def test_a_mapping_to_a_column_the_list_does_not_have_is_refused() -> None:
    with pytest.raises(AnnexAError) as caught:
        resolve_mapping({5: {"Team": "Date of Contact"}, 14: {"x": "y"}})
    reasons = [p.describe() for p in caught.value.problems]
    assert any("List 5" in r and "'Team'" in r and "'Date of Contact'" in r for r in reasons)
    assert any("'14'" in r and "no Annex A list" in r for r in reasons)


def test_mapping_files_in_csv_and_json_say_the_same(tmp_path: Path) -> None:
    as_csv = tmp_path / "mapping.csv"
    as_csv.write_text(
        "list,header,column\n"
        '5,S47 strat disc date,"Strategy discussion initiating Section 47 Enquiry Start Date"\n'
        f"5,ICPC Held On,{ICPC_DATE}\n",
        encoding="utf-8",
    )
    as_json = tmp_path / "mapping.json"
    as_json.write_text(json.dumps({str(k): v for k, v in MAPPING.items()}), encoding="utf-8")
    assert read_mapping_file(as_csv) == read_mapping_file(as_json) == MAPPING
    bad = tmp_path / "bad.csv"
    bad.write_text("list,header\n5,x\n", encoding="utf-8")
    with pytest.raises(AnnexAError, match="list,header,column"):
        read_mapping_file(bad)


def test_the_command_line_takes_a_mapping_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = renamed_extract(tmp_path, "csv")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(MAPPING), encoding="utf-8")
    out = tmp_path / "out.csv"
    base = ["--annex-a", str(path), "--as-of", AS_OF.isoformat(), "--out", str(out)]
    assert main(base) == 0
    assert "CP01 not computable" in capsys.readouterr().err
    assert main([*base, "--mapping", str(mapping)]) == 0
    err = capsys.readouterr().err
    assert "not computable" not in err
    assert "\nCP01,2025-02,la," in "\n" + out.read_text(encoding="utf-8")
