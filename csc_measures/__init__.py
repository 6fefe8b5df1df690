"""Sightline measures engine: Annex A in, typed measure values out. Imports no Django.

>>> import datetime as dt
>>> from csc_measures import load_annex_a, compute_catalogue
>>> annex = load_annex_a("annex_a.xlsx", as_of=dt.date(2025, 3, 31))  # doctest: +SKIP
>>> result = compute_catalogue(annex)  # doctest: +SKIP
"""

from csc_measures import measures as _measures  # noqa: F401  (registers the catalogue)
from csc_measures.catalogue import render_catalogue
from csc_measures.compute import (
    CSV_COLUMNS,
    CatalogueResult,
    Figure,
    MeasureValue,
    NotComputable,
    compute_catalogue,
    results_to_csv,
    write_results_csv,
)
from csc_measures.ingest.annex import AnnexA, annex_from_frames, load_annex_a
from csc_measures.issues import AnnexAError, Issue, Severity
from csc_measures.registry import REGISTRY, MeasureSpec, measure
from csc_measures.shapes import RESULT_SCHEMA

__all__ = [
    "CSV_COLUMNS",
    "REGISTRY",
    "RESULT_SCHEMA",
    "AnnexA",
    "AnnexAError",
    "CatalogueResult",
    "Figure",
    "Issue",
    "MeasureSpec",
    "MeasureValue",
    "NotComputable",
    "Severity",
    "annex_from_frames",
    "compute_catalogue",
    "load_annex_a",
    "measure",
    "render_catalogue",
    "results_to_csv",
    "write_results_csv",
]
