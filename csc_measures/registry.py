"""Measure metadata, the registry, and the decorator that registers a measure.

A measure is a function ``(ctx: Context) -> polars.DataFrame`` living in its own module named
by its ID (``csc_measures/measures/fd04.py``). Its metadata is given to :func:`measure`; its
docstring is the methodology shown to users. The registry refuses a second measure with the
same ID.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

import polars as pl

if TYPE_CHECKING:
    from csc_measures.shapes import Context

Polarity = Literal["↑", "↓", "·"]
Basis = Literal["event", "stock", "snapshot"]
Kind = Literal["count", "ratio", "average", "count by category"]
IdKind = Literal["child", "worker"]

POLARITY_TEXT: dict[str, str] = {
    "↑": "higher is better",
    "↓": "lower is better",
    "·": "no good direction",
}

MeasureFunc = Callable[["Context"], pl.DataFrame]


@dataclass(frozen=True)
class MeasureSpec:
    """Everything known about a measure except its figures."""

    id: str
    title: str
    kind: Kind
    unit: str  # what the value is measured in: "count", "%", "children per worker"
    polarity: Polarity
    basis: Basis
    definition: str  # the one-line definition from the catalogue
    uses: Mapping[int, tuple[str, ...]]  # list number → columns the measure needs
    default_target: float | None
    func: MeasureFunc = field(repr=False, compare=False)
    numerator_ids: IdKind = "child"
    denominator_ids: IdKind = "child"

    @property
    def methodology(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def lists(self) -> tuple[int, ...]:
        return tuple(sorted(self.uses))

    @property
    def module(self) -> str:
        return self.func.__module__


class DuplicateMeasureError(ValueError):
    """Raised when two measures claim the same ID."""


class _Spec(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def module(self) -> str: ...


SpecT = TypeVar("SpecT", bound=_Spec)


class Registry(Mapping[str, SpecT]):
    """Measures by ID, in catalogue order (the order they were registered). One registry
    per catalogue: the Annex A measures (:data:`REGISTRY`) and the returns' measures
    (``csc_measures.returns.registry.RETURNS_REGISTRY``)."""

    def __init__(self) -> None:
        self._specs: dict[str, SpecT] = {}

    def register(self, spec: SpecT) -> None:
        if spec.id in self._specs:
            existing = self._specs[spec.id].module
            raise DuplicateMeasureError(
                f"measure {spec.id} is already registered (by {existing}); "
                f"{spec.module} cannot register it again"
            )
        self._specs[spec.id] = spec

    def __getitem__(self, key: str) -> SpecT:
        return self._specs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


REGISTRY: Registry[MeasureSpec] = Registry()


def measure(
    *,
    id: str,  # noqa: A002 - the catalogue calls it ID
    title: str,
    kind: Kind,
    polarity: Polarity,
    basis: Basis,
    definition: str,
    uses: Mapping[int, Sequence[str]],
    default_target: float | None = None,
    unit: str | None = None,
    numerator_ids: IdKind = "child",
    denominator_ids: IdKind = "child",
    registry: Registry[MeasureSpec] | None = None,
) -> Callable[[MeasureFunc], MeasureFunc]:
    """Register a measure function under ``id`` with its metadata."""

    def decorate(func: MeasureFunc) -> MeasureFunc:
        if not (func.__doc__ or "").strip():
            raise ValueError(f"measure {id} has no docstring: its methodology is required")
        value_unit = unit or {"count": "count", "count by category": "count"}.get(kind, "%")
        spec = MeasureSpec(
            id=id,
            title=title,
            kind=kind,
            unit=value_unit,
            polarity=polarity,
            basis=basis,
            definition=definition,
            uses={n: tuple(cols) for n, cols in uses.items()},
            default_target=default_target,
            func=func,
            numerator_ids=numerator_ids,
            denominator_ids=denominator_ids,
        )
        (REGISTRY if registry is None else registry).register(spec)
        return func

    return decorate
