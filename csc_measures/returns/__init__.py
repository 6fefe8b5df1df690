"""The DfE's statutory returns: the CIN census (XML) and the SSDA903 return (CSV tables).

Read like an Annex A: typed polars tables, problems as issues naming the file, table, child,
column, value and reason, and a fatal :class:`ReturnError` only when a file cannot be read.
The measures on the DfE's definitions are in ``csc_measures/measures/dc*.py`` (CIN census) and
``dl*.py`` (SSDA903), registered in :data:`csc_measures.returns.registry.RETURNS_REGISTRY`.
"""

from __future__ import annotations

from csc_measures.returns.cin import CinCensus, load_cin
from csc_measures.returns.issues import ReturnError, ReturnIssue
from csc_measures.returns.ssda903 import Ssda903, load_ssda903

__all__ = ["CinCensus", "ReturnError", "ReturnIssue", "Ssda903", "load_cin", "load_ssda903"]
