"""`sightline synth` and `sightline measures` reach the engine's command lines."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sightline(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "config.cli_entry", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_synth_then_measures_through_the_sightline_command(tmp_path: Path) -> None:
    folder = tmp_path / "annex-a"
    made = sightline(
        "synth",
        "annex-a",
        "--out",
        str(folder),
        "--format",
        "csv",
        "--as-of",
        "2025-03-31",
        "--months",
        "12",
        "--scale",
        "0.1",
        "--seed",
        "7",
    )
    assert made.returncode == 0, made.stderr
    assert (folder / "list_1.csv").exists()
    out = tmp_path / "measures.csv"
    run = sightline(
        "measures", "--annex-a", str(folder), "--as-of", "2025-03-31", "--out", str(out)
    )
    assert run.returncode == 0, run.stderr
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["measure_id", "period", "unit", "numerator", "denominator", "value"]
    months = {r["period"] for r in rows if r["measure_id"] == "FD01" and r["unit"] == "la"}
    assert months == {f"2024-{m:02d}" for m in range(4, 13)} | {f"2025-{m:02d}" for m in (1, 2, 3)}


def test_measures_on_a_missing_file_fails_names_it_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "never.csv"
    missing = tmp_path / "nope.xlsx"
    run = sightline(
        "measures", "--annex-a", str(missing), "--as-of", "2025-03-31", "--out", str(out)
    )
    assert run.returncode != 0
    assert "nope.xlsx" in run.stderr
    assert not out.exists()
