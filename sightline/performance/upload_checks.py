"""The Annex A reader's problems never show the server's paths (issue 15): the engine names the
file it was given, which is a private-storage path or a temporary folder; people see the name
they uploaded instead."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from csc_measures import AnnexAError


def _swap(text: str | None, paths: tuple[str, ...], name: str) -> str | None:
    if text is None:
        return None
    for path in paths:
        text = text.replace(path, name)
    return text


@contextmanager
def without_server_paths(path: Path, name: str) -> Iterator[None]:
    """Re-raise an :class:`AnnexAError` from the block with ``path`` (and its folder) replaced
    by the uploaded file's ``name`` in every problem."""
    paths = tuple(sorted({str(path), str(path.resolve())}, key=len, reverse=True))
    try:
        yield
    except AnnexAError as exc:
        problems = [
            dataclasses.replace(
                p, value=_swap(p.value, paths, name), reason=_swap(p.reason, paths, name) or ""
            )
            for p in exc.problems
        ]
        raise AnnexAError(problems) from None
