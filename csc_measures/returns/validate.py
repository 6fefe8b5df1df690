"""The DfE's validation rules on a return, run by the validators in their own environment.

Data to Insight's and Social Finance's validators (``csc-validator-be-cin``, imported as
``cin_validator``; ``csc-validator-be-903``, imported as ``lac_validator``; MIT) are the rules
councils trust before they submit. They pin pandas < 2 and numpy < 1.25, so they live in an
environment of their own, ``.venv-validators`` (``make validators``, pinned by
``validators/uv.lock``; ADR 0022), and run as a subprocess (``validators/run.py``) that prints
every error as JSON with its rule code and the DfE's message. Nothing of theirs is imported
here.

    sightline validate cin FILE.xml [--json]
    sightline validate ssda903 FOLDER [--year 2025] [--json]

The report comes by rule (code, message, how many, the children and tables), after the
reader's own schema checks. Rules whose code ends in Q are the DfE's queries (to check or
explain), counted apart. Exit status: 0 when there is no error (queries allowed), 1 when there
are errors (or the file cannot be read), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from csc_measures.returns.cin import load_cin
from csc_measures.returns.issues import ReturnError, ReturnIssue, collection_year_label
from csc_measures.returns.ssda903 import load_ssda903

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "validators" / "run.py"
DEFAULT_TIMEOUT = 1800.0


class ValidatorsUnavailableError(RuntimeError):
    """The validators' environment is not installed (or failed): the DfE rules were not run."""


@dataclass(frozen=True)
class RuleError:
    """One error of a DfE validation rule: where, and the DfE's message."""

    rule: str
    message: str
    table: str | None
    child: str | None
    columns: tuple[str, ...]
    row: int | None

    @property
    def is_query(self) -> bool:
        """A query (code ending in Q): the DfE asks for a check or an explanation, and the
        return can be submitted with it; every other rule is an error to fix."""
        return self.rule.endswith("Q")


@dataclass(frozen=True)
class ValidationReport:
    validator: str
    ruleset: str
    errors: tuple[RuleError, ...]
    la_errors: tuple[RuleError, ...] = ()
    failed_rules: tuple[str, ...] = ()

    def by_rule(self) -> list[tuple[str, str, list[RuleError]]]:
        """(rule, message, errors), the rules with most errors first."""
        grouped: dict[tuple[str, str], list[RuleError]] = defaultdict(list)
        for error in (*self.la_errors, *self.errors):
            grouped[(error.rule, error.message)].append(error)
        return sorted(
            ((rule, message, errs) for (rule, message), errs in grouped.items()),
            key=lambda item: (-len(item[2]), item[0]),
        )

    def rule_codes(self) -> set[str]:
        return {e.rule for e in (*self.errors, *self.la_errors)}


@dataclass
class Outcome:
    """What ``sightline validate`` found: the reader's issues and the DfE rules' report."""

    kind: str
    target: str
    year: int
    issues: tuple[ReturnIssue, ...] = ()
    report: ValidationReport | None = None
    not_run: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        """Errors: the reader's, and the DfE rules' that are not queries."""
        reader = sum(1 for i in self.issues if i.severity == "error")
        return reader + sum(1 for e in self._rule_errors() if not e.is_query)

    @property
    def query_count(self) -> int:
        return sum(1 for e in self._rule_errors() if e.is_query)

    def _rule_errors(self) -> tuple[RuleError, ...]:
        return (*self.report.errors, *self.report.la_errors) if self.report else ()


def validators_python() -> Path | None:
    """The validators' interpreter: ``SIGHTLINE_VALIDATORS_PYTHON``, else
    ``.venv-validators/bin/python`` beside the project; ``None`` when not installed."""
    configured = os.environ.get("SIGHTLINE_VALIDATORS_PYTHON", "").strip()
    candidate = Path(configured) if configured else ROOT / ".venv-validators" / "bin" / "python"
    return candidate if candidate.exists() else None


def _error(item: dict[str, object]) -> RuleError:
    columns = item.get("columns")
    if isinstance(columns, str):
        cols: tuple[str, ...] = (columns,)
    elif isinstance(columns, list):
        cols = tuple(str(c) for c in columns)
    else:
        cols = ()
    row = item.get("row")
    return RuleError(
        rule=str(item.get("rule")),
        message=str(item.get("message")),
        table=None if item.get("table") is None else str(item.get("table")),
        child=None if item.get("child") is None else str(item.get("child")),
        columns=cols,
        row=row if isinstance(row, int) else None,
    )


def run_validators(
    kind: str, target: Path, year: int, *, timeout: float = DEFAULT_TIMEOUT
) -> ValidationReport:
    """Run the DfE validator for ``kind`` (``cin`` or ``ssda903``) on ``target`` in its own
    environment and return its report. Raises :class:`ValidatorsUnavailableError` when it is not
    installed or does not finish."""
    python = validators_python()
    if python is None:
        raise ValidatorsUnavailableError(
            "the DfE validators are not installed (run 'make validators': they need an "
            "environment of their own, .venv-validators)"
        )
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and script, no shell
            [str(python), str(RUNNER), kind, str(target), str(year)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
    except subprocess.TimeoutExpired:
        raise ValidatorsUnavailableError(
            f"the DfE validator did not finish in {timeout:g} s"
        ) from None
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ValidatorsUnavailableError(f"the DfE validator failed: {tail}")
    data = json.loads(done.stdout)
    return ValidationReport(
        validator=str(data["validator"]),
        ruleset=str(data["ruleset"]),
        errors=tuple(_error(e) for e in data["errors"]),
        la_errors=tuple(_error(e) for e in data.get("la_errors", [])),
        failed_rules=tuple(str(r) for r in data.get("failed_rules", [])),
    )


def validate(
    kind: str,
    target: Path,
    *,
    year: int | None = None,
    run_rules: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> Outcome:
    """Read and check ``target`` (raises :class:`ReturnError` when unreadable), then run the
    DfE's rules on it when ``run_rules`` and the validators are installed."""
    if kind == "cin":
        census = load_cin(target, year=year)
        outcome = Outcome(kind, str(target), census.year, census.issues)
    else:
        ret = load_ssda903(target, year=year)
        outcome = Outcome(kind, str(target), ret.year, ret.issues)
    if run_rules:
        try:
            outcome.report = run_validators(kind, target, outcome.year, timeout=timeout)
        except ValidatorsUnavailableError as exc:
            outcome.not_run = str(exc)
    else:
        outcome.not_run = "the DfE rules were not asked for"
    return outcome


def write_report(
    outcome: Outcome, out: TextIO, *, children_shown: int = 5, by: str = "rule"
) -> None:
    """The report as text: the reader's issues, then the DfE rules by rule (or, with ``by``
    ``child`` or ``table``, the rules broken by each child or in each table)."""
    title = "CIN census" if outcome.kind == "cin" else "SSDA903 return"
    out.write(f"{title} {collection_year_label(outcome.year)}: {outcome.target}\n")
    out.write(f"\nSchema checks (Sightline's reader): {len(outcome.issues)} issue(s)\n")
    for issue in outcome.issues:
        out.write(f"  {issue.describe()}\n")
    if outcome.report is None:
        out.write(f"\nDfE validation rules not run: {outcome.not_run}\n")
    else:
        report = outcome.report
        total = len(report.errors) + len(report.la_errors)
        out.write(
            f"\nDfE validation rules ({report.validator}, ruleset {report.ruleset}): "
            f"{total} error(s) under {len(report.by_rule())} rule(s)\n"
        )
        if by != "rule":
            _write_grouped(report, out, by=by)
        for rule, message, errors in report.by_rule() if by == "rule" else ():
            children = [e.child for e in errors if e.child]
            tables = Counter(e.table for e in errors if e.table)
            distinct = list(dict.fromkeys(children))
            shown = ", ".join(distinct[:children_shown])
            more = max(0, len(distinct) - children_shown)
            out.write(f"  {rule} ({len(errors)}): {message}\n")
            if tables:
                out.write(f"      tables: {', '.join(f'{t} ({n})' for t, n in tables.items())}\n")
            if shown:
                out.write(f"      children: {shown}" + (f" and {more} more" if more else "") + "\n")
        if report.failed_rules:
            out.write(
                f"  (rules that could not run on this file: {', '.join(report.failed_rules)})\n"
            )
    out.write(f"\n{outcome.error_count} error(s), {outcome.query_count} query(ies)\n")


def _write_grouped(report: ValidationReport, out: TextIO, *, by: str) -> None:
    """Each child's (or table's) broken rules: code × how many, most errors first."""
    grouped: dict[str, Counter[str]] = defaultdict(Counter)
    for error in (*report.la_errors, *report.errors):
        key = (error.child if by == "child" else error.table) or "(the whole return)"
        grouped[key][error.rule] += 1
    for key, rules in sorted(grouped.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        listed = ", ".join(f"{rule} x{n}" if n > 1 else rule for rule, n in sorted(rules.items()))
        out.write(f"  {key} ({sum(rules.values())}): {listed}\n")


def outcome_json(outcome: Outcome) -> str:
    report = outcome.report
    return json.dumps(
        {
            "kind": outcome.kind,
            "target": outcome.target,
            "collection_year": collection_year_label(outcome.year),
            "schema_issues": [
                {
                    "file": i.file,
                    "table": i.table,
                    "row": i.row,
                    "child": i.child,
                    "column": i.column,
                    "value": i.value,
                    "reason": i.reason,
                    "severity": str(i.severity),
                }
                for i in outcome.issues
            ],
            "validator": report.validator if report else None,
            "ruleset": report.ruleset if report else None,
            "rules_not_run": outcome.not_run,
            "errors": [e.__dict__ for e in (*report.la_errors, *report.errors)] if report else [],
            "error_count": outcome.error_count,
            "query_count": outcome.query_count,
        },
        default=list,
    )


def main(argv: Sequence[str] | None = None, *, prog: str = "sightline validate") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Check a CIN census or an SSDA903 return against the year's schema and the DfE's "
            "validation rules; print the report by rule. Exit status 1 when it has errors."
        ),
    )
    parser.add_argument("kind", choices=("cin", "ssda903"))
    parser.add_argument("target", type=Path, help="the census XML, or the folder of 903 CSVs")
    parser.add_argument("--year", type=int, help="collection year by its end (2025 = 2024-25)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--by",
        choices=("rule", "child", "table"),
        default="rule",
        help="group the DfE rules' errors by rule (default), child or table",
    )
    parser.add_argument(
        "--schema-only", action="store_true", help="only the reader's checks, not the DfE rules"
    )
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        outcome = validate(args.kind, args.target, year=args.year, run_rules=not args.schema_only)
    except ReturnError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem.describe()}\n")
        return 1
    if args.json:
        sys.stdout.write(outcome_json(outcome) + "\n")
    else:
        write_report(outcome, sys.stdout, by=args.by)
    return 1 if outcome.error_count else 0
