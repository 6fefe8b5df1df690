"""Command line of the measures engine (exposed as ``sightline measures …``).

    measures --annex-a PATH --as-of YYYY-MM-DD [--period-start YYYY-MM-DD] --out FILE.csv
             [--measure ID ...] [--keep-going] [--mapping FILE]
    measures [--annex-a PATH] [--cin FILE.xml] [--ssda903 FOLDER] --as-of YYYY-MM-DD
             --out FILE.csv [--compare-dfe CODE]   (the returns' DfE-definition measures too)
    measures catalogue --out docs/measures.md
    measures templates --out docs/annex-a-templates.md

Exit status: 0 on success; 1 when the input is bad (every problem is printed on stderr, one line
each, naming list, row, column and value, and nothing is written); 2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from csc_measures import measures as _measures  # noqa: F401  (registers the catalogue)
from csc_measures.catalogue import render_catalogue
from csc_measures.compute import CatalogueResult, compute_catalogue, write_results_csv
from csc_measures.ingest.annex import load_annex_a
from csc_measures.issues import AnnexAError, Issue
from csc_measures.mapping import read_mapping_file
from csc_measures.templates import render_templates_doc

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _measures_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Compute the Sightline measure catalogue from an Ofsted Annex A and write "
            "measure_id,period,unit,numerator,denominator,value as CSV. "
            f"Use '{prog} catalogue --out FILE.md' to write the catalogue documentation."
        ),
    )
    parser.add_argument(
        "--annex-a",
        type=Path,
        help="Annex A workbook (.xlsx) or folder of per-list CSV files",
    )
    parser.add_argument("--cin", type=Path, help="CIN census XML (the DC measures)")
    parser.add_argument(
        "--ssda903", type=Path, help="folder of the SSDA903 CSV tables (the DL measures)"
    )
    parser.add_argument(
        "--cin-previous",
        type=Path,
        action="append",
        metavar="FILE.xml",
        help="an earlier year's CIN census, for the referrals and plans before this year "
        "(repeatable)",
    )
    parser.add_argument(
        "--ssda903-previous",
        type=Path,
        action="append",
        metavar="FOLDER",
        help="an earlier year's SSDA903 tables, for the episodes before this year (repeatable)",
    )
    parser.add_argument(
        "--compare-dfe",
        metavar="CODE",
        help="print each returns figure beside the DfE's published figure for this authority "
        "(DfE 3-digit code) and England",
    )
    parser.add_argument("--as-of", required=True, type=_date, help="extract date, YYYY-MM-DD")
    parser.add_argument(
        "--period-start",
        type=_date,
        default=None,
        help="first day the lists cover (default: the day after as-of minus 12 months)",
    )
    parser.add_argument("--out", required=True, type=Path, help="CSV file to write")
    parser.add_argument(
        "--measure",
        action="append",
        dest="measure_ids",
        metavar="ID",
        help="compute only this measure (repeatable; default: the whole catalogue)",
    )
    parser.add_argument(
        "--mapping",
        type=Path,
        default=None,
        metavar="FILE",
        help=(
            "the council's renamed columns: a CSV file with the columns list,header,column "
            'or a JSON file {"<list>": {"<header>": "<template column>"}} '
            "(docs/performance-imports.md)"
        ),
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="write the figures even when rows were rejected (problems are still printed)",
    )
    return parser


def _catalogue_parser(prog: str, *, templates: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{prog} templates" if templates else f"{prog} catalogue",
        description=(
            "Write the Annex A templates page (Markdown) from csc_measures.templates."
            if templates
            else "Write the measure catalogue (Markdown) from the registry."
        ),
    )
    parser.add_argument("--out", required=True, type=Path, help="Markdown file to write")
    return parser


def _print_problems(problems: Sequence[Issue], stream: TextIO) -> None:
    for problem in problems:
        stream.write(f"{problem.describe()}\n")


def _write_text_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_catalogue(argv: Sequence[str], prog: str, *, templates: bool = False) -> int:
    """Write the measure catalogue (or, with ``templates``, the Annex A templates page)."""
    args = _catalogue_parser(prog, templates=templates).parse_args(argv)
    out: Path = args.out
    if not out.parent.is_dir():
        sys.stderr.write(f"error: folder {out.parent} does not exist\n")
        return EXIT_BAD_INPUT
    _write_text_atomically(out, render_templates_doc() if templates else render_catalogue())
    return EXIT_OK


def run_measures(argv: Sequence[str], prog: str) -> int:
    parser = _measures_parser(prog)
    args = parser.parse_args(argv)
    if not (args.annex_a or args.cin or args.ssda903):
        parser.error("give --annex-a, --cin or --ssda903 (or several)")
    out: Path = args.out
    if not out.parent.is_dir():
        sys.stderr.write(f"error: folder {out.parent} does not exist\n")
        return EXIT_BAD_INPUT
    if args.cin or args.ssda903:
        from csc_measures.returns.cli import run_returns

        return run_returns(args, annex_a=_annex_a_results if args.annex_a else None)
    result = _annex_a_results(args)
    if isinstance(result, int):
        return result
    write_results_csv(result, out)
    return EXIT_OK


def _annex_a_results(args: argparse.Namespace) -> CatalogueResult | int:
    """The Annex A figures, or the exit status when the input is bad."""
    try:
        mapping = None if args.mapping is None else read_mapping_file(args.mapping)
        annex = load_annex_a(
            args.annex_a, as_of=args.as_of, period_start=args.period_start, mapping=mapping
        )
    except AnnexAError as exc:
        _print_problems(exc.problems, sys.stderr)
        return EXIT_BAD_INPUT
    _print_problems(annex.issues, sys.stderr)
    errors = annex.errors
    if errors and not args.keep_going:
        sys.stderr.write(
            f"{len(errors)} error(s) in the input: nothing written "
            "(fix them, or use --keep-going to compute without the rejected rows)\n"
        )
        return EXIT_BAD_INPUT
    try:
        # The results CSV holds the figures only: the IDs behind them need not be listed.
        result = compute_catalogue(annex, measure_ids=args.measure_ids, with_ids=False)
    except KeyError as exc:
        sys.stderr.write(f"error: {exc.args[0]}\n")
        return EXIT_USAGE
    for missing in result.not_computable:
        sys.stderr.write(f"{missing.measure_id} not computable: {missing.reason}\n")
    return result


def main(argv: Sequence[str] | None = None, *, prog: str = "sightline measures") -> int:
    """Entry point. ``argv`` are the arguments after the command name."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "catalogue":
            return run_catalogue(args[1:], prog)
        if args and args[0] == "templates":
            return run_catalogue(args[1:], prog, templates=True)
        return run_measures(args, prog)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
