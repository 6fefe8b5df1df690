"""Command line: ``annex-a --out PATH [--format xlsx|csv] --as-of DATE --months N --scale S
--seed K [--messy] [--monthly N] [--template 2024|2019]`` (exposed by the product as
``sightline synth annex-a …``).

With ``--monthly N``, ``--out`` is a folder that receives N extracts of the same simulated
authority, taken at the end of each month up to ``--as-of``. ``--template`` picks the Ofsted
template whose sheets and headers are written (default 2024)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from csc_measures.synth.generate import (
    MAX_MONTHS,
    MAX_SCALE,
    generate_annex_a,
    generate_annex_a_series,
)
from csc_measures.synth.layout import DEFAULT_TEMPLATE, TEMPLATE_YEARS


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _months(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of months: {text!r}") from None
    if not 1 <= value <= MAX_MONTHS:
        raise argparse.ArgumentTypeError(f"months must be between 1 and {MAX_MONTHS}")
    return value


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= MAX_SCALE:
        raise argparse.ArgumentTypeError(f"scale must be above 0 and at most {MAX_SCALE:g}")
    return value


def build_parser(prog: str = "sightline synth") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Generate synthetic data for the fictional authority Anyshire.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    annex = commands.add_parser(
        "annex-a",
        help="write a synthetic Ofsted Annex A (lists 1-11)",
        description=(
            "Simulate children's journeys through Anyshire and write the Annex A extract "
            "taken on --as-of, laid out as Ofsted's Annex A template: an .xlsx workbook "
            "(title row above the headers, as the template ships), or a folder of list_N.csv "
            "files (headers in row 1)."
        ),
    )
    annex.add_argument("--out", required=True, type=Path, help="workbook path or CSV folder")
    annex.add_argument("--format", choices=("xlsx", "csv"), default="xlsx", dest="fmt")
    annex.add_argument("--as-of", required=True, type=_date, help="extract date, YYYY-MM-DD")
    annex.add_argument(
        "--months", required=True, type=_months, help="months of history in the event lists"
    )
    annex.add_argument(
        "--scale", required=True, type=_scale, help="1 = a mid-sized county (~1,000 contacts/month)"
    )
    annex.add_argument("--seed", required=True, type=int, help="same seed, same bytes")
    annex.add_argument("--messy", action="store_true", help="add the mess of real exports")
    annex.add_argument(
        "--template",
        choices=TEMPLATE_YEARS,
        default=DEFAULT_TEMPLATE,
        help="Ofsted template to lay the lists out in (default %(default)s); 2019 leaves out "
        "the columns it lacks",
    )
    annex.add_argument(
        "--monthly",
        type=_months,
        metavar="N",
        help="write N monthly extracts of the same authority (month ends up to --as-of) "
        "into the folder --out",
    )
    for name, what in (
        ("cin", "the CIN census (XML) for the collection year ending --as-of"),
        ("ssda903", "the SSDA903 return (one CSV per table, into the folder --out)"),
    ):
        ret = commands.add_parser(
            name,
            help=f"write {what}",
            description=(
                f"Simulate Anyshire as 'annex-a' does (the same options give the same "
                f"children) and write {what}."
            ),
        )
        ret.add_argument("--out", required=True, type=Path, help="file (cin) or folder (ssda903)")
        ret.add_argument("--as-of", required=True, type=_date, help="reference date, YYYY-MM-DD")
        ret.add_argument("--months", type=_months, default=12, help="as for annex-a (default 12)")
        ret.add_argument("--scale", required=True, type=_scale, help="1 = a mid-sized county")
        ret.add_argument("--seed", required=True, type=int, help="same seed, same bytes")
        ret.add_argument("--messy", action="store_true", help="add errors the validators catch")
        ret.add_argument(
            "--previous-years",
            type=int,
            default=0,
            metavar="N",
            help="also write the N years before, of the same authority, beside --out "
            "(for --cin-previous / --ssda903-previous)",
        )
    return parser


def _returns(args: argparse.Namespace) -> str:
    from csc_measures.synth.returns import generate_cin, generate_ssda903

    options = {
        "as_of": args.as_of,
        "months": args.months,
        "scale": args.scale,
        "seed": args.seed,
        "messy": args.messy,
        "previous_years": args.previous_years,
    }
    if args.command == "cin":
        return ", ".join(str(p) for p in generate_cin(args.out, **options))
    folders = generate_ssda903(args.out, **options)
    return ", ".join(str(f) for f in folders)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 on success)."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse has printed the problem
        return exc.code if isinstance(exc.code, int) else 2
    started = time.perf_counter()
    if args.command in {"cin", "ssda903"}:
        try:
            written = _returns(args)
        except (OSError, ValueError) as exc:
            print(f"sightline synth {args.command}: {exc}", file=sys.stderr)  # noqa: T201
            return 1
        elapsed = time.perf_counter() - started
        print(f"wrote {written} in {elapsed:.1f} s", file=sys.stderr)  # noqa: T201
        return 0
    options = {
        "fmt": args.fmt,
        "as_of": args.as_of,
        "months": args.months,
        "scale": args.scale,
        "seed": args.seed,
        "messy": args.messy,
        "template": args.template,
    }
    try:
        if args.monthly:
            paths = generate_annex_a_series(args.out, extracts=args.monthly, **options)
            written = f"{len(paths)} extracts into {args.out}"
        else:
            written = str(generate_annex_a(args.out, **options))
    except (OSError, ValueError) as exc:
        print(f"sightline synth annex-a: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    elapsed = time.perf_counter() - started
    print(f"wrote {written} in {elapsed:.1f} s", file=sys.stderr)  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
