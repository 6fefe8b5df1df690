"""`sightline import annex-a PATH --authority CODE --as-of DATE …`: an Annex A import without a
browser.

The same check and store as an upload on the imports page (``sightline.performance.imports``):
the original file is kept in private storage, checked with the page's check
(``annex_a_check``), and, when the report has no problems, the figures are computed and stored
at once, replacing those of an earlier import of the same extract date. The import is
recorded with no user and the actor ``sightline import``. When the report has problems,
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
from django.db import transaction
from django.db.models import Q

from csc_measures import Issue
from csc_measures.issues import Severity
from sightline.auditlog.services import audit_record
from sightline.jobs.models import Job
from sightline.organisation.models import Authority
from sightline.performance.imports import (
    CHECK_KIND,
    MAX_STORED_ISSUES,
    _store_original,
    annex_a_check,
    annex_a_confirm_now,
)
from sightline.performance.models import AnnexAImport

ACTOR = "sightline import"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


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
def _original(path: Path) -> Iterator[tuple[Path, str]]:
    """The file to keep and the name to show: a workbook or zip as it is, a folder zipped."""
    if path.is_dir():
        csvs = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        if not csvs:
            raise CommandError(f"{path}: the folder holds no CSV files (list_1.csv …)")
        with tempfile.TemporaryDirectory(prefix="sightline-import-") as folder:
            archive = Path(folder) / f"{path.resolve().name}.zip"
            with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as handle:
                for csv in csvs:
                    handle.write(csv, arcname=csv.name)
            yield archive, archive.name
        return
    if not path.is_file():
        raise CommandError(f"{path}: no such file or folder")
    if path.suffix.lower() not in (".xlsx", ".zip"):
        raise CommandError(
            f"{path}: choose an Annex A workbook (.xlsx), a zip of list CSV files, "
            "or a folder of them"
        )
    yield path, path.name


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
        self.chatty = options["verbosity"] >= 1
        authority = authority_named(options["authority"])
        with _original(path) as (original, name):
            try:
                imp = self._keep(
                    authority=authority,
                    original=original,
                    name=name,
                    extract_date=options["as_of"],
                    period_start=options["period_start"],
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
        self._check_and_store(imp)
        imp.refresh_from_db()
        held_for_changes = (
            imp.status == AnnexAImport.Status.NEEDS_DECISION
            and not imp.issues
            and int(str(imp.changes.get("large") or 0)) > 0
        )
        if held_for_changes and options["confirm_changes"]:
            imp = annex_a_confirm_now(annex_import=imp, actor_label=ACTOR)
        self._report(imp, path)

    @transaction.atomic
    def _keep(
        self,
        *,
        authority: Authority,
        original: Path,
        name: str,
        extract_date: date,
        period_start: date | None,
    ) -> AnnexAImport:
        size = original.stat().st_size
        with original.open("rb") as handle:
            relative, sha = _store_original(
                name=name,
                chunks=iter(lambda: handle.read(1 << 20), b""),
                size=size,
                suffix=original.suffix.lower(),
            )
        imp = AnnexAImport.objects.create(
            authority=authority,
            extract_date=extract_date,
            period_start=period_start,
            original_name=name,
            stored_file=relative,
            size=size,
            sha256=sha,
            uploaded_by=None,
        )
        audit_record(
            actor=None,
            action="annex_a.upload",
            obj=imp,
            authority=authority,
            changes={"file": name, "extract_date": str(extract_date), "sha256": sha},
            actor_label=ACTOR,
        )
        return imp

    def _check_and_store(self, imp: AnnexAImport) -> None:
        """The page's check, run here rather than by the worker; it stores the figures when
        the report has no problems (a failure is recorded on the import and reported)."""
        job = Job(
            authority=imp.authority,
            kind=CHECK_KIND,
            title=f"Check Annex A extracted {imp.extract_date:%d/%m/%Y}",
            params={"import_id": imp.pk},
        )

        def progress(done: int, total: int, message: str = "") -> None:
            if message and self.chatty:
                self.stderr.write(f"{message}…" if done < total else message)

        try:
            annex_a_check(job, progress)
        except Exception as exc:
            if AnnexAImport.objects.get(pk=imp.pk).status != AnnexAImport.Status.FAILED:
                raise CommandError(f"{imp.original_name}: {type(exc).__name__}: {exc}") from exc

    def _report(self, imp: AnnexAImport, path: Path) -> None:
        if imp.status == AnnexAImport.Status.IMPORTED:
            for missing in imp.not_computable:
                self.stderr.write(f"{missing['measure_id']} not computable: {missing['reason']}")
            self.stdout.write(
                f"{path}: imported for {imp.authority.name}, extracted "
                f"{imp.extract_date:%d/%m/%Y}: {imp.figures:,} figures stored (import {imp.pk})"
            )
            return
        if imp.status == AnnexAImport.Status.NEEDS_DECISION and not imp.issues:
            raise CommandError(
                f"{path}: no problems, but {imp.changes.get('large')} authority figure(s) held "
                "now would change by more than 10%: nothing stored. Review the changes on the "
                f"imports page (import {imp.pk}), or run again with --confirm-changes."
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
