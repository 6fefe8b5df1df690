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

for _measure_id in CATALOGUE_V1:
    importlib.import_module(f"{__name__}.{_measure_id.lower()}")
