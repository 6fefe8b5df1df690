"""The same figures however the catalogue is run: side by side or one measure at a time, and
with or without the IDs behind each figure (the results CSV needs none)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from csc_measures import AnnexA, compute_catalogue, load_annex_a
from csc_measures.compute import default_workers

AS_OF = dt.date(2025, 3, 31)
FIGURES = ["measure_id", "period", "unit", "numerator", "denominator", "value"]


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> AnnexA:
    synth = pytest.importorskip("csc_measures.synth")
    out = tmp_path_factory.mktemp("modes") / "annex.xlsx"
    synth.generate_annex_a(out, fmt="xlsx", as_of=AS_OF, months=12, scale=0.2, seed=7, messy=True)
    return load_annex_a(out, as_of=AS_OF)


def test_measures_side_by_side_give_what_one_at_a_time_gives(messy: AnnexA) -> None:
    one = compute_catalogue(messy, workers=1)
    several = compute_catalogue(messy, workers=4)
    assert one.results.height > 1000
    assert_frame_equal(one.results, several.results)
    assert one.not_computable == several.not_computable


def test_figures_only_are_the_same_figures_with_blank_ids(messy: AnnexA) -> None:
    with_ids = compute_catalogue(messy).results
    figures = compute_catalogue(messy, with_ids=False).results
    assert_frame_equal(with_ids.select(FIGURES), figures.select(FIGURES))
    assert figures.get_column("numerator_ids").null_count() == figures.height
    assert figures.get_column("denominator_ids").null_count() == figures.height
    # ...and the IDs, when wanted, are there: every count has its children listed.
    counted = with_ids.filter(pl.col("denominator").is_null())
    assert (counted.get_column("numerator_ids").list.len() <= counted["numerator"]).all()


def test_default_workers_can_be_set_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSC_MEASURES_WORKERS", "1")
    assert default_workers() == 1
    monkeypatch.setenv("CSC_MEASURES_WORKERS", "not a number")
    assert 2 <= default_workers() <= 8


def test_results_csv_from_the_command_line_matches_the_catalogue(
    messy: AnnexA, tmp_path: Path
) -> None:
    from csc_measures.compute import results_to_csv, write_results_csv

    with_ids = compute_catalogue(messy)
    out = tmp_path / "results.csv"
    write_results_csv(compute_catalogue(messy, with_ids=False), out)
    assert out.read_text(encoding="utf-8") == results_to_csv(with_ids.results)
