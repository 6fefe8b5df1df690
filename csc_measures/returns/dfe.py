"""The DfE's published figures of the returns measures' definitions, from ``data/dfe/``.

:data:`PUBLISHED` names, for each returns measure the DfE publishes, the file, the rows (column
= value) and the value column; :func:`published` reads an authority's (DfE 3-digit code) and
England's figure for a collection year. Read the table to audit what stands beside what.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "dfe"
LAIT = "lait_bds_long.parquet"
LAIT_ENGLAND = 970  # the LAIT's "LA Number" of England

_STABILITY = "la_cla_placement_stability.csv"
_SUITABLE = "la_care_leavers_accommodation_suitability.csv"
_ACTIVITY = "la_care_leavers_activity.csv"
_LONG_TERM = (
    "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
)


@dataclass(frozen=True)
class Published:
    """Where the DfE publishes a figure of the same definition."""

    file: str
    value_column: str  # for the LAIT: its ``Short Desc`` code
    filters: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        rows = ", ".join(f"{c} = {v}" for c, v in self.filters)
        return f"`{self.file}` `{self.value_column}`" + (f" ({rows})" if rows else "")


def _leavers(file: str, age: str, breakdown: str) -> Published:
    return Published(
        file, "care_leaver_percent", (("care_leaver_age", age), ("breakdown", breakdown))
    )


PUBLISHED: dict[str, Published] = {
    "DC01": Published("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
                      "rereferral_percent"),
    "DC02": Published(LAIT, "Continue_Assess_Comp"),
    "DC03": Published(LAIT, "CP_conf_15days"),
    "DC04": Published("d3_cpps_subsequent_plan_2013_to_2025.csv", "CPP_subsequent_percent"),
    "DC06": Published("d5_cpps_at31march_by_duration_2013_to_2025.csv", "2_years_or_more_percent"),
    "DL01": Published(_STABILITY, "children_percent", (
        ("cla_group", "CLA on 31 March"),
        ("placement_stability", "With 3 or more placements during the year"))),
    "DL02": Published(_STABILITY, "children_percent", (
        ("cla_group", _LONG_TERM),
        ("placement_stability", "Living with the same carer for at least 2 years"))),
    "DL07": _leavers(_SUITABLE, "17 to 18 years", "Accommodation considered suitable"),
    "DL08": _leavers(_ACTIVITY, "17 to 18 years", "Total in education, employment or training"),
    "DL10": _leavers(_SUITABLE, "19 to 21 years", "Accommodation considered suitable"),
    "DL11": _leavers(_ACTIVITY, "19 to 21 years", "Total in education, employment or training"),
}  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    measure_id: str
    year: int
    authority: float | None
    england: float | None


@cache
def _frame(file: str, data_dir: Path) -> pl.DataFrame:
    path = data_dir / file
    if file.endswith(".parquet"):
        return pl.read_parquet(path)
    frame = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")
    return frame.rename({c: c.lstrip("\ufeff") for c in frame.columns})


def _number(text: object) -> float | None:
    try:
        return round(float(str(text)), 1)
    except ValueError:
        return None  # suppressed ("c", "x", "z") or missing


def published(
    measure_id: str, *, dfe_code: str, year: int, data_dir: Path = DATA_DIR
) -> Comparison | None:
    """The authority's (DfE 3-digit code) and England's published figure for the collection
    year ending 31 March ``year``; ``None`` when the DfE publishes none of this definition."""
    spec = PUBLISHED.get(measure_id)
    if spec is None:
        return None
    frame = _frame(spec.file, data_dir)
    code = dfe_code.strip().zfill(3)
    if spec.file == LAIT:
        rows = frame.filter(
            (pl.col("Short Desc") == spec.value_column) & (pl.col("Years") == str(year))
        )
        number = pl.col("LA Number").cast(pl.Int64)
        own = rows.filter(number == int(code)).get_column("Values")
        england = rows.filter(number == LAIT_ENGLAND).get_column("Values")
    else:
        rows = frame.filter(pl.col("time_period").str.slice(0, 4) == str(year))
        for column, value in spec.filters:
            rows = rows.filter(pl.col(column) == value)
        own = rows.filter(
            (pl.col("geographic_level") == "Local authority") & (pl.col("old_la_code") == code)
        ).get_column(spec.value_column)
        england = rows.filter(pl.col("geographic_level") == "National").get_column(
            spec.value_column
        )
    return Comparison(
        measure_id,
        year,
        _number(own[0]) if own.len() else None,
        _number(england[0]) if england.len() else None,
    )
