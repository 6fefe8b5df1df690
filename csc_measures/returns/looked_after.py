"""Episodes of care from the SSDA903, shaped for the DfE's looked-after measures."""

from __future__ import annotations

import datetime as dt

import polars as pl

CHILD = "CHILD"
#: Placement types of a child placed for adoption.
ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")
#: Temporary placements (holidays, hospital, short custody…), not counted as placements.
TEMPORARY_PLACEMENTS = ("T0", "T1", "T2", "T3", "T4")
#: Legal statuses of short breaks: a child on a short break is not counted as looked after.
SHORT_BREAKS = ("V3", "V4")


def open_at(day: dt.date) -> pl.Expr:
    """An episode open on ``day``: started on or before it and not ended before it ends."""
    return (pl.col("DECOM") <= day) & (pl.col("DEC").is_null() | (pl.col("DEC") > day))


def looked_after_at(episodes: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """The episodes open on ``day``, short breaks left out (one per child)."""
    return episodes.filter(open_at(day) & ~pl.col("LS").is_in(SHORT_BREAKS)).unique(
        CHILD, keep="last", maintain_order=True
    )


def history(episodes: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """Per child, from the episodes started by ``day``: the start of the current period of care
    (the latest episode starting a period, ``RNE`` S; the first episode in the file when none
    does), the start of the current placement and of the one before it (episodes not opened by
    a change of legal status alone, ``RNE`` L), and the current placement type."""
    moves = pl.col("DECOM").filter(pl.col("RNE") != "L")
    return (
        episodes.filter(pl.col("DECOM") <= day)
        .sort(CHILD, "DECOM")
        .group_by(CHILD, maintain_order=True)
        .agg(
            pl.col("DECOM").filter(pl.col("RNE") == "S").last().alias("_period_start"),
            pl.col("DECOM").first().alias("_first"),
            moves.last().alias("_placement_start"),
            moves.reverse().slice(1, 1).first().alias("_previous_placement_start"),
            pl.col("PLACE").last().alias("_place"),
        )
        .with_columns(pl.coalesce("_period_start", "_first").alias("_period_start"))
    )


#: Care leavers' activity codes that are education, employment or training.
EET = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")


def leavers(oc3: pl.DataFrame, ref: dt.date, ages: tuple[int, int]) -> pl.DataFrame:
    """OC3 care leavers aged ``ages`` (inclusive) at the year's end ``ref``: the OC3 holds those
    whose 17th to 21st birthday fell in the year, so their age at 31 March is that birthday's."""
    from csc_measures.dates import age_expr

    return oc3.filter(age_expr(pl.col("DOB"), ref).is_between(*ages))


def suitable(accom: pl.Expr) -> pl.Expr:
    """An accommodation code whose second character is 1 (suitable)."""
    return accom.str.slice(1, 1) == "1"
