"""DfE benchmarks against the real shipped files (data/dfe), read once for the module.

Every expected figure below was looked up by hand in the DfE CSVs (or the LAIT table) shipped
in data/dfe; Gloucestershire is DfE code 916 (South West, E12000009).
"""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest

from csc_measures.benchmarks import (
    ATTRIBUTION,
    MAPPINGS,
    MAPPINGS_BY_ID,
    Benchmark,
    BenchmarkSet,
    Method,
    YearBasis,
    load_benchmarks,
    mappings_markdown,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "dfe"
GLOS = "916"
SOUTH_WEST = "E12000009"
ENGLAND = "E92000001"


@pytest.fixture(scope="module")
def benchmarks() -> BenchmarkSet:
    return load_benchmarks(DATA)


def _get(benchmarks: BenchmarkSet, measure_id: str, code: str = GLOS) -> Benchmark:
    found = benchmarks.for_authority(measure_id, code)
    assert found is not None
    return found


# measure: (Gloucestershire 2025, England 2025), as published (rates: see test below)
PUBLISHED_2025 = {
    # c1 rereferral_percent
    "FD04": (22.4, 22.6),
    # LAIT Continue_Assess_Comp: 72.900000000000006 and 85.7
    "AS02": (72.9, 85.7),
    # LAIT CP_conf_15days: 82.3 and 81.400000000000006
    "CP03": (82.3, 81.4),
    # d3 CPP_subsequent_percent (163 of 522 plans for Gloucestershire)
    "CP07": (31.2, 24.5),
    # cla_number_and_rate_per_10k_children rate_per_10000 (758 children; England 81,770)
    "LA01": (57.0, 67.0),
    # la_cla_placement_stability children_percent (92 children; England 8,500)
    "LA04": (12.0, 10.0),
    # same file, 2.5 years/under 16/same carer 2 years (179 children; England 19,680)
    "LA05": (65.0, 69.0),
    # care leavers aged 19 to 21, care_leaver_percent (345 suitable; England 33,810)
    "CL02": (91.0, 89.0),
    "CL03": (60.0, 54.0),
    # csww_indicators caseload_fte, agency_rate_fte, vacancy_rate_fte, turnover_rate_fte
    "WF01": (13.1, 15.2),
    "WF-agency-rate": (10.2, 13.0),
    "WF-vacancy-rate": (10.8, 14.2),
    "WF-turnover-rate": (10.9, 11.8),
}


@pytest.mark.parametrize(("measure_id", "expected"), PUBLISHED_2025.items())
def test_gloucestershire_and_england_published_values(
    benchmarks: BenchmarkSet, measure_id: str, expected: tuple[float, float]
) -> None:
    found = _get(benchmarks, measure_id)
    assert found.latest is not None
    assert found.england is not None
    assert (found.latest.value, found.latest.period.year) == (expected[0], 2025)
    assert (found.england.value, found.england.period.year) == (expected[1], 2025)


def test_rates_per_10000_children_from_count_and_ons_population(benchmarks: BenchmarkSet) -> None:
    # CN01: b1 At31_episodes 4,142 (England 402,400); CP05: d5 CPP_At31 403 (England 49,420);
    # ONS children aged 0-17, mid-2024: 133,163 (England 12,183,016). 4142 / 133163 × 10,000
    # = 311.05 → 311.0 to 1 decimal; DfE publishes 311 (LAIT "CIN").
    cn01 = _get(benchmarks, "CN01")
    cp05 = _get(benchmarks, "CP05")
    assert cn01.latest is not None
    assert cn01.england is not None
    assert cp05.latest is not None
    assert cp05.england is not None
    assert (cn01.latest.value, cn01.england.value) == (311.0, 330.3)
    assert (cp05.latest.value, cp05.england.value) == (30.3, 40.6)
    assert benchmarks.children_population("la", GLOS, 2024) == 133163
    assert MAPPINGS_BY_ID["CN01"].method is Method.RATE_PER_10K_CHILDREN
    assert "Office for National Statistics" in MAPPINGS_BY_ID["CN01"].source


@pytest.mark.parametrize(("measure_id", "lait_code"), [("CN01", "CIN"), ("CP05", "CPP_rate")])
def test_computed_rates_equal_dfe_published_rates_in_lait(
    benchmarks: BenchmarkSet, measure_id: str, lait_code: str
) -> None:
    """The rate computed from the count and the previous mid-year population is DfE's own."""
    lait = (
        pl.read_parquet(DATA / "lait_bds_long.parquet")
        .filter(
            (pl.col("Short Desc") == lait_code)
            & pl.col("LA Number").is_between(100, 969)
            & (pl.col("Values") != "-")
        )
        .select(
            area_code=pl.col("LA Number").cast(pl.Int64).cast(pl.String).str.zfill(3),
            year=pl.col("Years").cast(pl.Int32),
            published=pl.col("Values").cast(pl.Float64).round(1),
        )
    )
    ours = benchmarks.values.filter(
        (pl.col("measure_id") == measure_id) & (pl.col("area_type") == "la")
    )
    joined = lait.join(ours, on=["area_code", "year"])
    assert joined.height > 1400
    assert joined.filter(pl.col("value") != pl.col("published")).height == 0


def test_region_comes_from_the_neighbour_model_and_lait_regions_resolve(
    benchmarks: BenchmarkSet,
) -> None:
    fd04 = _get(benchmarks, "FD04")
    assert fd04.authority.name == "Gloucestershire"
    assert (fd04.authority.region_name, fd04.authority.region_code) == ("South West", SOUTH_WEST)
    assert fd04.region is not None
    assert fd04.region.value == 22.1
    # LAIT names its regions by number (990 = South West) and writes "London (Inner)".
    as02 = _get(benchmarks, "AS02")
    assert as02.region is not None
    assert as02.region.value == 79.2
    inner_london = benchmarks.values.filter(
        (pl.col("measure_id") == "AS02")
        & (pl.col("area_type") == "region")
        & (pl.col("year") == 2025)
    )
    assert inner_london.height == 11  # 9 regions + Inner and Outer London
    camden = _get(benchmarks, "AS02", "202")
    assert camden.authority.region_name == "London"


def test_sn_mean_by_hand(benchmarks: BenchmarkSet) -> None:
    # FD04 2024-25, c1 rereferral_percent of Gloucestershire's 10 neighbours (May 2025 model):
    # Warwickshire 937: 17, West Sussex 938: 24.4, Hampshire 850: 41, North Somerset 802: 15.4,
    # Wiltshire 865: 18.7, Cheshire East 895: 15.8, Leicestershire 855: 25.5,
    # Oxfordshire 931: 17.7, Essex 881: 15.4, Worcestershire 885: 17.8 → 208.7 / 10 = 20.87
    fd04 = _get(benchmarks, "FD04")
    assert fd04.authority.neighbours == (
        "937", "938", "850", "802", "865", "895", "855", "931", "881", "885",
    )  # fmt: skip
    assert fd04.sn_mean is not None
    assert fd04.sn_mean.value == pytest.approx(20.87)
    assert (fd04.sn_mean.neighbours_with_data, fd04.sn_mean.neighbours) == (10, 10)
    assert fd04.sn_mean.period.year == 2025
    assert fd04.series[-1] == (2025, 22.4, 22.6, 22.1, pytest.approx(20.87))


def test_suppressed_neighbour_is_skipped_in_sn_mean(benchmarks: BenchmarkSet) -> None:
    # CL02 2024-25: North Somerset (802) is published as "c" (suppressed). The other nine:
    # 937: 89, 938: 95, 850: 45, 865: 95, 895: 92, 855: 94, 931: 93, 881: 83, 885: 96
    # → 782 / 9 = 86.89 (treating "c" as 0 would give 78.2).
    cl02 = _get(benchmarks, "CL02")
    assert cl02.sn_mean is not None
    assert cl02.sn_mean.neighbours_with_data == 9
    assert cl02.sn_mean.value == pytest.approx(782 / 9)
    north_somerset = _get(benchmarks, "CL02", "802")
    assert north_somerset.latest is not None
    assert north_somerset.latest.period.year < 2025
    assert north_somerset.series[-1].own is None


def test_low_and_other_symbols_are_missing_never_zero(benchmarks: BenchmarkSet) -> None:
    # csww_indicators: Sunderland (394) agency_rate_fte is "low" in 2023, 2024 and 2025.
    sunderland = _get(benchmarks, "WF-agency-rate", "394")
    assert sunderland.latest is not None
    assert (sunderland.latest.value, sunderland.latest.period.year) == (0.4, 2022)
    assert [p.own for p in sunderland.series if p.year >= 2023] == [None, None, None]
    # Gateshead (390) has Sunderland among its neighbours: 9 of 10 with data in 2025.
    gateshead = _get(benchmarks, "WF-agency-rate", "390")
    assert "394" in gateshead.authority.neighbours
    assert gateshead.sn_mean is not None
    assert gateshead.sn_mean.neighbours_with_data == 9
    # No NaN or infinity (LAIT "-", Isles of Scilly 0/0) reaches the table.
    assert benchmarks.values["value"].is_finite().all()


def test_joint_workforce_return_is_given_to_both_authorities(benchmarks: BenchmarkSet) -> None:
    # csww_indicators 2025, old_la_code "314 / 318" (Kingston upon Thames / Richmond upon
    # Thames): caseload_fte 13.9; "940 / 941" (North / West Northamptonshire): 14.8.
    for code, caseload in (("314", 13.9), ("318", 13.9), ("940", 14.8), ("941", 14.8)):
        wf01 = _get(benchmarks, "WF01", code)
        assert wf01.latest is not None
        assert (wf01.latest.value, wf01.latest.period.year) == (caseload, 2025)
    # Kensington and Chelsea (207) made no 2025 return (cyberattack): its latest is 2024.
    kensington = _get(benchmarks, "WF01", "207")
    assert kensington.latest is not None
    assert (kensington.latest.value, kensington.latest.period.year) == (10.9, 2024)


def test_year_labels(benchmarks: BenchmarkSet) -> None:
    fd04 = _get(benchmarks, "FD04")
    assert fd04.latest is not None
    assert fd04.latest.period.label == "2024-25"
    assert fd04.latest.period.description == "year ending 31 March 2025"
    cn01 = _get(benchmarks, "CN01")
    assert cn01.latest is not None
    assert (cn01.latest.period.label, cn01.latest.period.description) == (
        "2025",
        "at 31 March 2025",
    )
    wf01 = _get(benchmarks, "WF01")
    assert wf01.england is not None
    assert wf01.england.period.label == "2025"
    assert wf01.england.period.description == "at 30 September 2025"
    assert fd04.period(2000).label == "1999-00"
    assert YearBasis.YEAR_TO_30_SEPTEMBER.label(2025) == "2025"
    assert [p.year for p in fd04.series] == list(range(2013, 2026))


def test_unknown_measure_or_authority_gives_none(benchmarks: BenchmarkSet) -> None:
    assert benchmarks.for_authority("FD01", GLOS) is None
    assert benchmarks.for_authority("FD04", "999") is None
    assert benchmarks.for_authority("FD04", "909") is None  # Cumbria: abolished 2023
    assert len(benchmarks.authorities) == 153


def test_rows_are_flat_records_for_every_mapping(benchmarks: BenchmarkSet) -> None:
    rows = list(benchmarks.rows())
    assert len(rows) == benchmarks.values.height
    assert {r.measure_id for r in rows} == set(MAPPINGS_BY_ID)
    assert {r.area_type for r in rows} == {"la", "region", "england"}
    assert ("FD04", "england", ENGLAND, 2025, 22.6) in rows
    assert ("FD04", "region", SOUTH_WEST, 2025, 22.1) in rows
    assert ("CL02", "la", GLOS, 2025, 91.0) in rows
    assert all(not math.isnan(r.value) for r in rows)
    assert not any(r.measure_id == "CL02" and r.area_code == "802" and r.year == 2025 for r in rows)


def test_every_mapped_file_is_shipped_and_listed_in_the_readme() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for mapping in MAPPINGS:
        for name in mapping.files:
            assert (DATA / name).is_file(), name
            assert f"`{name}`" in readme, name
    assert (DATA / "sn_model_2025_wide.csv").is_file()


def test_mapping_table_is_complete() -> None:
    ids = [m.measure_id for m in MAPPINGS]
    assert len(ids) == len(set(ids))
    for required in (
        "FD04", "AS02", "CP03", "CP07", "LA04", "LA05", "CL02", "CL03", "WF01",
        "CN01", "CP05", "LA01",
    ):  # fmt: skip
        assert required in ids
    for mapping in MAPPINGS:
        assert mapping.difference
        assert mapping.dfe_indicator
        assert mapping.unit
        assert "Open Government Licence v3.0" in mapping.source
        assert mapping.source.startswith("Source: Department for Education")
    assert "Open Government Licence v3.0" in ATTRIBUTION
    table = mappings_markdown()
    assert all(f"| {m.measure_id} |" in table for m in MAPPINGS)
    assert "| CP03 | " in table
    assert "Short Desc = CP_conf_15days" in table


def test_filters_name_values_present_in_the_files() -> None:
    """A typo in a filter would select nothing; check each against the file's values."""
    for mapping in MAPPINGS:
        if mapping.is_lait:
            continue
        frame = pl.read_csv(DATA / mapping.file, infer_schema_length=0)
        assert mapping.value_column in frame.columns
        for column, wanted in mapping.filters:
            assert wanted in frame[column].unique().to_list(), (mapping.measure_id, column)
