"""``sightline measures --cin/--ssda903`` and ``sightline validate``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from csc_measures.cli import main as measures_main
from csc_measures.returns.validate import main as validate_main
from csc_measures.returns.validate import validate, validators_python, write_report
from csc_measures.synth.cli import main as synth_main

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free

OPTIONS = ["--as-of", "2025-03-31", "--scale", "0.1", "--seed", "3"]


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("returns")
    assert synth_main(["annex-a", "--out", str(folder / "annex"), "--format", "csv",
                       "--months", "12", *OPTIONS]) == 0  # fmt: skip
    assert synth_main(["cin", "--out", str(folder / "cin.xml"), "--previous-years", "1",
                       *OPTIONS]) == 0  # fmt: skip
    assert synth_main(["ssda903", "--out", str(folder / "903"), "--previous-years", "3",
                       *OPTIONS]) == 0  # fmt: skip
    assert synth_main(["cin", "--out", str(folder / "messy.xml"), "--messy", *OPTIONS]) == 0
    assert synth_main(["ssda903", "--out", str(folder / "messy903"), "--messy", *OPTIONS]) == 0
    return folder


def _rows(path: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {(r["measure_id"], r["period"], r["unit"]): r for r in csv.DictReader(handle)}


def test_measures_writes_annex_a_and_returns_figures_in_one_csv(
    returns: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.csv"
    status = measures_main([
        "--annex-a", str(returns / "annex"), "--cin", str(returns / "cin.xml"),
        "--ssda903", str(returns / "903"), "--as-of", "2025-03-31", "--out", str(out),
        "--compare-dfe", "805",
    ])  # fmt: skip
    assert status == 0
    rows = _rows(out)
    ids = {key[0] for key in rows}
    assert {"FD01", "LA04", "DC01", "DC06", "DL01", "DL14"} <= ids
    # the same simulated children: the 903's 3+ placements is the Annex A's LA04
    dl01, la04 = rows[("DL01", "2025-03", "la")], rows[("LA04", "2025-03", "la")]
    assert (dl01["numerator"], dl01["denominator"]) == (la04["numerator"], la04["denominator"])
    printed = capsys.readouterr().out
    assert "DL02" in printed
    assert "DC01" in printed


def test_earlier_years_give_the_dfe_basis_and_agree_with_the_annex_a(
    returns: Path, tmp_path: Path
) -> None:
    out = tmp_path / "m.csv"
    earlier = [arg for year in ("2023-24", "2022-23", "2021-22")
               for arg in ("--ssda903-previous", str(returns / f"903_{year}"))]  # fmt: skip
    status = measures_main([
        "--annex-a", str(returns / "annex"), "--ssda903", str(returns / "903"), *earlier,
        "--cin", str(returns / "cin.xml"), "--cin-previous", str(returns / "cin_2023-24.xml"),
        "--as-of", "2025-03-31", "--out", str(out),
    ])  # fmt: skip
    assert status == 0
    rows = _rows(out)

    def pair(measure_id: str) -> tuple[str, str]:
        row = rows[(measure_id, "2025-03", "la")]
        return row["numerator"], row["denominator"]

    # with the periods of care seen from their start, long-term stability is the Annex A's
    assert pair("DL02") == pair("LA05")
    assert pair("DL01") == pair("LA04")
    alone = tmp_path / "alone.csv"
    args = ["--cin", str(returns / "cin.xml"), "--as-of", "2025-03-31", "--out", str(alone)]
    assert measures_main(args) == 0
    # an earlier census shows re-referrals whose previous referral closed before the year
    assert int(pair("DC01")[0]) > int(_rows(alone)[("DC01", "2025-03", "la")]["numerator"])


def test_measures_with_one_return_only(returns: Path, tmp_path: Path) -> None:
    out = tmp_path / "cin.csv"
    args = ["--cin", str(returns / "cin.xml"), "--as-of", "2025-03-31", "--out", str(out)]
    assert measures_main([*args, "--measure", "DC02"]) == 0
    assert list(_rows(out)) == [("DC02", "2025-03", "la")]
    assert measures_main(["--as-of", "2025-03-31", "--out", str(out)]) == 2


def test_measures_refuses_a_return_with_errors_unless_keep_going(
    returns: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.csv"
    args = ["--ssda903", str(returns / "messy903"), "--as-of", "2025-03-31", "--out", str(out)]
    assert measures_main(args) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "column 'SEX', value 'X'" in err
    assert measures_main([*args, "--keep-going"]) == 0
    assert out.exists()


def test_validate_schema_only(returns: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate_main(["cin", str(returns / "cin.xml"), "--schema-only"]) == 0
    assert validate_main(["ssda903", str(returns / "messy903"), "--schema-only"]) == 1
    out = capsys.readouterr().out
    assert "DfE validation rules not run" in out
    assert "column 'PLACE', value 'ZZ'" in out
    assert validate_main(["cin", str(returns / "absent.xml")]) == 1


@pytest.mark.once
@pytest.mark.skipif(validators_python() is None, reason="make validators: not installed")
def test_validators_return_the_rule_codes_of_the_mess(returns: Path) -> None:
    cin = validate("cin", returns / "messy.xml")
    assert cin.report is not None, cin.not_run
    assert cin.report.ruleset == "cin2024_25"
    # ReferralSource not a code, no ethnicity, assessment ending before it starts, plan too
    assert {"8866", "4220", "8608", "8925"} <= cin.report.rule_codes()
    wrong_source = [e for e in cin.report.errors if e.rule == "8866"]
    assert {e.table for e in wrong_source} == {"CINdetails"}
    assert all(e.child and e.child.startswith("SYN") for e in wrong_source)
    ret = validate("ssda903", returns / "messy903")
    assert ret.report is not None, ret.not_run
    assert {"101", "146"} <= ret.report.rule_codes()  # sex, placement type
    assert cin.error_count >= 8  # 2 of each kind of mess, each caught
    assert cin.query_count == sum(1 for e in cin.report.errors if e.rule.endswith("Q"))
    by_child = io.StringIO()
    write_report(cin, by_child, by="child")
    (line,) = [
        x for x in by_child.getvalue().splitlines() if x.startswith(f"  {wrong_source[0].child} ")
    ]
    assert "8866" in line
    by_table = io.StringIO()
    write_report(cin, by_table, by="table")
    assert "  CINdetails (" in by_table.getvalue()
    clean = validate("ssda903", returns / "903")
    assert clean.report is not None
    assert not {"101", "146"} & clean.report.rule_codes()
