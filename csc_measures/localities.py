"""Front-door figures attributed to an area (a locality), not to the team that received them.

Contacts and referrals are recorded by the front door (``Allocated Team`` on lists 1 and 3 is
the front-door team), so by team every front-door figure sits with it, and a locality, the sum
of its teams, has none. To compare localities, each child counted in a front-door figure is
attributed to an area by one of two rules, the first that the extract allows:

1. **Home area** (``home_area``): the referral list has a column naming the child's home area
   (:data:`HOME_AREA_COLUMNS`); the child counts where they live, as recorded on their referral
   nearest the month (the first on or after its start, else the last before).
2. **Where the case went next** (``next_team``): the team of the first assessment, section 47
   enquiry, child in need, child protection or looked-after episode (lists 4-8) that started on
   or after the child's referral (the referral chosen as above); that team's locality. Children
   whose referral led nowhere (no later episode) are "Not taken on".

Each child in a figure counts once per entry in its stored IDs, so the areas add up to the
authority's figure. See docs/adr/0025-locality-attribution.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polars as pl

from csc_measures.schema import (
    ASSESS_START,
    CHILD_ID,
    CIN_START,
    CP_START,
    LA_START,
    REFERRAL_DATE,
    S47_START,
    TEAM,
)

#: Referral-list columns that name the child's home area (first found wins).
HOME_AREA_COLUMNS = ("Home Area", "Home Locality", "Locality", "Area")
#: The lists (and their start dates) whose team took a referral on.
NEXT_EPISODES: tuple[tuple[int, str], ...] = (
    (4, ASSESS_START),
    (5, S47_START),
    (6, CIN_START),
    (7, CP_START),
    (8, LA_START),
)
REFERRALS = 3
NOT_TAKEN_ON = "Not taken on"
NO_LOCALITY = "Team not in a locality"
AREA_UNKNOWN = "Home area not recognised"

Rule = Literal["home_area", "next_team"]


@dataclass(frozen=True)
class Attribution:
    rule: Rule
    column: str | None
    """the home-area column used (rule ``home_area``)"""
    figures: pl.DataFrame
    """period, area, numerator, denominator (null when the measure has none)"""


def _read(path: Path) -> pl.DataFrame | None:
    return pl.read_parquet(path) if path.exists() else None


def _referrals(lists_dir: Path) -> tuple[pl.DataFrame, str | None]:
    """child, date and (when the extract has one) home area of every referral."""
    frame = _read(lists_dir / f"list_{REFERRALS}.parquet")
    if frame is None or REFERRAL_DATE not in frame.columns:
        return pl.DataFrame(schema={"child": pl.String, "date": pl.Date}), None
    column = next((c for c in HOME_AREA_COLUMNS if c in frame.columns), None)
    if column is not None and frame[column].drop_nulls().len() == 0:
        column = None
    cols = [pl.col(CHILD_ID).alias("child"), pl.col(REFERRAL_DATE).alias("date")]
    if column is not None:
        cols.append(pl.col(column).cast(pl.String).str.strip_chars().alias("home"))
    return frame.select(cols).drop_nulls(["child", "date"]).sort("child", "date"), column


def _next_teams(lists_dir: Path, referrals: pl.DataFrame) -> pl.DataFrame:
    """child, date (of referral), team: the team of the first episode on or after it."""
    episodes = []
    for list_no, start in NEXT_EPISODES:
        frame = _read(lists_dir / f"list_{list_no}.parquet")
        if frame is None or start not in frame.columns or TEAM not in frame.columns:
            continue
        episodes.append(
            frame.select(
                pl.col(CHILD_ID).alias("child"),
                pl.col(start).alias("start"),
                pl.col(TEAM).alias("team"),
            ).drop_nulls()
        )
    if not episodes or referrals.is_empty():
        return referrals.select("child", "date").with_columns(team=pl.lit(None, pl.String))
    starts = pl.concat(episodes).sort("start")
    return (
        referrals.select("child", "date")
        .sort("date")
        .join_asof(
            starts,
            left_on="date",
            right_on="start",
            by="child",
            strategy="forward",
            check_sortedness=False,
        )
        .select("child", "date", "team")
    )


def _child_area_for_periods(
    referrals: pl.DataFrame, periods: list[str], area_col: str
) -> pl.DataFrame:
    """child, period, area: each child's referral nearest each month (the first on or after
    the month's start, else the last before) and its area."""
    if referrals.is_empty():
        return pl.DataFrame(schema={"child": pl.String, "period": pl.String, "area": pl.String})
    grid = (
        referrals.select("child")
        .unique()
        .join(pl.DataFrame({"period": periods}), how="cross")
        .with_columns(start=pl.concat_str("period", pl.lit("-01")).str.to_date())
        .sort("start")
    )
    ref = referrals.sort("date")
    forward = grid.join_asof(
        ref,
        left_on="start",
        right_on="date",
        by="child",
        strategy="forward",
        check_sortedness=False,
    ).rename({area_col: "forward"})
    backward = grid.join_asof(
        ref,
        left_on="start",
        right_on="date",
        by="child",
        strategy="backward",
        check_sortedness=False,
    ).select("child", "period", pl.col(area_col).alias("backward"))
    joined = forward.join(backward, on=["child", "period"], how="left").with_columns(
        area=pl.when(pl.col("date").is_not_null())
        .then(pl.col("forward"))
        .otherwise(pl.col("backward"))
    )
    return joined.select("child", "period", "area")


def attribute_front_door(
    results_path: str | Path,
    lists_dir: str | Path,
    *,
    measure_id: str,
    locality_of_team: Mapping[str, str],
    localities: list[str],
) -> Attribution:
    """The figures of ``measure_id`` (every month the stored results hold, unit ``la``)
    split by area. ``locality_of_team``: team name → locality name (the organisation);
    ``localities``: the localities' names (home areas are matched to them, ignoring case)."""
    lists = Path(lists_dir)
    stored = (
        pl.scan_parquet(results_path)
        .filter((pl.col("measure_id") == measure_id) & (pl.col("unit") == "la"))
        .select("period", "denominator", "numerator_ids", "denominator_ids")
        .collect()
        .sort("period")
    )
    referrals, column = _referrals(lists)
    periods = stored["period"].to_list()
    if column is not None:
        rule: Rule = "home_area"
        by_name = {name.casefold(): name for name in localities}
        areas = _child_area_for_periods(referrals.rename({"home": "value"}), periods, "value")
        areas = areas.with_columns(
            area=pl.col("area").map_elements(
                lambda v: by_name.get(str(v).casefold(), AREA_UNKNOWN), return_dtype=pl.String
            )
        )
    else:
        rule = "next_team"
        teams = _next_teams(lists, referrals)
        areas = _child_area_for_periods(teams, periods, "team").with_columns(
            area=pl.when(pl.col("area").is_null())
            .then(pl.lit(NOT_TAKEN_ON))
            .otherwise(pl.col("area").replace_strict(locality_of_team, default=NO_LOCALITY))
        )
    parts = []
    for part in ("numerator", "denominator"):
        exploded = (
            stored.select("period", pl.col(f"{part}_ids").cast(pl.List(pl.String)).alias("child"))
            .explode("child")
            .drop_nulls("child")
            .join(areas, on=["child", "period"], how="left")
            .with_columns(pl.col("area").fill_null(NOT_TAKEN_ON))
            .group_by("period", "area")
            .agg(pl.len().cast(pl.Int64).alias(part))
        )
        parts.append(exploded)
    has_denominator = stored["denominator"].drop_nulls().len() > 0
    grid = (
        pl.DataFrame({"period": periods})
        .join(
            pl.DataFrame({"area": [*localities, NOT_TAKEN_ON, NO_LOCALITY, AREA_UNKNOWN]}),
            how="cross",
        )
        .join(parts[0], on=["period", "area"], how="left")
        .join(parts[1], on=["period", "area"], how="left")
        .with_columns(pl.col("numerator").fill_null(0), pl.col("denominator").fill_null(0))
    )
    if not has_denominator:
        grid = grid.with_columns(denominator=pl.lit(None, pl.Int64))
    extra = (
        grid.filter(~pl.col("area").is_in(localities))
        .group_by("area")
        .agg(pl.col("numerator").sum().alias("n"), pl.col("denominator").sum().alias("d"))
    )
    empty_extra = extra.filter((pl.col("n") == 0) & (pl.col("d").fill_null(0) == 0))["area"]
    grid = grid.filter(~pl.col("area").is_in(empty_extra.to_list()))
    return Attribution(rule=rule, column=column, figures=grid.sort("period", "area"))


__all__ = [
    "AREA_UNKNOWN",
    "HOME_AREA_COLUMNS",
    "NOT_TAKEN_ON",
    "NO_LOCALITY",
    "Attribution",
    "attribute_front_door",
]
