"""Caseloads and timeliness by allocated worker, for a team or each team of a locality.

The app only chooses the files: the newest imported extract that kept its lists (the figure
store's ``children_file_for`` and ``lists_path``); the engine (:mod:`csc_measures.workers`)
reads them. Worker names come from children's records, so the page that shows this is a
child-level view (permission ``can_view_workers``, logged with ``access_record``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csc_measures.workers import COLUMNS, WorkerTable, worker_table
from sightline.kernel.storage import private_path
from sightline.organisation.models import Authority

from . import figures
from .models import AnnexAImport


@dataclass(frozen=True)
class WorkerTables:
    extract_date: date | None
    period: str | None
    tables: tuple[WorkerTable, ...]
    columns: tuple[tuple[str, str], ...]
    """(key, heading) of each timeliness column"""


def newest_with_lists(*, authority: Authority) -> AnnexAImport | None:
    for imp in AnnexAImport.objects.filter(
        authority=authority, status=AnnexAImport.Status.IMPORTED
    ).order_by("-extract_date", "-pk"):
        children_file = imp.children_file or figures.children_file_for(imp.pk)
        if private_path(children_file).exists() and figures.lists_path(children_file).exists():
            return imp
    return None


def worker_tables(*, authority: Authority, unit: str) -> WorkerTables:
    """One table per team of ``unit`` (``team:<name>`` or ``locality:<id>``), from the newest
    extract that kept its lists, for that extract's month."""
    columns = tuple((key, heading) for key, (heading, _) in COLUMNS.items())
    imp = newest_with_lists(authority=authority)
    if imp is None:
        return WorkerTables(None, None, (), columns)
    children_file = imp.children_file or figures.children_file_for(imp.pk)
    period = imp.extract_date.strftime("%Y-%m")
    teams = sorted(
        u.removeprefix("team:") for u in figures.units_for(authority=authority, unit=unit)
    )
    tables = tuple(
        worker_table(
            private_path(children_file),
            figures.lists_path(children_file),
            team=team,
            period=period,
            extract_date=imp.extract_date,
        )
        for team in teams
    )
    return WorkerTables(imp.extract_date, period, tables, columns)
