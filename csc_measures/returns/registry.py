"""Measures on the DfE's definitions, computed from the statutory returns.

They are catalogue entries like the Annex A measures (an ID, a title, a docstring that is the
methodology users read, ``docs/measures.md``), but they read the CIN census (IDs ``DC01``…) or
the SSDA903 return (``DL01``…) instead of an Annex A, and each names the published DfE figure of
the same definition, where there is one (a key of
:data:`csc_measures.benchmarks.mappings.MAPPINGS_BY_ID`), so the two can stand side by side.
They are kept in a registry of their own, :data:`RETURNS_REGISTRY`: an Annex A run never
tries them, and a returns run never tries the Annex A measures.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import polars as pl

from csc_measures.registry import Basis, Kind, Polarity, Registry

if TYPE_CHECKING:
    from csc_measures.returns.shapes import ReturnContext

Source = Literal["cin", "ssda903"]
SOURCE_TITLES: dict[str, str] = {"cin": "CIN census", "ssda903": "SSDA903 return"}

ReturnMeasureFunc = Callable[["ReturnContext"], pl.DataFrame]


@dataclass(frozen=True)
class ReturnMeasureSpec:
    """Everything known about a returns measure except its figures."""

    id: str
    title: str
    kind: Kind
    unit: str
    polarity: Polarity
    basis: Basis
    definition: str
    source: Source
    uses: Mapping[str, tuple[str, ...]]  # table → columns the measure needs
    default_target: float | None
    dfe_benchmark: str | None  # the key of the published DfE figure of the same definition
    func: ReturnMeasureFunc = field(repr=False, compare=False)
    numerator_ids: Literal["child"] = "child"
    denominator_ids: Literal["child"] = "child"

    @property
    def methodology(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def module(self) -> str:
        return self.func.__module__


#: Returns measures by ID, in catalogue order: the engine's one registry type.
ReturnsRegistry = Registry[ReturnMeasureSpec]


RETURNS_REGISTRY: ReturnsRegistry = Registry()


def return_measure(
    *,
    id: str,  # noqa: A002 - the catalogue calls it ID
    title: str,
    kind: Kind,
    polarity: Polarity,
    basis: Basis,
    definition: str,
    source: Source,
    uses: Mapping[str, Sequence[str]],
    default_target: float | None = None,
    unit: str | None = None,
    dfe_benchmark: str | None = None,
) -> Callable[[ReturnMeasureFunc], ReturnMeasureFunc]:
    """Register a returns measure function under ``id`` with its metadata."""

    def decorate(func: ReturnMeasureFunc) -> ReturnMeasureFunc:
        if not (func.__doc__ or "").strip():
            raise ValueError(f"measure {id} has no docstring: its methodology is required")
        spec = ReturnMeasureSpec(
            id=id,
            title=title,
            kind=kind,
            unit=unit or {"count": "count", "count by category": "count"}.get(kind, "%"),
            polarity=polarity,
            basis=basis,
            definition=definition,
            source=source,
            uses={t: tuple(cols) for t, cols in uses.items()},
            default_target=default_target,
            dfe_benchmark=dfe_benchmark,
            func=func,
        )
        RETURNS_REGISTRY.register(spec)
        return func

    return decorate
