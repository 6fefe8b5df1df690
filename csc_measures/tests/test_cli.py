"""The engine's command line: the CSV it writes, bad input, and the catalogue document."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from csc_measures import compute_catalogue, load_annex_a
from csc_measures.catalogue import render_catalogue
from csc_measures.cli import main
from csc_measures.compute import format_value
from csc_measures.schema import LISTS

REPO = Path(__file__).resolve().parents[2]


def _write_lists(
    folder: Path, overrides: dict[int, str] | None = None, skip: tuple[int, ...] = ()
) -> Path:
    folder.mkdir(exist_ok=True)
    for n, spec in LISTS.items():
        if n in skip:
            continue
        headers = [c.name for c in spec.columns if not c.optional]
        text = (overrides or {}).get(n, ",".join(f'"{h}"' for h in headers) + "\n")
        (folder / f"list_{n}.csv").write_text(text, encoding="utf-8")
    return folder


GOOD_REFERRALS = (
    "Child Unique ID,Date of Referral,Referral NFA?,"
    "Number of Referrals in Last 12 Months,Allocated Team\n"
    'A,01/04/2024,a) Yes,0,"North, East"\n'
    "B,02/04/2024,b) No,1,\n"
    "C,03/04/2024,b) No,0,Team B\n"
)


def test_measures_csv_has_the_exact_columns_and_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _write_lists(tmp_path / "annex", {3: GOOD_REFERRALS})
    out = tmp_path / "out.csv"
    code = main(["--annex-a", str(folder), "--as-of", "2025-03-31", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["measure_id", "period", "unit", "numerator", "denominator", "value"]
    by_key = {(r[0], r[1], r[2]): r[3:] for r in rows[1:]}
    assert by_key[("FD02", "2024-04", "la")] == ["3", "", "3"]
    assert by_key[("FD02", "2024-04", "team:North, East")] == ["1", "", "1"]
    assert by_key[("FD02", "2024-04", "team:(unallocated)")] == ["1", "", "1"]
    assert by_key[("FD05", "2024-04", "la")] == ["1", "3", "33.3333"]
    assert by_key[("FD04", "2024-04", "la")] == ["1", "3", "33.3333"]
    assert by_key[("FD05", "2024-05", "la")] == ["0", "0", ""]
    assert by_key[("WF01", "2025-03", "la")] == ["0", "0", ""]
    assert {r[1] for r in rows[1:]} == {f"2024-{m:02d}" for m in range(4, 13)} | {
        "2025-01",
        "2025-02",
        "2025-03",
    }
    assert not any(r[0] == "FD06" for r in rows)


def test_results_keep_the_children_behind_each_figure_in_parquet(tmp_path: Path) -> None:
    folder = _write_lists(tmp_path / "annex", {3: GOOD_REFERRALS})
    result = compute_catalogue(
        load_annex_a(folder, as_of=dt.date(2025, 3, 31)), measure_ids=["FD05"]
    )
    result.write_parquet(tmp_path / "figures.parquet")
    back = pl.read_parquet(tmp_path / "figures.parquet")
    row = back.filter((pl.col("period") == "2024-04") & (pl.col("unit") == "la")).row(0, named=True)
    assert row["numerator_ids"] == ["A"]
    assert row["denominator_ids"] == ["A", "B", "C"]
    (value,) = [v for v in result.values() if v.period == "2024-04" and v.unit == "la"]
    assert value.numerator_ids.to_list() == ["A"]
    assert value.denominator_ids is not None
    assert value.denominator_ids.to_list() == ["A", "B", "C"]


def test_period_start_option_sets_the_first_month(tmp_path: Path) -> None:
    folder = _write_lists(tmp_path / "annex", {3: GOOD_REFERRALS})
    out = tmp_path / "out.csv"
    args = [
        "--annex-a",
        str(folder),
        "--as-of",
        "2025-03-31",
        "--period-start",
        "2025-01-15",
        "--out",
        str(out),
    ]
    assert main(args) == 0
    periods = {line.split(",")[1] for line in out.read_text().splitlines()[1:]}
    assert periods == {"2025-01", "2025-02", "2025-03"}


def test_not_computable_measures_are_explained_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_list_9 = (
        "Child Unique ID,Date of Birth,LA in Touch,Activity Status,Suitability of Accommodation\n"
    )
    folder = _write_lists(tmp_path / "annex", {9: old_list_9})
    out = tmp_path / "out.csv"
    assert main(["--annex-a", str(folder), "--as-of", "2025-03-31", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "CL05 not computable: List 9 has no 'Latest Pathway Plan Review Date' column" in err
    assert "CL06 not computable" in err
    text = out.read_text()
    assert "\nCL05," not in text
    assert "\nCL01," in text


def test_missing_list_exits_non_zero_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _write_lists(tmp_path / "annex", skip=(4, 8))
    out = tmp_path / "out.csv"
    code = main(["--annex-a", str(folder), "--as-of", "2025-03-31", "--out", str(out)])
    assert code != 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[0].startswith("error: List 4")
    assert "list missing" in err[0]
    assert err[1].startswith("error: List 8")
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == []


def test_bad_dates_exit_non_zero_naming_list_row_column_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = (
        "Child Unique ID,Date of Referral,Referral NFA?,Number of Referrals in Last 12 Months\n"
        "A,01/04/2024,Yes,0\n"
        "B,31/02/2024,No,0\n"
        "C,2026-01-01,No,0\n"
    )
    folder = _write_lists(tmp_path / "annex", {3: bad})
    out = tmp_path / "out.csv"
    code = main(["--annex-a", str(folder), "--as-of", "2025-03-31", "--out", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "List 3, row 3, column 'Date of Referral', value '31/02/2024'" in err
    assert "List 3, row 4, column 'Date of Referral', value '2026-01-01'" in err
    assert "2 error(s)" in err
    assert not out.exists()
    # --keep-going computes without the rejected row, still reporting the problems
    assert (
        main(["--annex-a", str(folder), "--as-of", "2025-03-31", "--out", str(out), "--keep-going"])
        == 0
    )
    assert out.exists()


def test_unreadable_workbook_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "annex.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    out = tmp_path / "out.csv"
    assert main(["--annex-a", str(path), "--as-of", "2025-03-31", "--out", str(out)]) == 1
    assert "unreadable workbook" in capsys.readouterr().err
    assert not out.exists()


def test_malformed_csv_exits_non_zero_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ragged = "Child Unique ID,Date of Referral\nA,01/04/2024,Team, with comma\n"
    folder = _write_lists(tmp_path / "annex", {3: ragged})
    out = tmp_path / "out.csv"
    assert main(["--annex-a", str(folder), "--as-of", "2025-03-31", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "List 3" in err
    assert "list_3.csv" in err
    assert "unreadable CSV file" in err
    assert not out.exists()


def test_existing_output_is_left_alone_on_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("previous run\n")
    folder = _write_lists(tmp_path / "annex", skip=(1,))
    assert main(["--annex-a", str(folder), "--as-of", "2025-03-31", "--out", str(out)]) == 1
    assert out.read_text() == "previous run\n"


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--annex-a", str(tmp_path), "--as-of", "31/03/2025", "--out", "x.csv"]) == 2
    assert "is not a date" in capsys.readouterr().err
    assert main([]) == 2
    folder = _write_lists(tmp_path / "annex")
    code = main(
        [
            "--annex-a",
            str(folder),
            "--as-of",
            "2025-03-31",
            "--out",
            str(tmp_path / "o.csv"),
            "--measure",
            "ZZ99",
        ]
    )
    assert code == 2
    assert not (tmp_path / "o.csv").exists()


def test_measure_option_limits_the_output(tmp_path: Path) -> None:
    folder = _write_lists(tmp_path / "annex", {3: GOOD_REFERRALS})
    out = tmp_path / "out.csv"
    assert (
        main(
            [
                "--annex-a",
                str(folder),
                "--as-of",
                "2025-03-31",
                "--out",
                str(out),
                "--measure",
                "FD02",
            ]
        )
        == 0
    )
    assert {line.split(",")[0] for line in out.read_text().splitlines()[1:]} == {"FD02"}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (100.0, "100"),
        (33.333333, "33.3333"),
        (2.5, "2.5"),
        (0.0, "0"),
        (18.00005, "18.0001"),
        (1 / 3 * 1e-5, "0"),
    ],
)
def test_values_have_at_most_four_decimals(value: float | None, text: str) -> None:
    assert format_value(value) == text


def test_catalogue_command_writes_the_registry_catalogue(tmp_path: Path) -> None:
    out = tmp_path / "measures.md"
    assert main(["catalogue", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text == render_catalogue()
    for measure_id in ("FD01", "FD06", "CP10", "LA11", "CL06", "WF03"):
        assert f"### {measure_id}" in text
    assert "| [FD04](#fd04) | Re-referrals within 12 months | ratio | % | ↓ | event | 22% |" in text


def test_committed_catalogue_is_up_to_date() -> None:
    committed = (REPO / "docs" / "measures.md").read_text(encoding="utf-8")
    assert committed == render_catalogue(), (
        "docs/measures.md is stale: run `python -m csc_measures catalogue --out docs/measures.md`"
    )


def test_date_arguments_are_iso(tmp_path: Path) -> None:
    folder = _write_lists(tmp_path / "annex")
    out = tmp_path / "o.csv"
    assert (
        main(
            [
                "--annex-a",
                str(folder),
                "--as-of",
                dt.date(2025, 3, 31).isoformat(),
                "--out",
                str(out),
            ]
        )
        == 0
    )
