"""Job kinds: a name, and the function that does the work with a progress callback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .models import Job


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


#: A handler does the work and returns the private-storage path of a file it made, or "".
Handler = Callable[["Job", Progress], str]

_HANDLERS: dict[str, Handler] = {}

#: Called, in the transaction that marks the job failed, when a job's worker was lost (killed,
#: out of memory, machine restarted): remove partial files and put what the job was doing back
#: where a person can retry or abandon it.
LostHandler = Callable[["Job"], None]
_ON_LOST: dict[str, LostHandler] = {}


def job_kind(name: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of kind ``name``."""

    def decorator(func: Handler) -> Handler:
        if name in _HANDLERS and _HANDLERS[name] is not func:
            raise ValueError(f"job kind {name!r} is already registered")
        _HANDLERS[name] = func
        return func

    return decorator


def handler_for(name: str) -> Handler:
    try:
        return _HANDLERS[name]
    except KeyError:
        raise LookupError(f"no handler for job kind {name!r}") from None


def job_lost(name: str) -> Callable[[LostHandler], LostHandler]:
    """Register what to tidy up when a job of kind ``name`` lost its worker."""

    def decorator(func: LostHandler) -> LostHandler:
        _ON_LOST[name] = func
        return func

    return decorator


def lost_handler_for(name: str) -> LostHandler | None:
    return _ON_LOST.get(name)
