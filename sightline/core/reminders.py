"""Lines of the weekly reminder e-mail, contributed by each module.

The plan app sends the weekly reminder of a person's overdue and soon-due actions; a module
above it (governance, with its meeting actions) registers a source of more lines in its
``hooks.py``, so the plan app need not import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sightline.accounts.models import User


@dataclass(frozen=True, kw_only=True)
class ReminderLines:
    """One source's lines for one person: what is overdue and what is due soon."""

    overdue: list[str] = field(default_factory=list)
    soon: list[str] = field(default_factory=list)


class ReminderSource(Protocol):
    def __call__(self, *, user: User, today: date) -> ReminderLines: ...


_SOURCES: list[ReminderSource] = []


def reminder_source_register(source: ReminderSource) -> ReminderSource:
    """Register a source of reminder lines (usable as a decorator); lines come in the order
    the sources were registered."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def reminder_lines_for(*, user: User, today: date) -> ReminderLines:
    """Every registered source's lines for this person, in registration order."""
    found = [source(user=user, today=today) for source in _SOURCES]
    return ReminderLines(
        overdue=[line for lines in found for line in lines.overdue],
        soon=[line for lines in found for line in lines.soon],
    )
