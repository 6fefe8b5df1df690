"""Read the shipped DfE files once and answer benchmark questions for an authority.

Every file is read with polars, all columns as text; a cell that is not a number (DfE's
suppression and not-applicable symbols ``c``, ``x``, ``z``, ``u``, ``k``, ``low``, LAIT's ``-``,
blanks, NaN) is missing, never zero. The selected rows of every mapping are stacked into one
tidy table (measure, area type, area code, year, value); questions about an authority are then
answered from a dictionary built once from that table.

Areas: ``england`` (ONS code ``E92000001``), ``region`` (ONS region code, ``E12…``; Inner and
Outer London appear as ``E13…``) and ``la`` (DfE 3-digit code, ``916`` for Gloucestershire).
An authority's region is the one the May 2025 statistical neighbour model gives it (London for
every London borough). A joint return (the workforce census reports Kingston upon Thames and
Richmond upon Thames as ``314 / 318``, North and West Northamptonshire as ``940 / 941``) is
given to each authority it covers, as DfE's LAIT does; a neighbour mean that includes both
halves counts the joint figure twice.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple, cast

import polars as pl

from csc_measures.benchmarks.mappings import (
    LAIT_FILE,
    MAPPINGS,
    MAPPINGS_BY_ID,
    NEIGHBOURS_FILE,
    POPULATION_FILE,
    BenchmarkMapping,
    Method,
)

AreaType = Literal["la", "region", "england"]

_LEVELS: dict[str, AreaType] = {
    "National": "england",
    "Regional": "region",
    "Local authority": "la",
}
_LAIT_ENGLAND = 970
_LAIT_REGIONS = range(980, 991)
_NEIGHBOUR_COLUMNS = tuple(f"SN_{i}" for i in range(1, 11))


class BenchmarkDataError(ValueError):
    """A shipped file is missing or does not have the shape the mappings expect."""


@dataclass(frozen=True)
class PublishedYear:
    """A DfE year: ``year`` is the calendar year the period ends in (2025 for 2024-25)."""

    year: int
    label: str
    """As DfE writes it: ``2024-25`` (year ending 31 March) or ``2025`` (at a date)."""
    description: str
    """In words: ``year ending 31 March 2025``, ``at 30 September 2025``."""


@dataclass(frozen=True)
class Figure:
    """One published value and its year."""

    value: float
    period: PublishedYear


@dataclass(frozen=True)
class NeighbourMean:
    """The simple mean of the statistical neighbours that have a value that year."""

    value: float
    period: PublishedYear
    neighbours_with_data: int
    neighbours: int
    """How many neighbours the model gives (10)."""


class SeriesPoint(NamedTuple):
    """One year of the chart series; ``None`` where there is no published value."""

    year: int
    own: float | None
    england: float | None
    region: float | None
    sn_mean: float | None


class BenchmarkRow(NamedTuple):
    """A flat record for loading into a database."""

    measure_id: str
    area_type: AreaType
    area_code: str
    year: int
    value: float


@dataclass(frozen=True)
class Authority:
    """An English local authority as the statistical neighbour model (May 2025) lists it."""

    dfe_code: str
    name: str
    region_name: str
    region_code: str
    neighbours: tuple[str, ...]
    """DfE codes of its 10 statistical neighbours, closest first."""


@dataclass(frozen=True)
class Benchmark:
    """One measure for one authority: its own latest value, the comparators, and the series.

    Each comparator is the latest year that comparator has a value, so the years can differ
    (an authority whose latest figure is suppressed shows an older own value beside this year's
    England figure); always show the year with the value.
    """

    mapping: BenchmarkMapping
    authority: Authority
    latest: Figure | None
    england: Figure | None
    region: Figure | None
    sn_mean: NeighbourMean | None
    series: tuple[SeriesPoint, ...]
    """Every year any of the four has a value, oldest first."""

    @property
    def measure_id(self) -> str:
        return self.mapping.measure_id

    def period(self, year: int) -> PublishedYear:
        """The label and description of a series year."""
        return _period(self.mapping, year)


def _period(mapping: BenchmarkMapping, year: int) -> PublishedYear:
    basis = mapping.year_basis
    return PublishedYear(year=year, label=basis.label(year), description=basis.describe(year))


def _number(column: str) -> pl.Expr:
    """Text to float; anything that is not a finite number becomes missing."""
    value = pl.col(column).str.strip_chars().cast(pl.Float64, strict=False)
    return pl.when(value.is_finite()).then(value).otherwise(None)


def _require(path: Path) -> Path:
    if not path.is_file():
        raise BenchmarkDataError(f"{path}: file not found (expected a copy of the DfE file)")
    return path


def _read_csv(path: Path) -> pl.DataFrame:
    frame = pl.read_csv(_require(path), infer_schema_length=0)
    return frame.rename({c: c.lstrip("\ufeff") for c in frame.columns})


def _require_columns(frame: pl.DataFrame, name: str, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise BenchmarkDataError(f"{name}: missing column(s) {', '.join(missing)}")


def _ees_areas(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    """Add area_type, area_code and year to an EES file, keeping only the three levels."""
    _require_columns(
        frame,
        name,
        ["time_period", "geographic_level", "country_code", "region_code", "old_la_code"],
    )
    area_type = pl.col("geographic_level").replace_strict(_LEVELS, default=None)
    area_code = (
        pl.when(area_type == "england")
        .then(pl.col("country_code"))
        .when(area_type == "region")
        .then(pl.col("region_code"))
        .otherwise(pl.col("old_la_code"))
        .str.strip_chars()
    )
    return frame.with_columns(
        area_type=area_type,
        area_code=area_code,
        year=pl.col("time_period").str.strip_chars().cast(pl.Int32),
    ).filter(pl.col("area_type").is_not_null() & (pl.col("area_code").str.len_chars() > 0))


def _region_codes(frames: list[pl.DataFrame]) -> dict[str, str]:
    """Region name (case-folded) → ONS region code, from the EES files' regional rows."""
    names = pl.concat(
        [
            f.filter(pl.col("area_type") == "region").select(
                pl.col("region_name").str.strip_chars().str.to_lowercase(), "area_code"
            )
            for f in frames
        ]
    ).unique()
    clashes = names.filter(pl.col("region_name").is_duplicated())
    if clashes.height:
        raise BenchmarkDataError(f"regions with two codes: {clashes.rows()}")
    return dict(names.iter_rows())


def _lait_region_key(name: str) -> str:
    """LAIT writes ``London (Inner)`` and ``Yorkshire and the Humber``; EES ``Inner London``."""
    key = name.strip().lower()
    match = re.fullmatch(r"(.+) \((inner|outer)\)", key)
    return f"{match[2]} {match[1]}" if match else key


def _lait_values(
    lait: pl.DataFrame,
    mappings: list[BenchmarkMapping],
    region_codes: dict[str, str],
    england_code: str,
) -> pl.DataFrame:
    codes = [m.value_column for m in mappings]
    rows = lait.filter(pl.col("Short Desc").is_in(codes))
    bad_years = rows.filter(~pl.col("Years").str.contains(r"^\d{4}$"))["Years"].unique()
    if bad_years.len():
        raise BenchmarkDataError(
            f"{LAIT_FILE}: unexpected Years {sorted(bad_years.to_list())} for {codes}"
        )
    lait_region_names = (
        rows.filter(pl.col("LA Number").cast(pl.Int64).is_in(list(_LAIT_REGIONS)))["LA and Regions"]
        .unique()
        .to_list()
    )
    region_lookup = {}
    for name in lait_region_names:
        key = _lait_region_key(name)
        if key not in region_codes:
            raise BenchmarkDataError(f"{LAIT_FILE}: region {name!r} not in the EES files")
        region_lookup[name] = region_codes[key]
    number = pl.col("LA Number").cast(pl.Int64)
    tidy = rows.select(
        pl.col("Short Desc")
        .replace_strict({m.value_column: m.measure_id for m in mappings}, return_dtype=pl.String)
        .alias("measure_id"),
        pl.when(number == _LAIT_ENGLAND)
        .then(pl.lit("england"))
        .when(number.is_in(list(_LAIT_REGIONS)))
        .then(pl.lit("region"))
        .otherwise(pl.lit("la"))
        .alias("area_type"),
        pl.when(number == _LAIT_ENGLAND)
        .then(pl.lit(england_code))
        .when(number.is_in(list(_LAIT_REGIONS)))
        .then(pl.col("LA and Regions").replace_strict(region_lookup, default=None))
        .otherwise(number.cast(pl.String).str.zfill(3))
        .alias("area_code"),
        pl.col("Years").cast(pl.Int32).alias("year"),
        _number("Values").alias("value"),
        pl.col("Short Desc").alias("_code"),
    )
    decimals = {m.value_column: m.decimals for m in mappings if m.decimals is not None}
    for code, places in decimals.items():
        tidy = tidy.with_columns(
            pl.when(pl.col("_code") == code)
            .then(pl.col("value").round(places))
            .otherwise(pl.col("value"))
            .alias("value")
        )
    return tidy.drop("_code")


def _ees_values(
    mapping: BenchmarkMapping, frame: pl.DataFrame, population: pl.DataFrame
) -> pl.DataFrame:
    _require_columns(frame, mapping.file, [mapping.value_column, *(c for c, _ in mapping.filters)])
    rows = frame
    for column, wanted in mapping.filters:
        rows = rows.filter(pl.col(column).str.strip_chars() == wanted)
    if rows.is_empty():
        raise BenchmarkDataError(f"{mapping.file}: no rows match {mapping.filters}")
    tidy = (
        rows.select("area_type", "area_code", "year", _number(mapping.value_column).alias("v"))
        # A joint return ("314 / 318": Kingston upon Thames and Richmond upon Thames in the
        # workforce census) stands for each of its authorities, as in DfE's LAIT.
        .with_columns(pl.col("area_code").str.split("/").list.eval(pl.element().str.strip_chars()))
        .explode("area_code")
    )
    if mapping.method is Method.RATE_PER_10K_CHILDREN:
        tidy = tidy.join(
            population.with_columns(year=pl.col("year") + 1),
            on=["area_type", "area_code", "year"],
            how="left",
        ).with_columns(v=(pl.col("v") / pl.col("population") * 10_000).round(1))
    elif mapping.decimals is not None:
        tidy = tidy.with_columns(v=pl.col("v").round(mapping.decimals))
    return tidy.select(
        pl.lit(mapping.measure_id).alias("measure_id"),
        "area_type",
        "area_code",
        "year",
        pl.col("v").alias("value"),
    )


def _authorities(path: Path, region_codes: dict[str, str]) -> dict[str, Authority]:
    frame = _read_csv(path)
    _require_columns(
        frame, path.name, ["old_la_code", "la_name", "region_name", *_NEIGHBOUR_COLUMNS]
    )
    authorities: dict[str, Authority] = {}
    for row in frame.iter_rows(named=True):  # 153 rows
        region_name = row["region_name"].strip()
        region_code = region_codes.get(region_name.lower())
        if region_code is None:
            raise BenchmarkDataError(f"{path.name}: region {region_name!r} not in the EES files")
        code = row["old_la_code"].strip()
        authorities[code] = Authority(
            dfe_code=code,
            name=row["la_name"].strip(),
            region_name=region_name,
            region_code=region_code,
            neighbours=tuple(row[c].strip() for c in _NEIGHBOUR_COLUMNS if row[c]),
        )
    return authorities


def load_benchmarks(data_dir: Path) -> BenchmarkSet:
    """Read every file the mappings name from ``data_dir`` (once each) into a BenchmarkSet."""
    ees_files = sorted({m.file for m in MAPPINGS if not m.is_lait} | {POPULATION_FILE})
    ees = {name: _ees_areas(_read_csv(data_dir / name), name) for name in ees_files}
    region_codes = _region_codes(list(ees.values()))
    england_codes = pl.concat(
        [f.filter(pl.col("area_type") == "england").select("area_code") for f in ees.values()]
    )["area_code"].unique()
    if england_codes.len() != 1:
        raise BenchmarkDataError(f"England has codes {england_codes.to_list()} in the EES files")
    england_code = str(england_codes[0])
    population = ees[POPULATION_FILE].select(
        "area_type", "area_code", "year", _number("population_estimate").alias("population")
    )
    parts = [_ees_values(m, ees[m.file], population) for m in MAPPINGS if not m.is_lait]
    lait_mappings = [m for m in MAPPINGS if m.is_lait]
    if lait_mappings:
        lait = pl.read_parquet(_require(data_dir / LAIT_FILE))
        _require_columns(
            lait, LAIT_FILE, ["Short Desc", "Years", "LA and Regions", "LA Number", "Values"]
        )
        parts.append(_lait_values(lait, lait_mappings, region_codes, england_code))
    values = (
        pl.concat(parts, how="vertical")
        .filter(pl.col("value").is_not_null() & pl.col("area_code").is_not_null())
        .sort("measure_id", "area_type", "area_code", "year")
    )
    duplicates = values.filter(
        pl.struct("measure_id", "area_type", "area_code", "year").is_duplicated()
    )
    if duplicates.height:
        raise BenchmarkDataError(f"two values for the same area and year: {duplicates.head(5)}")
    authorities = _authorities(data_dir / NEIGHBOURS_FILE, region_codes)
    return BenchmarkSet(
        values=values,
        authorities=authorities,
        population=population,
        england_code=england_code,
    )


class BenchmarkSet:
    """All benchmark values, ready to answer questions about any English authority."""

    def __init__(
        self,
        *,
        values: pl.DataFrame,
        authorities: dict[str, Authority],
        population: pl.DataFrame,
        england_code: str,
    ) -> None:
        self.values = values
        """The tidy table: measure_id, area_type, area_code, year, value (no missing values)."""
        self.authorities = authorities
        self.england_code = england_code
        """ONS code of England in the files (``E92000001``)."""
        """DfE code → Authority, for the 153 authorities of the May 2025 neighbour model."""
        self._series: dict[tuple[str, str, str], dict[int, float]] = {}
        grouped = values.group_by("measure_id", "area_type", "area_code").agg("year", "value")
        for measure_id, area_type, area_code, years, figures in grouped.iter_rows():
            self._series[(measure_id, area_type, area_code)] = dict(
                zip(years, figures, strict=True)
            )
        self._population: dict[tuple[str, str, int], float] = {
            (t, c, y): p
            for t, c, y, p in population.drop_nulls().iter_rows()  # ~2,100 rows
        }

    def _of(self, measure_id: str, area_type: AreaType, area_code: str) -> dict[int, float]:
        return self._series.get((measure_id, area_type, area_code), {})

    def for_authority(self, measure_id: str, dfe_code: str) -> Benchmark | None:
        """The benchmark of one measure for one authority (DfE 3-digit code).

        ``None`` when the measure has no DfE equivalent (not in :data:`MAPPINGS`) or the code
        is not one of the 153 authorities of the May 2025 statistical neighbour model.
        """
        mapping = MAPPINGS_BY_ID.get(measure_id)
        authority = self.authorities.get(dfe_code.strip().zfill(3))
        if mapping is None or authority is None:
            return None
        own = self._of(measure_id, "la", authority.dfe_code)
        england = self._of(measure_id, "england", self.england_code)
        region = self._of(measure_id, "region", authority.region_code)
        neighbour_series = [self._of(measure_id, "la", n) for n in authority.neighbours]
        years = sorted(
            set(own) | set(england) | set(region) | {y for s in neighbour_series for y in s}
        )
        sn: dict[int, tuple[float, int]] = {}
        for year in years:
            found = [s[year] for s in neighbour_series if year in s]
            if found:
                sn[year] = (math.fsum(found) / len(found), len(found))
        series = tuple(
            SeriesPoint(
                year=year,
                own=own.get(year),
                england=england.get(year),
                region=region.get(year),
                sn_mean=sn[year][0] if year in sn else None,
            )
            for year in years
        )
        sn_mean = None
        if sn:
            year = max(sn)
            sn_mean = NeighbourMean(
                value=sn[year][0],
                period=_period(mapping, year),
                neighbours_with_data=sn[year][1],
                neighbours=len(authority.neighbours),
            )
        return Benchmark(
            mapping=mapping,
            authority=authority,
            latest=self._latest(mapping, own),
            england=self._latest(mapping, england),
            region=self._latest(mapping, region),
            sn_mean=sn_mean,
            series=series,
        )

    @staticmethod
    def _latest(mapping: BenchmarkMapping, by_year: dict[int, float]) -> Figure | None:
        if not by_year:
            return None
        year = max(by_year)
        return Figure(value=by_year[year], period=_period(mapping, year))

    def children_population(self, area_type: AreaType, area_code: str, year: int) -> float | None:
        """ONS mid-year estimate of children aged 0-17 (``year`` = the mid-year), if known.

        For turning a Sightline count at 31 March of year Y into a rate as DfE does, use the
        mid-year estimate of Y - 1.
        """
        return self._population.get((area_type, area_code, year))

    def rows(self) -> Iterator[BenchmarkRow]:
        """Every value: (measure_id, area_type, area_code, year, value), sorted."""
        for measure_id, area_type, area_code, year, value in self.values.iter_rows():
            yield BenchmarkRow(measure_id, cast(AreaType, area_type), area_code, year, value)
