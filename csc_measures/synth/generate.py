"""``generate_annex_a``: a synthetic Annex A for the fictional authority Anyshire."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from csc_measures.synth import layout
from csc_measures.synth.extract import Row, extract
from csc_measures.synth.simulate import simulate
from csc_measures.synth.write import make_messy, write_csv, write_xlsx

Format = Literal["xlsx", "csv"]
MAX_MONTHS = 120
MAX_SCALE = 50.0


def build_lists(
    *, as_of: date, months: int, scale: float, seed: int, messy: bool = False
) -> tuple[dict[int, list[str]], dict[int, list[Row]]]:
    """Headers and rows of the 11 lists, without writing them."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be between 1 and {MAX_MONTHS}, not {months}")
    if not 0 < scale <= MAX_SCALE:
        raise ValueError(f"scale must be above 0 and at most {MAX_SCALE:g}, not {scale:g}")
    authority = simulate(as_of=as_of, months=months, scale=scale, seed=seed)
    lists = extract(authority, seed=seed)
    headers = make_messy(lists, seed) if messy else {n: list(layout.HEADERS[n]) for n in lists}
    return headers, lists


def generate_annex_a(
    out: Path,
    *,
    fmt: Format,
    as_of: date,
    months: int,
    scale: float,
    seed: int,
    messy: bool,
) -> Path:
    """Simulate Anyshire and write its Annex A extract taken on ``as_of``.

    ``fmt="xlsx"`` writes one workbook (sheets ``List 1`` … ``List 11``, real Excel dates) at
    ``out`` (or ``out/annex_a.xlsx`` when ``out`` is an existing folder); ``fmt="csv"`` writes
    ``list_1.csv`` … ``list_11.csv`` (dates ``dd/mm/yyyy``) into the folder ``out``.
    Event lists cover the ``months`` months to ``as_of``; cases open on ``as_of`` appear
    whatever their start date. ``scale`` 1 is about 1,000 contacts a month. The same
    arguments give byte-identical files. Returns the path written.
    """
    if fmt not in ("xlsx", "csv"):
        raise ValueError(f"format must be xlsx or csv, not {fmt!r}")
    headers, lists = build_lists(as_of=as_of, months=months, scale=scale, seed=seed, messy=messy)
    out = Path(out)
    if fmt == "xlsx":
        target = out / "annex_a.xlsx" if out.is_dir() else out
        write_xlsx(target, lists, headers)
        return target
    write_csv(out, lists, headers)
    return out
