"""DfE published benchmarks for Sightline measures: own value, England, region, neighbours.

Reads the real DfE (and ONS) files shipped in ``data/dfe/`` and answers, for a measure ID and
an English authority's DfE 3-digit code, the authority's latest published value, England's,
its region's and the mean of its 10 statistical neighbours (May 2025 model, skipping those
without a value), each with its year, plus the series for charts. Pure Python; imports no
Django.

>>> from pathlib import Path
>>> from csc_measures.benchmarks import load_benchmarks
>>> benchmarks = load_benchmarks(Path("data/dfe"))  # doctest: +SKIP
>>> benchmarks.for_authority("FD04", "916").england  # doctest: +SKIP

Any page showing these figures must show :data:`ATTRIBUTION` (Open Government Licence v3.0);
each mapping's :attr:`~BenchmarkMapping.source` gives the line for its own figure.
"""

from csc_measures.benchmarks.load import (
    AreaType,
    Authority,
    Benchmark,
    BenchmarkDataError,
    BenchmarkRow,
    BenchmarkSet,
    Figure,
    NeighbourMean,
    PublishedYear,
    SeriesPoint,
    load_benchmarks,
)
from csc_measures.benchmarks.mappings import (
    ATTRIBUTION,
    MAPPINGS,
    MAPPINGS_BY_ID,
    POPULATION_FILE,
    BenchmarkMapping,
    Method,
    YearBasis,
    mappings_markdown,
)

__all__ = [
    "ATTRIBUTION",
    "MAPPINGS",
    "MAPPINGS_BY_ID",
    "POPULATION_FILE",
    "AreaType",
    "Authority",
    "Benchmark",
    "BenchmarkDataError",
    "BenchmarkMapping",
    "BenchmarkRow",
    "BenchmarkSet",
    "Figure",
    "Method",
    "NeighbourMean",
    "PublishedYear",
    "SeriesPoint",
    "YearBasis",
    "load_benchmarks",
    "mappings_markdown",
]
