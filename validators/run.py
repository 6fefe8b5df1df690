"""Run the DfE's validators on a return and print their errors as JSON (run by .venv-validators).

    .venv-validators/bin/python validators/run.py cin FILE.xml YEAR
    .venv-validators/bin/python validators/run.py ssda903 FOLDER YEAR

YEAR is the collection year by its closing year (2025 for 2024-25). Prints one JSON object:
``{"validator": …, "ruleset": …, "errors": [{"rule", "message", "table", "child", "columns",
"row"}…], "la_errors": [{"rule", "message"}…], "failed_rules": […]}``. This script runs in
the validators' own environment (pandas < 2), never in Sightline's: it imports nothing of
Sightline's, and Sightline only reads its output.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import math
import sys
from importlib import import_module
from importlib.metadata import version
from pathlib import Path

CIN_RULESETS = {2023: "cin2022_23", 2024: "cin2023_24", 2025: "cin2024_25", 2026: "cin2025_26"}
LAC_RULESETS = {2023: "lac2022_23", 2024: "lac2023_24", 2025: "lac2024_25", 2026: "lac2025_26"}


def _clean(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()  # numpy scalars
    return value if isinstance(value, (int, str)) else str(value)


def run_cin(path: Path, year: int) -> dict[str, object]:
    import xml.etree.ElementTree as ET  # Sightline refused any DOCTYPE before running this

    from cin_validator import cin_validator

    ruleset = CIN_RULESETS.get(year, CIN_RULESETS[max(CIN_RULESETS)])
    registry = import_module(f"cin_validator.rules.{ruleset}").registry
    root = ET.parse(path).getroot()  # noqa: S314
    data = cin_validator.process_data(cin_validator.convert_data(root))
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        validator = cin_validator.CinValidator(data, registry)
    errors = [
        {
            "rule": str(row["rule_code"]),
            "message": str(row["rule_description"]),
            "table": _clean(row["tables_affected"]),
            "child": _clean(row["child_id"]),
            "columns": _clean(row["columns_affected"]),
            "row": _clean(row["row_id"]),
        }
        for _, row in validator.full_issue_df.iterrows()
    ]
    la_errors = [
        {"rule": str(row["rule_code"]), "message": str(row["rule_description"])}
        for _, row in validator.multichild_issues.drop_duplicates().iterrows()
    ]
    failed = [
        line.split()[3].rstrip(":")
        for line in printed.getvalue().splitlines()
        if line.startswith("Error with rule")
    ]
    return {
        "validator": f"csc-validator-be-cin {version('csc-validator-be-cin')}",
        "ruleset": ruleset,
        "errors": errors,
        "la_errors": la_errors,
        "failed_rules": failed,
    }


def run_ssda903(folder: Path, year: int) -> dict[str, object]:
    from lac_validator import lac_validator
    from lac_validator.report import Report

    ruleset = LAC_RULESETS.get(year, LAC_RULESETS[max(LAC_RULESETS)])
    registry = import_module(f"lac_validator.rules.{ruleset}").registry
    files = [
        {"name": p.name, "file_content": p.read_bytes(), "description": "This year"}
        for p in sorted(folder.iterdir())
        if p.suffix.lower() == ".csv"
    ]
    metadata = {"collectionYear": str(year), "localAuthority": "E10000000"}
    validator = lac_validator.LacValidator(metadata=metadata, files=files, registry=registry)
    report = Report(validator.ds_results, registry)
    issues = lac_validator.create_issue_df(report.report, report.error_report)
    errors = [
        {
            "rule": str(row["rule_code"]),
            "message": str(row["rule_description"]),
            "table": _clean(row["tables_affected"]),
            "child": _clean(row["child_id"]),
            "columns": _clean(row["columns_affected"]),
            "row": _clean(row["row_id"]),
        }
        for _, row in issues.iterrows()
    ]
    return {
        "validator": f"csc-validator-be-903 {version('csc-validator-be-903')}",
        "ruleset": ruleset,
        "errors": errors,
        "la_errors": [],
        "failed_rules": list(validator.fails),
    }


def main(argv: list[str]) -> int:
    logging.disable(logging.CRITICAL)  # the validators log every rule at INFO
    if len(argv) != 3 or argv[0] not in {"cin", "ssda903"}:
        sys.stderr.write(__doc__ or "")
        return 2
    kind, target, year = argv[0], Path(argv[1]), int(argv[2])
    with contextlib.redirect_stdout(sys.stderr):
        result = run_cin(target, year) if kind == "cin" else run_ssda903(target, year)
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
