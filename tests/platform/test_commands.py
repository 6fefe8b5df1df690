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


SIGHTLINE = ROOT / ".venv" / "bin" / "sightline"


def test_the_installed_sightline_command_runs_the_engine(tmp_path: Path) -> None:
    help_run = subprocess.run(  # noqa: S603 - our own installed command
        [str(SIGHTLINE), "measures", "--help"], capture_output=True, text=True, check=False
    )
    assert help_run.returncode == 0, help_run.stderr
    assert help_run.stdout.startswith("usage: sightline measures")
    folder = tmp_path / "annex-a"
    made = subprocess.run(  # noqa: S603
        [
            str(SIGHTLINE),
            "synth",
            "annex-a",
            "--out",
            str(folder),
            "--format",
            "csv",
            "--as-of",
            "2025-03-31",
            "--months",
            "3",
            "--scale",
            "0.05",
            "--seed",
            "3",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    out = tmp_path / "figures.csv"
    run = subprocess.run(  # noqa: S603
        [
            str(SIGHTLINE),
            "measures",
            "--annex-a",
            str(folder),
            "--as-of",
            "2025-03-31",
            "--out",
            str(out),
            "--measure",
            "FD01",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("measure_id,period,unit,")


def _imports_django(command: str, *args: str) -> bool:
    code = (
        "import sys\n"
        "from config.cli import main\n"
        f"sys.argv = ['sightline', {command!r}, *{list(args)!r}]\n"
        "status = main()\n"
        "print(status, 'django' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    run = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    status, loaded = run.stdout.strip().splitlines()[-1].split()
    assert status == "0", run.stderr
    return loaded == "True"


def test_engine_commands_do_not_start_django(tmp_path: Path) -> None:
    assert not _imports_django("measures", "catalogue", "--out", str(tmp_path / "catalogue.md"))
    assert (tmp_path / "catalogue.md").read_text(encoding="utf-8").strip()
    assert not _imports_django(
        "synth",
        "annex-a",
        "--out",
        str(tmp_path / "a"),
        "--format",
        "csv",
        "--as-of",
        "2025-03-31",
        "--months",
        "1",
        "--scale",
        "0.02",
        "--seed",
        "1",
    )
    assert (tmp_path / "a" / "list_1.csv").exists()


def test_other_commands_still_go_to_django() -> None:
    run = sightline("help", "measures")
    assert run.returncode == 0, run.stderr
    assert "Compute the measure catalogue" in run.stdout


def test_the_django_management_commands_still_run_the_engine(tmp_path: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = tmp_path / "catalogue.md"
    run = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "django", "measures", "catalogue", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").strip()
