"""The least any reader of an Annex A must do: a baseline for whole-process timings.

    python benchmarks/typed_read.py FOLDER_OF_CSV    # a typed read of every list
    python benchmarks/typed_read.py WORKBOOK.xlsx    # the calamine read of every sheet

For a folder of list CSV files, a **typed read**: polars reads every ``*.csv`` as text, trims
every cell (blank becomes null) and parses every column whose header says "date" as a
dd/mm/yyyy date. For a workbook, the **calamine read**: every sheet read as text with
fastexcel (calamine, the reader the engine uses), one sheet after another, nothing more.
It checks nothing, reports nothing and computes nothing: it is the floor that
``sightline measures`` (the engine's whole catalogue) is measured against by
``measures_bench.py --tables whole``. Prints one line: lists, rows.

It uses polars and fastexcel only, not the engine, so that the floor owes nothing to it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl


def typed_csv(path: Path) -> pl.DataFrame:
    frame = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")
    trimmed = [pl.col(c).str.strip_chars().replace("", None).alias(c) for c in frame.columns]
    frame = frame.with_columns(trimmed)
    dates = [c for c in frame.columns if "date" in c.lower()]
    return frame.with_columns(pl.col(c).str.to_date("%d/%m/%Y", strict=False) for c in dates)


def calamine_sheets(path: Path) -> list[pl.DataFrame]:
    import fastexcel

    reader = fastexcel.read_excel(path)
    return [reader.load_sheet(name, dtypes="string").to_polars() for name in reader.sheet_names]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write(__doc__ or "")
        return 2
    path = Path(argv[0])
    if path.is_dir():
        frames = [typed_csv(p) for p in sorted(path.glob("*.csv"))]
    else:
        frames = calamine_sheets(path)
    print(f"{len(frames)} lists, {sum(f.height for f in frames):,} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
