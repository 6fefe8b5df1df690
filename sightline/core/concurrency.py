"""Optimistic locking: an edit made from a stale page is refused, never silently applied.

Forms carry the ``updated_at`` of the row as it was when the page was drawn (its *version*);
services lock the row and compare before writing.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError


def version_of(updated_at: datetime) -> str:
    return updated_at.isoformat()


def ensure_unchanged(*, current: datetime, seen: str | None, what: str) -> None:
    """Raise if the row changed since the person opened the page (``seen`` is its version)."""
    if seen is not None and seen != version_of(current):
        raise ValidationError(
            f"Someone else changed {what} after you opened this page. Nothing was saved: "
            "reload the page to see their changes, then make yours again."
        )
