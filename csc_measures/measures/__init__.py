"""The catalogue v1 measures, one module per measure ID, registered in catalogue order."""

from __future__ import annotations

import importlib

CATALOGUE_V1: tuple[str, ...] = (
    "FD01", "FD02", "FD03", "FD04", "FD05", "FD06",
    "EH01",
    "AS01", "AS02", "AS03", "AS04", "AS05",
    "CP01", "CP02", "CP03", "CP04", "CP05", "CP06", "CP07", "CP08", "CP09", "CP10",
    "CN01", "CN02",
    "LA01", "LA02", "LA03", "LA04", "LA05", "LA06", "LA07", "LA08", "LA09", "LA10", "LA11",
    "CL01", "CL02", "CL03", "CL04", "CL05", "CL06",
    "WF01", "WF02", "WF03",
)  # fmt: skip

#: Measures on the DfE's definitions, from the statutory returns (CIN census, SSDA903); they
#: register in :data:`csc_measures.returns.registry.RETURNS_REGISTRY`, not in the Annex A one.
RETURNS_CATALOGUE: tuple[str, ...] = (
    "DC01", "DC02", "DC03", "DC04", "DC05", "DC06",
    "DL01", "DL02", "DL03", "DL04", "DL05", "DL06", "DL07", "DL08", "DL09", "DL10", "DL11",
    "DL12", "DL13", "DL14",
)  # fmt: skip

for _measure_id in CATALOGUE_V1 + RETURNS_CATALOGUE:
    importlib.import_module(f"{__name__}.{_measure_id.lower()}")
