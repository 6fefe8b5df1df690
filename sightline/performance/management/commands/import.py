"""`sightline import annex-a PATH --authority CODE --as-of DATE …`: an Annex A import without a
browser.

The same check and store as an upload on the imports page (``sightline.performance.imports``):
the original file is kept in private storage, checked with the page's check
(``annex_a_check``), and, when the report has no problems, the figures are computed and stored
at once, replacing those of an earlier import of the same extract date. It goes through the
page's own service (``annex_a_upload``), with no user: the audit trail names the actor
"command line (sightline import annex-a)". ``--mapping FILE`` reads renamed columns (over the
authority's saved ones). When the report has problems,
nothing is stored: they are printed (the page's messages, one a line) and the upload waits on
the imports page to be imported anyway or abandoned. Exit status: 0 imported; 1 the file
could not be read, or has problems, or a usage error (Django's ``CommandError``).

PATH is an Annex A workbook (.xlsx), a zip of the list CSV files, or a folder of them (zipped
into the stored original). The module is named ``import.py`` so that the command is
``sightline import``; Django loads commands by name (``importlib``), so the keyword is no
obstacle.
"""

# ruff: noqa: N999 - the module's name is the command's name, `import`

from __future__ import annotations

import argparse
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from csc_measures import AnnexAError, Issue
from csc_measures.issues import Severity
from csc_measures.mapping import read_mapping_file
from sightline.organisation.models import Authority
from sightline.performance.imports import (
    MAX_STORED_ISSUES,
    annex_a_confirm_now,
    annex_a_upload,
)
from sightline.performance.models import AnnexAImport

#: Who the audit trail says made a command-line import.
ACTOR = "command line (sightline import annex-a)"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _list_start(text: str) -> tuple[int, date]:
    number, _, day = text.partition("=")
    if not number.strip().isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not LIST=YYYY-MM-DD (e.g. 1=2024-10-01)")
    return int(number), _date(day.strip())


def authority_named(text: str) -> Authority:
    """The authority whose DfE code (its own, or that of the authority it is benchmarked as)
    or name is ``text``; a clear error when none or several are."""
    wanted = text.strip()
    found = list(
        Authority.objects.filter(
            Q(name__iexact=wanted)
            | (Q(dfe_code=wanted) & ~Q(dfe_code=""))
            | Q(benchmark_as__dfe_code=wanted)
        )
        .select_related("benchmark_as")
        .distinct()
    )
    if len(found) == 1:
        return found[0]
    known = ", ".join(
        f"{a.name} ({a.benchmark_as.dfe_code})"
        for a in Authority.objects.select_related("benchmark_as").order_by("name")
    )
    if not found:
        raise CommandError(
            f"--authority {text!r}: no authority has this DfE code or name "
            f"(authorities: {known or 'none yet'})"
        )
    names = ", ".join(a.name for a in found)
    raise CommandError(f"--authority {text!r}: several authorities match ({names}); give the name")


@contextmanager
def _original(path: Path) -> Iterator[Path]:
    """The file to keep: a workbook or zip as it is, a folder zipped (named after it)."""
    if path.is_dir():
        csvs = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        if not csvs:
            raise CommandError(f"{path}: the folder holds no CSV files (list_1.csv …)")
        with tempfile.TemporaryDirectory(prefix="sightline-import-") as folder:
            archive = Path(folder) / f"{path.resolve().name}.zip"
            with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as handle:
                for csv in csvs:
                    handle.write(csv, arcname=csv.name)
            yield archive
        return
    if not path.is_file():
        raise CommandError(f"{path}: no such file or folder")
    if path.suffix.lower() not in (".xlsx", ".zip"):
        raise CommandError(
            f"{path}: choose an Annex A workbook (.xlsx), a zip of list CSV files, "
            "or a folder of them"
        )
    yield path


def _describe(issue: dict[str, Any]) -> str:
    """A stored problem as the engine describes it: list, row, column, value, reason."""
    return Issue(
        list_no=issue["list"],
        row=issue["row"],
        column=issue["column"],
        value=issue["value"],
        reason=issue["reason"],
        severity=Severity(issue["severity"]),
    ).describe()


class Command(BaseCommand):
    help = "Import a file without a browser: sightline import annex-a PATH --authority … --as-of …"

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        annex = kinds.add_parser(
            "annex-a",
            help="check and store an Ofsted Annex A extract, as an upload on the imports page",
            description=(
                "Check an Annex A extract and, when the report has no problems, compute and "
                "store its figures (replacing those of an earlier import of the same extract "
                "date). Problems are printed and nothing is stored: the upload then waits on "
                "the imports page to be imported anyway or abandoned."
            ),
        )
        annex.add_argument(
            "path",
            type=Path,
            help="Annex A workbook (.xlsx), zip of the list CSV files, or folder of them",
        )
        annex.add_argument(
            "--authority", required=True, help="the authority's DfE code or its name"
        )
        annex.add_argument("--as-of", required=True, type=_date, help="extract date, YYYY-MM-DD")
        annex.add_argument(
            "--period-start",
            type=_date,
            default=None,
            help="first day the lists cover (default: the day after as-of minus 12 months)",
        )
        annex.add_argument(
            "--list-start",
            type=_list_start,
            action="append",
            default=[],
            metavar="LIST=DATE",
            help=(
                "first day one list covers, when it was exported over a shorter period than "
                "the extract (repeatable, e.g. --list-start 1=2024-10-01): its measures keep "
                "figures only for the months it covers whole"
            ),
        )
        annex.add_argument(
            "--mapping",
            type=Path,
            default=None,
            metavar="FILE",
            help=(
                "renamed columns for this file: a CSV file with the columns list,header,column "
                "or a JSON file (docs/performance-imports.md); they win over the authority's "
                "saved ones"
            ),
        )
        annex.add_argument(
            "--confirm-changes",
            action="store_true",
            help=(
                "confirm that figures already stored for earlier months may change: without it "
                "an extract that would change any authority figure by more than 10%% (and by "
                "3 or more) is kept for a decision on the imports page and nothing is stored"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        chatty = options["verbosity"] >= 1
        authority = authority_named(options["authority"])
        mapping = None
        if options["mapping"] is not None:
            try:
                mapping = read_mapping_file(options["mapping"])
            except AnnexAError as exc:
                raise CommandError(" ".join(p.describe() for p in exc.problems)) from None

        def progress(done: int, total: int, message: str = "") -> None:
            if message and chatty:
                self.stderr.write(f"{message}…" if done < total else message)

        with _original(path) as original:
            try:
                imp = annex_a_upload(
                    by=None,
                    actor_label=ACTOR,
                    authority=authority,
                    upload=original,
                    extract_date=options["as_of"],
                    period_start=options["period_start"],
                    mapping=mapping,
                    list_starts=dict(options["list_start"]),
                    progress=progress,
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
        held_for_changes = (
            imp.status == AnnexAImport.Status.NEEDS_DECISION
            and not (imp.errors or imp.warnings)
            and int(str(imp.changes.get("large") or 0)) > 0
        )
        if held_for_changes and options["confirm_changes"]:
            imp = annex_a_confirm_now(annex_import=imp, actor_label=ACTOR)
        self._report(imp, path)

    def _report(self, imp: AnnexAImport, path: Path) -> None:
        if imp.status == AnnexAImport.Status.IMPORTED:
            for missing in imp.not_computable:
                self.stderr.write(f"{missing['measure_id']} not computable: {missing['reason']}")
            self.stdout.write(
                f"{path}: imported for {imp.authority.name}, extracted "
                f"{imp.extract_date:%d/%m/%Y}: {imp.figures:,} figures stored (import {imp.pk})"
            )
            return
        if imp.status == AnnexAImport.Status.NEEDS_DECISION and not (imp.errors or imp.warnings):
            lost = int(str(imp.changes.get("lost") or 0))
            also = (
                f" (of them, {lost} of the earlier import of this extract date, for months "
                "this file does not cover, would no longer be used)"
                if lost
                else ""
            )
            raise CommandError(
                f"{path}: no problems, but {imp.changes.get('large')} authority figure(s) held "
                f"now would change by more than 10%{also}: nothing stored. Review the changes "
                f"on the imports page (import {imp.pk}), or run again with --confirm-changes."
            )
        if imp.status == AnnexAImport.Status.NEEDS_DECISION:
            for issue in imp.issues:
                self.stderr.write(_describe(issue))
            listed = (
                f" (the first {MAX_STORED_ISSUES:,} are listed)"
                if len(imp.issues) >= MAX_STORED_ISSUES
                else ""
            )
            raise CommandError(
                f"{path}: {imp.errors} error(s) and {imp.warnings} warning(s){listed}: "
                f"nothing stored. The upload (import {imp.pk}) waits on the imports page to be "
                "imported anyway or abandoned."
            )
        for issue in imp.issues:
            self.stderr.write(_describe(issue))
        if imp.fatal and not imp.issues:
            self.stderr.write(imp.fatal)
        raise CommandError(
            f"{path}: this file could not be imported (import {imp.pk}, "
            f"{imp.get_status_display().lower()}): the figures are as they were."
        )
