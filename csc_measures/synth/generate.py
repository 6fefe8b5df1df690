"""``generate_annex_a``: a synthetic Annex A for the fictional authority Anyshire."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from csc_measures.synth.extract import Row, extract
from csc_measures.synth.layout import DEFAULT_TEMPLATE, TEMPLATE_YEARS, TemplateYear
from csc_measures.synth.simulate import simulate
from csc_measures.synth.write import make_messy, shape, write_csv, write_xlsx

Format = Literal["xlsx", "csv"]
MAX_MONTHS = 120
MAX_SCALE = 50.0


def _check(months: int, scale: float, template: str = DEFAULT_TEMPLATE) -> None:
    if template not in TEMPLATE_YEARS:
        raise ValueError(f"template must be one of {', '.join(TEMPLATE_YEARS)}, not {template!r}")
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be between 1 and {MAX_MONTHS}, not {months}")
    if not 0 < scale <= MAX_SCALE:
        raise ValueError(f"scale must be above 0 and at most {MAX_SCALE:g}, not {scale:g}")


def _finish(
    lists: dict[int, list[Row]], *, seed: int, messy: bool, template: TemplateYear
) -> tuple[dict[int, list[str]], dict[int, list[Row]]]:
    headers, shaped = shape(lists, template)
    if messy:
        headers = make_messy(shaped, headers, seed, template)
    return headers, shaped


def build_lists(
    *,
    as_of: date,
    months: int,
    scale: float,
    seed: int,
    messy: bool = False,
    template: TemplateYear = DEFAULT_TEMPLATE,
) -> tuple[dict[int, list[str]], dict[int, list[Row]]]:
    """Headers and rows of the 11 lists laid out as Ofsted's ``template``, without writing
    them."""
    _check(months, scale, template)
    authority = simulate(as_of=as_of, months=months, scale=scale, seed=seed)
    return _finish(extract(authority, seed=seed), seed=seed, messy=messy, template=template)


def month_ends(as_of: date, count: int) -> list[date]:
    """The last ``count`` extract dates: month ends before ``as_of``, then ``as_of`` itself."""
    dates = [as_of]
    first_of_month = as_of.replace(day=1)
    while len(dates) < count:
        previous_end = first_of_month - timedelta(days=1)
        dates.append(previous_end)
        first_of_month = previous_end.replace(day=1)
    return dates[::-1]


def _write(
    out: Path,
    fmt: Format,
    headers: dict[int, list[str]],
    lists: dict[int, list[Row]],
    template: TemplateYear,
) -> Path:
    if fmt == "xlsx":
        target = out / "annex_a.xlsx" if out.is_dir() else out
        write_xlsx(target, lists, headers, template)
        return target
    write_csv(out, lists, headers)
    return out


def generate_annex_a(
    out: Path,
    *,
    fmt: Format,
    as_of: date,
    months: int,
    scale: float,
    seed: int,
    messy: bool,
    template: TemplateYear = DEFAULT_TEMPLATE,
) -> Path:
    """Simulate Anyshire and write its Annex A extract taken on ``as_of``, laid out as Ofsted's
    ``template`` (``"2024"``, the default, or ``"2019"``): its sheet names and headers, from
    :data:`csc_measures.templates.TEMPLATES` (see :mod:`csc_measures.synth.layout`).

    ``fmt="xlsx"`` writes one workbook at ``out`` (or ``out/annex_a.xlsx`` when ``out`` is an
    existing folder), as the template ships: one sheet per list (``List 1`` … ``List 11``;
    ``List_1`` … in 2019), the title row (``List 1: Contacts``) in row 1 and the headers in
    row 2, real Excel dates. ``fmt="csv"`` writes ``list_1.csv`` … ``list_11.csv`` into the
    folder ``out`` as councils save them: headers in row 1, no title row, dates
    ``dd/mm/yyyy``. With ``template="2019"`` the columns the 2019 template lacks (List 9's
    personal adviser, pathway plan review and latest contact) are left out, so the measures
    that need them are not computable, as with a real 2019 file.
    Event lists cover the ``months`` months to ``as_of`` (from the first day of the first of
    them, which the measures report whole); cases open on ``as_of`` appear
    whatever their start date. ``scale`` 1 is about 1,000 contacts a month. The same
    arguments give byte-identical files. Returns the path written.
    """
    if fmt not in ("xlsx", "csv"):
        raise ValueError(f"format must be xlsx or csv, not {fmt!r}")
    headers, lists = build_lists(
        as_of=as_of, months=months, scale=scale, seed=seed, messy=messy, template=template
    )
    return _write(Path(out), fmt, headers, lists, template)


def generate_annex_a_series(
    out: Path,
    *,
    fmt: Format,
    as_of: date,
    months: int,
    scale: float,
    seed: int,
    messy: bool,
    extracts: int,
    template: TemplateYear = DEFAULT_TEMPLATE,
) -> list[Path]:
    """Monthly extracts of one simulated Anyshire, as successive monthly imports would see it.

    Writes ``extracts`` extracts into the folder ``out``, taken at the end of each month up to
    ``as_of`` (the last one on ``as_of``): ``annex_a_YYYY-MM-DD.xlsx``, or one CSV folder
    ``annex_a_YYYY-MM-DD`` each. Every extract covers the ``months`` months to its own date,
    from the first day of the first of them.
    The children, their journeys and the Allocated Teams are the same in all of them; only
    what is known at each date differs. Laid out as :func:`generate_annex_a` lays them out
    for ``template``. Returns the paths written, oldest first.
    """
    if fmt not in ("xlsx", "csv"):
        raise ValueError(f"format must be xlsx or csv, not {fmt!r}")
    if not 1 <= extracts <= MAX_MONTHS:
        raise ValueError(f"extracts must be between 1 and {MAX_MONTHS}, not {extracts}")
    _check(months, scale, template)
    dates = month_ends(as_of, extracts)
    history = months + (as_of.year - dates[0].year) * 12 + as_of.month - dates[0].month
    authority = simulate(as_of=as_of, months=history, scale=scale, seed=seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for on in dates:
        lists = extract(authority, seed=seed, on=on, months=months)
        headers, lists = _finish(lists, seed=seed + on.toordinal(), messy=messy, template=template)
        name = f"annex_a_{on.isoformat()}" + (".xlsx" if fmt == "xlsx" else "")
        paths.append(_write(out / name, fmt, headers, lists, template))
    return paths
