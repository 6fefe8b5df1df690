"""Golden test: the whole catalogue on a small synthetic Anyshire, against committed figures.

Any change to a figure, in any measure, month or team, fails this test. When a change is
intended (a new measure, a deliberate generator change), regenerate the file and review the
diff before committing:

    SIGHTLINE_UPDATE_GOLDEN=1 uv run pytest -p no:django csc_measures/tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from datetime import date
from pathlib import Path

from csc_measures import compute_catalogue, load_annex_a, write_results_csv
from csc_measures.synth import generate_annex_a

GOLDEN = Path(__file__).parent / "golden" / "anyshire_scale0.2_seed2026.csv"
AS_OF = date(2025, 3, 31)


def test_catalogue_on_synthetic_anyshire_matches_the_golden_figures(tmp_path: Path) -> None:
    folder = generate_annex_a(
        tmp_path / "annex-a", fmt="csv", as_of=AS_OF, months=12, scale=0.2, seed=2026, messy=False
    )
    annex = load_annex_a(folder, as_of=AS_OF)
    assert annex.errors == []  # a clean extract: nothing rejected
    result = compute_catalogue(annex)
    assert result.not_computable == ()  # the 2024 layout has every column
    out = tmp_path / "measures.csv"
    write_results_csv(result, out)
    actual = out.read_text(encoding="utf-8")
    if os.environ.get("SIGHTLINE_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    "golden",
                    "now",
                    n=0,
                )
            )[:40]
        )
        raise AssertionError(f"figures differ from {GOLDEN.name}:\n{diff}")
    # Sanity on the golden file itself: every measure of the catalogue has figures.
    ids = {line.split(",")[0].split(":")[0] for line in expected.splitlines()[1:]}
    assert len(ids) == 44
