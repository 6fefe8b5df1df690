"""``sightline measures --cin FILE.xml --ssda903 FOLDER …``: the returns' part of the command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import polars as pl

from csc_measures.compute import CatalogueResult, format_value, write_results_csv
from csc_measures.returns.cin import CinCensus, load_cin
from csc_measures.returns.compute import compute_returns
from csc_measures.returns.dfe import published
from csc_measures.returns.issues import ReturnError, ReturnIssue, collection_end_year
from csc_measures.returns.registry import RETURNS_REGISTRY
from csc_measures.returns.ssda903 import Ssda903, load_ssda903

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def _print(issues: tuple[ReturnIssue, ...]) -> None:
    for issue in issues:
        sys.stderr.write(f"{issue.describe()}\n")


def _load(args: argparse.Namespace) -> tuple[CinCensus | None, Ssda903 | None] | int:
    year = collection_end_year(args.as_of)
    cin = ret = None
    try:
        if args.cin:
            cin = load_cin(args.cin)
            if cin.year != year:
                sys.stderr.write(
                    f"warning: the CIN census is for {cin.year_label}, not the collection year "
                    f"of --as-of {args.as_of}: its figures are for {cin.year_label}\n"
                )
        if args.ssda903:
            ret = load_ssda903(args.ssda903, year=year)
        if cin is not None and args.cin_previous:
            cin = cin.with_history([load_cin(p) for p in args.cin_previous])
        if ret is not None and args.ssda903_previous:
            ret = ret.with_history([load_ssda903(p) for p in args.ssda903_previous])
    except ReturnError as exc:
        _print(exc.problems)
        return EXIT_BAD_INPUT
    errors = 0
    for loaded in (cin, ret):
        if loaded is not None:
            _print(loaded.issues)
            errors += len(loaded.errors)
    if errors and not args.keep_going:
        sys.stderr.write(
            f"{errors} error(s) in the returns: nothing written (fix them, or use --keep-going "
            "to compute with the values in error read as blank)\n"
        )
        return EXIT_BAD_INPUT
    return cin, ret


def run_returns(
    args: argparse.Namespace,
    *,
    annex_a: Callable[[argparse.Namespace], CatalogueResult | int] | None,
) -> int:
    """Compute the returns measures (and the Annex A ones with ``annex_a``) into one CSV."""
    wanted = args.measure_ids
    returns_ids = None if wanted is None else [m for m in wanted if m in RETURNS_REGISTRY]
    if wanted is not None:
        args.measure_ids = [m for m in wanted if m not in RETURNS_REGISTRY]
    frames: list[pl.DataFrame] = []
    if annex_a is not None and (wanted is None or args.measure_ids):
        annex_result = annex_a(args)
        if isinstance(annex_result, int):
            return annex_result
        frames.append(annex_result.results)
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    cin, ret = loaded
    if returns_ids is None or returns_ids:
        result = compute_returns(cin=cin, ssda903=ret, measure_ids=returns_ids, with_ids=False)
        for missing in result.not_computable:
            sys.stderr.write(f"{missing.measure_id} not computable: {missing.reason}\n")
        frames.append(result.results)
        if args.compare_dfe:
            write_comparison(result.results, args.compare_dfe)
    write_results_csv(pl.concat(frames) if frames else pl.DataFrame(), args.out)
    return EXIT_OK


def write_comparison(results: pl.DataFrame, dfe_code: str) -> None:
    """Each returns figure beside the DfE's published one, on stdout."""
    sys.stdout.write(f"measure  Sightline  DfE {dfe_code}  England  (collection year)\n")
    for measure_id, period, value in results.select("measure_id", "period", "value").iter_rows():
        year = int(period[:4])
        found = published(measure_id, dfe_code=dfe_code, year=year)
        if found is None:
            theirs = "not published"
        else:
            own = "-" if found.authority is None else format_value(found.authority)
            england = "-" if found.england is None else format_value(found.england)
            theirs = f"{own}  {england}"
        sys.stdout.write(
            f"{measure_id}  {format_value(value) or '-'}  {theirs}  ({year - 1}-{year % 100:02d})\n"
        )
