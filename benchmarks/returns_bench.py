"""Reading, checking and measuring the statutory returns: 4 sizes, with the DfE validators beside.

For each size, the time to read the CIN census (streamed XML, schema checks) and compute the DC
measures, and to read the SSDA903 tables (header recognition, checks) and compute the DL
measures; the ratio of each size's time to the smallest size's (in the same run) shows whether
the cost grows with the file (a ratio near the size ratio) or faster. Goals (issue 16): 20,000
children's CIN census in 5 s or less; 50,000 903 episodes in 3 s or less.

The returns are the synthetic Anyshire ones (scale 1, seed 7), copied as many times as the size
needs with the IDs suffixed, so every size holds the same mix of records. With
``--validators`` the DfE validators (``.venv-validators``, ADR 0022) run on the smaller sizes
too (they take minutes beyond that).

    .venv/bin/python benchmarks/returns_bench.py [--validators] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from csc_measures.returns import load_cin, load_ssda903
from csc_measures.returns.compute import compute_returns
from csc_measures.returns.ssda903 import TABLES
from csc_measures.returns.validate import ValidatorsUnavailableError, run_validators
from csc_measures.synth.returns import SSDA903_FILES, cin_xml, ssda903_tables
from csc_measures.synth.simulate import simulate

AS_OF = dt.date(2025, 3, 31)
CIN_SIZES = (2_500, 5_000, 10_000, 20_000)  # children
EPISODE_SIZES = (6_250, 12_500, 25_000, 50_000)  # episodes


def _best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def write_cin(template: str, children: int, path: Path) -> int:
    """The census with its ``<Child>`` records copied (IDs suffixed) up to ``children``."""
    head, _, rest = template.partition("<Children>\n")
    body, _, tail = rest.partition("</Children>")
    records = [r for r in body.split("\n") if r.startswith("<Child>")]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(head + "<Children>\n")
        copy = 0
        while written < children:
            for record in records:
                if written == children:
                    break
                renamed = rf"<LAchildID>\1C{copy}</LAchildID>"
                out.write(re.sub(r"<LAchildID>(\w+)</LAchildID>", renamed, record, count=1))
                out.write("\n")
                written += 1
            copy += 1
        out.write("</Children>" + tail)
    return written


def write_903(tables: dict[str, list[list[str]]], episodes: int, folder: Path) -> int:
    """The tables copied (CHILD suffixed) until the episodes reach ``episodes``."""
    folder.mkdir(parents=True, exist_ok=True)
    per_copy = len(tables["episodes"])
    copies = -(-episodes // per_copy)
    for name, rows in tables.items():
        with (folder / SSDA903_FILES[name]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(TABLES[name])
            limit = episodes if name == "episodes" else None
            n = 0
            for copy in range(copies):
                for row in rows:
                    if limit is not None and n == limit:
                        break
                    writer.writerow([f"{row[0]}C{copy}", *row[1:]])
                    n += 1
    return episodes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--validators", action="store_true", help="run the DfE validators too")
    args = parser.parse_args()
    la = simulate(as_of=AS_OF, months=12, scale=1, seed=7)
    template = cin_xml(la, as_of=AS_OF, seed=7)
    tables = ssda903_tables(la, as_of=AS_OF, seed=7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print("CIN census: read + check + DC measures")
        base = None
        for size in CIN_SIZES:
            path = root / f"cin_{size}.xml"
            write_cin(template, size, path)

            def run_cin(path: Path = path) -> None:
                census = load_cin(path)
                compute_returns(cin=census, with_ids=True)

            seconds = _best(run_cin, args.repeat)
            base = base or seconds / size
            mb = path.stat().st_size / 1e6
            extra = ""
            if args.validators and size <= 2_500:
                started = time.perf_counter()
                try:
                    run_validators("cin", path, 2025)
                    extra = f"; DfE validator {time.perf_counter() - started:.1f} s"
                except ValidatorsUnavailableError as exc:
                    extra = f"; DfE validator not run ({exc})"
            print(
                f"  {size:>6} children ({mb:5.1f} MB): {seconds:6.2f} s, "
                f"x{seconds / (base * size):.2f} per child vs the smallest{extra}"
            )
        print("SSDA903: read + check + DL measures")
        base = None
        for size in EPISODE_SIZES:
            folder = root / f"903_{size}"
            write_903(tables, size, folder)

            def run_903(folder: Path = folder) -> None:
                ret = load_ssda903(folder, year=2025)
                compute_returns(ssda903=ret, with_ids=True)

            seconds = _best(run_903, args.repeat)
            base = base or seconds / size
            extra = ""
            if args.validators and size <= 12_500:
                started = time.perf_counter()
                try:
                    run_validators("ssda903", folder, 2025)
                    extra = f"; DfE validator {time.perf_counter() - started:.1f} s"
                except ValidatorsUnavailableError as exc:
                    extra = f"; DfE validator not run ({exc})"
            print(
                f"  {size:>6} episodes: {seconds:6.2f} s, "
                f"x{seconds / (base * size):.2f} per episode vs the smallest{extra}"
            )


if __name__ == "__main__":
    main()
