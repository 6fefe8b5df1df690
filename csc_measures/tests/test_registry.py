"""Registry-wide conformance: every measure documented, tested, runnable on empty lists, and
not computable (never zero) when a list or column it needs is missing."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from csc_measures import REGISTRY, AnnexAError, annex_from_frames, compute_catalogue
from csc_measures.ingest.normalise import empty_list
from csc_measures.measures import CATALOGUE_V1
from csc_measures.registry import DuplicateMeasureError, MeasureSpec, Registry, measure
from csc_measures.schema import LISTS, TEAM
from csc_measures.shapes import Context
from csc_measures.tests.helpers import AS_OF

TESTS = Path(__file__).parent
ALL_IDS = list(REGISTRY)


def _text_frames(columns_by_list: dict[int, list[str]]) -> dict[int, pl.DataFrame]:
    return {
        n: pl.DataFrame(schema=dict.fromkeys(cols, pl.String))
        for n, cols in columns_by_list.items()
    }


def _all_columns(drop: tuple[int, str] | None = None) -> dict[int, list[str]]:
    columns = {n: [c.name for c in spec.columns] for n, spec in LISTS.items()}
    if drop is not None:
        columns[drop[0]].remove(drop[1])
    return columns


def test_registry_holds_catalogue_v1_in_order() -> None:
    assert list(CATALOGUE_V1) == ALL_IDS
    assert len(ALL_IDS) == 44


@pytest.mark.parametrize("measure_id", ALL_IDS)
def test_measure_is_documented(measure_id: str) -> None:
    spec = REGISTRY[measure_id]
    assert spec.module == f"csc_measures.measures.{measure_id.lower()}"
    assert spec.title
    assert spec.definition
    assert len(spec.methodology) > 80, "the docstring is the methodology users read"
    assert spec.polarity in {"↑", "↓", "·"}
    assert spec.basis in {"event", "stock", "snapshot"}
    assert spec.uses, "a measure declares the lists and columns it uses"
    if spec.kind == "ratio":
        assert spec.unit == "%"


@pytest.mark.parametrize("measure_id", ALL_IDS)
def test_measure_has_its_own_test(measure_id: str) -> None:
    pattern = re.compile(rf"def test_\w*{measure_id.lower()}\w*\(")
    sources = [p.read_text() for p in TESTS.glob("test_measures_*.py")]
    assert any(pattern.search(text) for text in sources), f"no test_…{measure_id.lower()}… found"


def test_every_measure_runs_on_empty_lists() -> None:
    annex = annex_from_frames(_text_frames(_all_columns()), as_of=AS_OF)
    result = compute_catalogue(annex)
    assert result.not_computable == ()
    produced = set(result.results.get_column("measure_id"))
    assert produced == set(ALL_IDS) - {"FD06"}  # no contact source: no FD06 category
    assert result.results.get_column("numerator").sum() == 0
    counts = result.results.filter(pl.col("denominator").is_null())
    assert counts.get_column("value").to_list() == [0.0] * counts.height
    ratios = result.results.filter(pl.col("denominator").is_not_null())
    assert ratios.get_column("value").null_count() == ratios.height  # D = 0: no value


CASES = [(mid, n, col) for mid in ALL_IDS for n, cols in REGISTRY[mid].uses.items() for col in cols]


@pytest.mark.parametrize(("measure_id", "list_no", "column"), CASES)
def test_missing_column_makes_the_measure_not_computable(
    measure_id: str, list_no: int, column: str
) -> None:
    if column == LISTS[list_no].id_column:
        # Without its identifier a list cannot be read at all: a fatal input error.
        with pytest.raises(AnnexAError, match=column):
            annex_from_frames(_text_frames(_all_columns(drop=(list_no, column))), as_of=AS_OF)
        return
    annex = annex_from_frames(_text_frames(_all_columns(drop=(list_no, column))), as_of=AS_OF)
    result = compute_catalogue(annex, measure_ids=[measure_id])
    assert result.results.height == 0
    (missing,) = result.not_computable
    assert missing.measure_id == measure_id
    assert f"List {list_no}" in missing.reason
    assert column in missing.reason


@pytest.mark.parametrize("measure_id", ALL_IDS)
def test_missing_list_makes_the_measure_not_computable(measure_id: str) -> None:
    lists = set(REGISTRY[measure_id].uses)
    frames = {n: cols for n, cols in _all_columns().items() if n not in lists}
    result = compute_catalogue(
        annex_from_frames(_text_frames(frames), as_of=AS_OF), measure_ids=[measure_id]
    )
    assert result.results.height == 0
    assert "is not loaded" in result.not_computable[0].reason


@pytest.mark.parametrize("measure_id", ALL_IDS)
def test_measure_needs_only_the_columns_it_declares(measure_id: str) -> None:
    spec = REGISTRY[measure_id]
    frames = {n: [*cols, TEAM] for n, cols in spec.uses.items()}
    rows = {
        n: {c: ["X1" if c == "Child Unique ID" else None] for c in cols}
        for n, cols in frames.items()
    }
    annex = annex_from_frames(rows, as_of=AS_OF)
    result = compute_catalogue(annex, measure_ids=[measure_id])
    assert result.not_computable == ()


def test_registry_refuses_duplicate_ids() -> None:
    registry = Registry()

    def first(ctx: Context) -> pl.DataFrame:
        """A measure for the test of duplicate IDs, counting nothing at all, ever."""
        return pl.DataFrame()

    decorate = measure(
        id="XX01",
        title="t",
        kind="count",
        polarity="·",
        basis="event",
        definition="d",
        uses={1: ("Child Unique ID",)},
        registry=registry,
    )
    decorate(first)
    with pytest.raises(DuplicateMeasureError, match="XX01"):
        decorate(first)
    assert isinstance(registry["XX01"], MeasureSpec)


def test_measure_without_docstring_is_refused() -> None:
    def undocumented(ctx: Context) -> pl.DataFrame:
        return pl.DataFrame()

    with pytest.raises(ValueError, match="docstring"):
        measure(
            id="XX02",
            title="t",
            kind="count",
            polarity="·",
            basis="event",
            definition="d",
            uses={1: ()},
            registry=Registry(),
        )(undocumented)


def test_unknown_measure_id_is_refused() -> None:
    annex = annex_from_frames(
        {n: empty_list(spec).drop("_row") for n, spec in LISTS.items()}, as_of=AS_OF
    )
    with pytest.raises(KeyError, match="ZZ99"):
        compute_catalogue(annex, measure_ids=["ZZ99"])
