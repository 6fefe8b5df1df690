"""The figure store: the one place that reads stored figures and the files kept beside them.

Every import stores, per measure, month and unit, the figure its extract gave; successive
monthly extracts overlap, so one month can have several. **The latest extract wins**: the one
with the latest extract date, and of two imports of the same date the later import. Every page,
export, the API and the other apps read figures through this module, so that rule is written
once (``LATEST_FIRST``). The children behind each import's figures and its normalised lists are
files in private storage (``sightline.kernel.storage``, never web-served); their paths come
from here too.

Units are ``la`` (the whole authority) or ``team:<Allocated Team>`` as the extract names the
team; a locality (``locality:<id>``) is read as the sum of its teams (``units_for``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db.models import Q, QuerySet

from csc_measures import REGISTRY
from sightline.kernel.storage import private_path
from sightline.organisation.models import Authority
from sightline.organisation.units import figure_units

from .models import AnnexAImport, StoredMeasureValue

#: The one tie-break: of several figures for a measure, month and unit, the first wins.
LATEST_FIRST = ("-annex_import__extract_date", "-annex_import_id")
#: Figures of teams the extract did not allocate (never a team of the organisation).
UNALLOCATED = "team:(unallocated)"


@dataclass(frozen=True)
class Point:
    """One month of a series."""

    period: str
    numerator: int
    denominator: int | None
    value: float | None


@dataclass(frozen=True)
class StoredFigure:
    """The winning figure for one measure, month and unit, and the import it came from."""

    measure_id: str
    period: str
    unit: str
    numerator: int
    denominator: int | None
    value: float | None
    extract_date: date
    children_file: str


def imported(*, authority: Authority) -> QuerySet[StoredMeasureValue]:
    """Every stored figure of the authority's imports that are in use."""
    return StoredMeasureValue.objects.filter(
        authority=authority, annex_import__status=AnnexAImport.Status.IMPORTED
    )


def latest(
    *,
    authority: Authority,
    measure_ids: Iterable[str] | None = None,
    units: Iterable[str] | None = None,
    period: str | None = None,
    period_from: str | None = None,
    period_to: str | None = None,
    teams_only: bool = False,
    with_parts: bool = True,
    extracted_before: date | None = None,
) -> Iterator[StoredFigure]:
    """The winning figure for each measure, month and unit asked for, ordered by measure,
    month and unit. ``with_parts=False`` leaves out the part figures (``CP04:...``);
    ``extracted_before`` reads only extracts taken before that date (what would show if the
    imports of that date were not used)."""
    rows = imported(authority=authority)
    if extracted_before is not None:
        rows = rows.filter(annex_import__extract_date__lt=extracted_before)
    if measure_ids is not None:
        rows = rows.filter(measure_id__in=list(measure_ids))
    if units is not None:
        rows = rows.filter(unit__in=list(units))
    if teams_only:
        rows = rows.filter(unit__startswith="team:")
    if period is not None:
        rows = rows.filter(period=period)
    if period_from:
        rows = rows.filter(period__gte=period_from)
    if period_to:
        rows = rows.filter(period__lte=period_to)
    if not with_parts:
        rows = rows.exclude(measure_id__contains=":")
    last: tuple[str, str, str] | None = None
    for row in (
        rows.order_by("measure_id", "period", "unit", *LATEST_FIRST)
        .values_list(
            "measure_id",
            "period",
            "unit",
            "numerator",
            "denominator",
            "value",
            "annex_import__extract_date",
            "annex_import__children_file",
        )
        .iterator(chunk_size=5000)
    ):
        key = (row[0], row[1], row[2])
        if key == last:
            continue  # an older extract's figure for the same month
        last = key
        yield StoredFigure(*row)


def extract_dates(*, authority: Authority, measure_id: str, units: list[str]) -> dict[str, date]:
    """For each month of a measure, the extract date its shown figure came from (for several
    units, such as a locality's teams, the newest of them)."""
    dates: dict[str, date] = {}
    for f in latest(authority=authority, measure_ids=[measure_id], units=units):
        dates[f.period] = max(dates.get(f.period, f.extract_date), f.extract_date)
    return dates


def latest_period(*, authority: Authority, measure_id: str) -> str | None:
    """The newest month with a figure for the measure."""
    return (
        imported(authority=authority)
        .filter(measure_id=measure_id)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )


def team_units(*, authority: Authority) -> list[str]:
    """Every ``team:<name>`` unit found in the authority's figures, by name."""
    return list(
        imported(authority=authority)
        .filter(unit__startswith="team:")
        .filter(~Q(unit=UNALLOCATED))
        .values_list("unit", flat=True)
        .distinct()
        .order_by("unit")
    )


def units_for(*, authority: Authority, unit: str) -> list[str]:
    """``la``, ``team:<name>`` or ``locality:<id>`` → the stored units to read (none for a
    key that names no unit)."""
    return list(figure_units(authority=authority, key=unit) or ())


def series(
    *, authority: Authority, units: list[str], measure_id: str | None = None
) -> dict[str, tuple[Point, ...]]:
    """Every measure's (or one measure's) monthly series for the given units (summed when there
    are several: a locality is the sum of its teams' numerators and denominators)."""
    figures = latest(
        authority=authority,
        units=units,
        measure_ids=None if measure_id is None else [measure_id],
        with_parts=False,
    )
    if len(units) == 1:
        single: dict[str, list[Point]] = defaultdict(list)
        for f in figures:
            single[f.measure_id].append(Point(f.period, f.numerator, f.denominator, f.value))
        return {m: tuple(points) for m, points in single.items()}
    summed: dict[str, dict[str, list[int | None]]] = defaultdict(dict)
    for f in figures:
        acc = summed[f.measure_id].setdefault(f.period, [0, None])
        acc[0] = (acc[0] or 0) + f.numerator
        if f.denominator is not None:
            acc[1] = (acc[1] or 0) + f.denominator
    out: dict[str, tuple[Point, ...]] = {}
    for key_measure, by_period in summed.items():
        spec = REGISTRY.get(key_measure)
        points = []
        for period, (num_total, den_total) in sorted(by_period.items()):
            num = int(num_total or 0)
            total: float | None
            if spec is not None and spec.kind == "ratio":
                total = None if not den_total else round(100 * num / den_total, 4)
            elif den_total:  # an average such as WF01: children per worker
                total = round(num / den_total, 4)
            else:
                total = float(num)
            points.append(Point(period, num, den_total, total))
        out[key_measure] = tuple(points)
    return out


# The files kept beside each import's figures ------------------------------------------------


def children_file_for(import_pk: int) -> str:
    """The name, in private storage, of the children behind an import's figures."""
    return f"imports/{import_pk}-children.parquet"


def lists_dir_for(children_file: str) -> str:
    """Where an import keeps its normalised lists, beside the children behind its figures."""
    return children_file.removesuffix("-children.parquet") + "-lists"


def lists_path(children_file: str) -> Path:
    """The folder of an import's normalised lists (``list_<n>.parquet``)."""
    return private_path(lists_dir_for(children_file))


def imported_lists(
    *, authority: Authority, after: date | None = None, until: date | None = None
) -> list[tuple[date, Path]]:
    """The imported extracts that kept their normalised lists: each extract date with the
    folder of its ``list_<n>.parquet`` files, oldest first (optionally only extracts after
    ``after`` and up to ``until``)."""
    imports = AnnexAImport.objects.filter(
        authority=authority, status=AnnexAImport.Status.IMPORTED
    ).exclude(children_file="")
    if after is not None:
        imports = imports.filter(extract_date__gt=after)
    if until is not None:
        imports = imports.filter(extract_date__lte=until)
    return [
        (imp.extract_date, lists_path(imp.children_file))
        for imp in imports.order_by("extract_date", "pk")
    ]


def teams_recording(*, authority: Authority) -> dict[str, list[str]]:
    """Measure ID → the teams (by name, as the extracts write them) with a figure for it in
    any month: who records each measure (a team's page folds away the measures it never
    records and says who does)."""
    out: dict[str, list[str]] = defaultdict(list)
    for measure_id, unit in (
        imported(authority=authority)
        .filter(unit__startswith="team:")
        .exclude(unit=UNALLOCATED)
        .exclude(measure_id__contains=":")
        .values_list("measure_id", "unit")
        .distinct()
        .order_by("measure_id", "unit")
    ):
        out[measure_id].append(unit.removeprefix("team:"))
    return dict(out)
