"""Fixtures the performance tests share."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from csc_measures.synth import generate_annex_a_series

#: The day the shared synthetic extracts are taken (the last of three monthly extracts).
AS_OF = date(2025, 3, 31)


@pytest.fixture
def extracts(tmp_path: Path, settings) -> list[Path]:
    """Three small monthly Annex A extracts (xlsx) to 31 March 2025, private files in tmp."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return generate_annex_a_series(
        tmp_path / "series",
        fmt="xlsx",
        as_of=AS_OF,
        months=12,
        scale=0.05,
        seed=11,
        messy=False,
        extracts=3,
    )
