"""Private storage: uploaded files, evidence and the children behind figures.

Everything private lives under ``settings.PRIVATE_STORAGE_ROOT`` (never under static or media,
so no web server serves it); every app asks this module for a path there, so where private
files live is decided once.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def private_root() -> Path:
    """The folder of private storage."""
    return Path(settings.PRIVATE_STORAGE_ROOT)


def private_path(relative: str) -> Path:
    """Where a file of private storage is on disk (``relative`` is the name stored in the
    database, such as ``imports/12-children.parquet``)."""
    return private_root() / relative
