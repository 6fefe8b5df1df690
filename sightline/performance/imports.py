"""Annex A imports: upload → check (background job) → accept or abandon → compute and store.

All or nothing: figures are stored in one transaction, replacing (not deleting) those of an
earlier upload of the same extract date; a failure leaves the previous figures as they were.
Only the months the extract covers whole are stored (``csc_measures.coverage``), so a short
extract never blanks the history it does not cover. The original
file is kept in private storage (never web-served).
"""

from __future__ import annotations

import hashlib
import tempfile
import uuid
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path, PurePosixPath

import polars as pl
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from csc_measures import (
    AnnexA,
    AnnexAError,
    CatalogueResult,
    Issue,
    compute_catalogue,
    load_annex_a,
)
from csc_measures.coverage import coverage, measure_covers, window_issues
from csc_measures.drilldown import write_lists
from csc_measures.mapping import ColumnMap, header_gaps, merge_mappings, resolve_mapping
from csc_measures.schema import LISTS
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.jobs.models import Job
from sightline.jobs.registry import Progress, job_kind
from sightline.jobs.services import job_start
from sightline.kernel.storage import private_path, private_writing
from sightline.kernel.uploads import (
    LARGE_WORKBOOK_XML,
    UploadError,
    check_workbook,
    extract_csv_zip,
)
from sightline.organisation.models import Authority

from .compare import import_changes
from .figures import children_file_for, lists_dir_for
from .models import AnnexAImport, StoredMeasureValue
from .selectors import column_mapping_for
from .services import column_mapping_set
from .upload_checks import without_server_paths

CHECK_KIND = "annex_a_check"
COMPUTE_KIND = "annex_a_compute"
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
MAX_ZIP_MEMBERS = 40
MAX_STORED_ISSUES = 1000
MAX_KEY_LENGTH = 255  # StoredMeasureValue.measure_id and .unit


def _issue_dict(issue: Issue) -> dict[str, object]:
    return {
        "severity": str(issue.severity),
        "list": issue.list_no,
        "row": issue.row,
        "column": issue.column,
        "value": issue.value,
        "reason": issue.reason,
    }


@contextmanager
def _annex_path(imp: AnnexAImport) -> Iterator[Path]:
    """The workbook, or the CSV files of a zip extracted safely into a temporary folder."""
    stored = private_path(imp.stored_file)
    try:
        if stored.suffix.lower() != ".zip":
            # Every part unpacked once, counting real bytes, before the reader sees it.
            check_workbook(
                stored, file=imp.original_name, max_decompressed=LARGE_WORKBOOK_XML, max_rows=None
            )
            with without_server_paths(stored, imp.original_name):
                yield stored
            return
        with tempfile.TemporaryDirectory(prefix="sightline-annex-") as folder:
            extract_csv_zip(
                stored,
                Path(folder),
                file=imp.original_name,
                max_decompressed=MAX_UNZIPPED_BYTES,
                max_members=MAX_ZIP_MEMBERS,
            )
            with without_server_paths(Path(folder), imp.original_name):
                yield Path(folder)
    except UploadError as exc:
        raise AnnexAError([Issue(None, None, None, imp.original_name, exc.reason)]) from None


def _store_original(
    *, name: str, chunks: Iterator[bytes], size: int, suffix: str
) -> tuple[str, str]:
    """Write the original file to private storage; returns (relative path, SHA-256)."""
    digest = hashlib.sha256()
    relative = f"imports/{uuid.uuid4()}{suffix}"
    with private_writing(relative) as target:
        with target.open("wb") as handle:
            for chunk in chunks:
                digest.update(chunk)
                handle.write(chunk)
        if suffix == ".zip" and not zipfile.is_zipfile(target):
            raise ValidationError({"file": f"{name}: this is not a readable zip file."})
    return relative, digest.hexdigest()


def _receive(
    *,
    by: User | None,
    actor_label: str,
    authority: Authority,
    name: str,
    chunks: Iterator[bytes],
    size: int,
    extract_date: date,
    period_start: date | None,
    mapping_file: ColumnMap | None = None,
    list_starts: Mapping[int, date] | None = None,
    status: str = AnnexAImport.Status.CHECKING,
) -> AnnexAImport:
    """Keep the original file and record the upload (in the caller's transaction)."""
    suffix = PurePosixPath(name).suffix.lower()
    relative, sha = _store_original(name=name, chunks=chunks, size=size, suffix=suffix)
    imp = AnnexAImport.objects.create(
        authority=authority,
        extract_date=extract_date,
        period_start=period_start,
        covered_from=coverage(as_of=extract_date, period_start=period_start).window_start,
        covered_to=extract_date,
        original_name=name,
        stored_file=relative,
        size=size,
        sha256=sha,
        uploaded_by=by,
        status=status,
        mapping_file={str(n): dict(entries) for n, entries in (mapping_file or {}).items()},
        list_starts={str(n): d.isoformat() for n, d in sorted((list_starts or {}).items())},
    )
    audit_record(
        actor=by,
        action="annex_a.upload",
        obj=imp,
        authority=authority,
        changes={"file": name, "extract_date": str(extract_date), "sha256": sha},
        actor_label=actor_label,
    )
    return imp


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        yield from iter(lambda: handle.read(1 << 20), b"")


def annex_a_import_now(
    *, by: User | None, authority: Authority, path: Path, extract_date: date
) -> AnnexAImport:
    """Import a file on disk at once, accepting its report (the demo set-up uses this)."""
    with transaction.atomic():
        imp = _receive(
            by=by,
            actor_label="sightline demo",
            authority=authority,
            name=path.name,
            chunks=_chunks(path),
            size=path.stat().st_size,
            extract_date=extract_date,
            period_start=None,
            status=AnnexAImport.Status.IMPORTING,
        )
    annex = _load(imp)
    AnnexAImport.objects.filter(pk=imp.pk).update(
        errors=len(annex.errors),
        warnings=len(annex.warnings),
        issues=[_issue_dict(i) for i in annex.issues][:MAX_STORED_ISSUES],
    )
    _compute_and_store(
        imp, annex, lambda done, total, message="": None, by=by, actor_label="sightline demo"
    )
    imp.refresh_from_db()
    return imp


def _silent(done: int, total: int, message: str = "") -> None:
    """Progress nobody watches."""


def annex_a_upload(
    *,
    by: User | None,
    authority: Authority,
    upload: UploadedFile | Path,
    extract_date: date,
    period_start: date | None = None,
    actor_label: str = "",
    mapping: ColumnMap | None = None,
    list_starts: Mapping[int, date] | None = None,
    progress: Progress | None = None,
) -> AnnexAImport:
    """Keep the original file and check it: the upload page and ``sightline import annex-a``.

    With a user (the page), the check runs in the background. Without one (the command line,
    ``actor_label`` naming it in the audit trail), it runs now, in this process, reporting to
    ``progress``; a clean extract that changes no figure a lot is then stored, as the
    background check does. ``mapping`` is renamed columns given with this file (a mapping
    file), applied over the authority's saved ones; ``list_starts`` the first day of lists
    exported over a shorter period than the extract. Raises ``ValidationError`` for a file that
    is not a workbook or zip (or, uploaded, too large)."""
    if isinstance(upload, Path):
        name, size, chunks = upload.name, upload.stat().st_size, _chunks(upload)
    else:
        name = PurePosixPath(upload.name or "annex-a").name
        if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError({"file": f"{name}: the file must be smaller than 100 MB."})
        size, chunks = upload.size, iter(upload.chunks())
    if PurePosixPath(name).suffix.lower() not in (".xlsx", ".zip"):
        raise ValidationError(
            {"file": f"{name}: choose an Annex A workbook (.xlsx) or a zip of list CSV files."}
        )
    if mapping:
        try:
            resolve_mapping(mapping)
        except AnnexAError as exc:
            raise ValidationError(
                {"mapping": "; ".join(p.describe() for p in exc.problems)}
            ) from None
    with transaction.atomic():
        imp = _receive(
            by=by,
            actor_label=actor_label,
            authority=authority,
            name=name,
            chunks=chunks,
            size=size,
            extract_date=extract_date,
            period_start=period_start,
            mapping_file=mapping,
            list_starts=_list_starts(list_starts, extract_date),
        )
        if by is not None:
            imp.job = job_start(
                by=by,
                kind=CHECK_KIND,
                title=f"Check Annex A extracted {imp.extract_date:%d/%m/%Y}",
                params={"import_id": imp.pk},
            )
            imp.save(update_fields=["job"])
            return imp
    try:
        _check(imp, progress or _silent, actor_label=actor_label)
    except Exception:
        imp.refresh_from_db()
        if imp.status != AnnexAImport.Status.FAILED:
            raise
        return imp  # the failure is on the import (``fatal``), as the page shows it
    imp.refresh_from_db()
    return imp


def _list_starts(
    starts: Mapping[int, date] | None, extract_date: date
) -> Mapping[int, date] | None:
    """Refuse, naming it, a list start for no list or after the extract date."""
    for number, day in (starts or {}).items():
        if number not in LISTS:
            raise ValidationError({"list_starts": f"There is no List {number} in Annex A."})
        if day > extract_date:
            raise ValidationError(
                {
                    "list_starts": f"List {number} starts on {day:%d/%m/%Y}, after the "
                    f"extract date {extract_date:%d/%m/%Y}."
                }
            )
    return starts


@transaction.atomic
def annex_a_recheck(*, by: User, annex_import: AnnexAImport) -> AnnexAImport:
    """Check an upload's file again (after its columns were mapped): its report, coverage
    and changes are worked out afresh. Only for an upload waiting for a decision or one that
    could not be read."""
    imp = AnnexAImport.objects.select_for_update().get(pk=annex_import.pk)
    if imp.status not in (AnnexAImport.Status.NEEDS_DECISION, AnnexAImport.Status.FAILED):
        raise ValidationError(
            f"This upload is {imp.get_status_display().lower()}: it cannot be checked again."
        )
    before = imp.status
    imp.status = AnnexAImport.Status.CHECKING
    imp.errors = imp.warnings = 0
    imp.issues, imp.fatal, imp.headers, imp.changes = [], "", {}, {}
    imp.job = job_start(
        by=by,
        kind=CHECK_KIND,
        title=f"Check Annex A extracted {imp.extract_date:%d/%m/%Y} again",
        params={"import_id": imp.pk},
    )
    imp.save(
        update_fields=[
            "status",
            "errors",
            "warnings",
            "issues",
            "fatal",
            "headers",
            "changes",
            "job",
        ]
    )
    audit_record(
        actor=by,
        action="annex_a.recheck",
        obj=imp,
        changes={"status": [before, imp.status], "column_mapping": imp.column_mapping},
    )
    return imp


@transaction.atomic
def annex_a_map_columns(
    *, by: User, annex_import: AnnexAImport, choices: list[tuple[int, str, str]]
) -> AnnexAImport:
    """Save the council's renamed headers (list, header, template column) for its authority,
    then check the upload again with them."""
    for list_no, header, column in choices:
        column_mapping_set(
            by=by, authority=annex_import.authority, list_no=list_no, header=header, column=column
        )
    return annex_a_recheck(by=by, annex_import=annex_import)


def _load(imp: AnnexAImport) -> AnnexA:
    with _annex_path(imp) as path:
        return load_annex_a(
            path,
            as_of=imp.extract_date,
            period_start=imp.period_start,
            mapping=merge_mappings(imp.column_mapping),
        )


def _header_gaps(headers: dict[int, tuple[str, ...]], mapping: ColumnMap) -> dict[str, object]:
    """Per list: headers no column matches and columns measures need that none gave, for the
    check page to offer a mapping (lists with neither are left out)."""
    gaps: dict[str, object] = {}
    for list_no, written in sorted(headers.items()):
        found = header_gaps(list_no, written, mapping)
        if found.unrecognised or found.missing:
            gaps[str(list_no)] = {
                "unrecognised": list(found.unrecognised),
                "missing": list(found.missing),
            }
    return gaps


def _fail(imp: AnnexAImport, message: str) -> None:
    AnnexAImport.objects.filter(pk=imp.pk).update(status=AnnexAImport.Status.FAILED, fatal=message)


@job_kind(CHECK_KIND)
def annex_a_check(job: Job, progress: Progress) -> str:
    _check(AnnexAImport.objects.get(pk=job.params["import_id"]), progress)
    return ""


def _check(imp: AnnexAImport, progress: Progress, *, actor_label: str = "") -> None:
    """Read and check the file with the authority's renamed columns (and any given with the
    upload); store the figures when the report is clean and no figure changes a lot, else
    leave the upload for a decision."""
    progress(0, 3, "Reading and checking the lists")
    mapping = merge_mappings(column_mapping_for(authority=imp.authority), imp.mapping_file)
    imp.column_mapping = {str(n): entries for n, entries in mapping.items()}
    AnnexAImport.objects.filter(pk=imp.pk).update(column_mapping=imp.column_mapping)
    try:
        annex = _load(imp)
    except (AnnexAError, ValueError) as exc:
        problems = getattr(exc, "problems", ())
        text = "\n".join(p.describe() for p in problems) or str(exc)
        AnnexAImport.objects.filter(pk=imp.pk).update(
            issues=[_issue_dict(p) for p in problems][:MAX_STORED_ISSUES],
            headers=_header_gaps(getattr(exc, "headers", {}), mapping),
        )
        _fail(imp, text)
        progress(3, 3, "The file could not be imported")
        return
    # The window's own warning first: a short extract read as a year needs a decision.
    window = window_issues(annex)
    issues = [*window, *annex.issues]
    AnnexAImport.objects.filter(pk=imp.pk).update(
        errors=len(annex.errors),
        warnings=len(annex.warnings) + len(window),
        issues=[_issue_dict(i) for i in issues][:MAX_STORED_ISSUES],
        headers=_header_gaps(dict(annex.headers), mapping),
    )
    progress(1, 3, "Comparing with the figures held now")
    result = compute_catalogue(annex)
    changes = import_changes(
        authority=imp.authority,
        extract_date=imp.extract_date,
        window=coverage(as_of=annex.as_of, period_start=annex.period_start),
        figures=result.figures(),
        lists=imp.list_coverage,
    )
    large = int(str(changes.get("large") or 0))
    # Information (a column no measure uses) needs no decision; errors and warnings do.
    problems = len(annex.errors) + len(annex.warnings) + len(window)
    if problems or large:
        # Problems, or a clean file that would rewrite history a lot: someone decides.
        AnnexAImport.objects.filter(pk=imp.pk).update(
            status=AnnexAImport.Status.NEEDS_DECISION, changes=changes
        )
        progress(
            3,
            3,
            f"{problems} problems found: accept or abandon"
            if problems
            else f"{large} authority figures would change by more than 10% or no longer be "
            "used: confirm or abandon",
        )
        return
    progress(2, 3, "No problems found: storing the figures")
    _compute_and_store(
        imp, annex, progress, by=imp.uploaded_by, result=result, actor_label=actor_label
    )


@job_kind(COMPUTE_KIND)
def annex_a_compute(job: Job, progress: Progress) -> str:
    imp = AnnexAImport.objects.get(pk=job.params["import_id"])
    progress(0, 3, "Reading the lists again")
    try:
        annex = _load(imp)
    except (AnnexAError, ValueError) as exc:
        _fail(imp, str(exc))
        raise
    _compute_and_store(imp, annex, progress, by=imp.decided_by)
    return ""


def _check_key_lengths(results: pl.DataFrame) -> None:
    """Refuse, with the value named, a team or contact source too long to store."""
    for column in ("measure_id", "unit"):
        too_long = results.filter(pl.col(column).str.len_chars() > MAX_KEY_LENGTH)
        if too_long.height:
            raise ValueError(
                f"{column} longer than {MAX_KEY_LENGTH} characters: "
                f"{too_long[column][0][:80]!r}… (a team or contact source name in the file)"
            )


def _compute_and_store(
    imp: AnnexAImport,
    annex: AnnexA,
    progress: Progress,
    *,
    by: User | None,
    result: CatalogueResult | None = None,
    actor_label: str = "",
) -> None:
    """Store the figures of the months the extract covers whole (``result`` when the check
    already computed them; ``actor_label`` names the command when there is no user)."""
    try:
        result = result or compute_catalogue(annex)
        _check_key_lengths(result.results)
        window = coverage(as_of=annex.as_of, period_start=annex.period_start)
        lists = imp.list_coverage
        changes = import_changes(
            authority=imp.authority,
            extract_date=imp.extract_date,
            window=window,
            figures=result.figures(),
            lists=lists,
        )
        progress(2, 3, "Storing the figures")
        children = children_file_for(imp.pk)
        with private_writing(children) as target:
            result.write_parquet(target)
        with private_writing(lists_dir_for(children)) as folder:
            write_lists(annex, folder)
        # Only the months the extract covers whole, in every list the measure reads: a month
        # it saw part of (before a list's window starts) must never replace a whole month
        # from another extract.
        rows = [
            StoredMeasureValue(
                annex_import=imp,
                authority_id=imp.authority_id,
                measure_id=figure.measure_id,
                period=figure.period,
                unit=figure.unit,
                numerator=figure.numerator,
                denominator=figure.denominator,
                value=figure.value,
            )
            for figure in result.figures()
            if window.covers(figure.period)
            and measure_covers(lists, figure.measure_id, figure.period)
        ]
        with transaction.atomic():
            earlier = (
                AnnexAImport.objects.select_for_update()
                .filter(
                    authority_id=imp.authority_id,
                    extract_date=imp.extract_date,
                    status=AnnexAImport.Status.IMPORTED,
                )
                .exclude(pk=imp.pk)
            )
            # The earlier import's figures are kept (unused while it is REPLACED), so that
            # rolling this import back can restore it.
            replaced = earlier.update(status=AnnexAImport.Status.REPLACED, replaced_by=imp)
            StoredMeasureValue.objects.bulk_create(rows, batch_size=5000)
            AnnexAImport.objects.filter(pk=imp.pk).update(
                status=AnnexAImport.Status.IMPORTED,
                imported_at=timezone.now(),
                figures=len(rows),
                covered_from=window.window_start,
                covered_to=window.window_end,
                changes=changes,
                children_file=children,
                not_computable=[
                    {"measure_id": n.measure_id, "reason": n.reason} for n in result.not_computable
                ],
            )
            audit_record(
                actor=by,
                action="annex_a.import",
                obj=imp,
                authority=imp.authority,
                changes={
                    "figures": len(rows),
                    "replaced_imports": replaced,
                    "covered": f"{window.first_month} to {window.last_month}",
                    "la_figures_changed": changes["changed"],
                    "la_figures_changed_a_lot": changes["large"],
                },
                actor_label=actor_label,
            )
        progress(3, 3, f"{len(rows):,} figures stored; {_changes_text(changes)}")
    except Exception as exc:
        _fail(imp, f"{type(exc).__name__}: {exc}")
        raise


def _changes_text(changes: dict[str, object]) -> str:
    months = changes.get("months") or []
    assert isinstance(months, list)  # noqa: S101
    return (
        f"{changes.get('changed', 0)} authority figures changed in {len(months)} months "
        f"({changes.get('large', 0)} by more than 10%)"
    )


@transaction.atomic
def annex_a_accept(
    *, by: User, annex_import: AnnexAImport, confirmed: bool = False, reason: str = ""
) -> AnnexAImport:
    """Import despite the problems in the report (rejected rows stay out of the figures).

    When the import would change authority figures a lot (``imp.changes["large"]``), the
    analyst must confirm and say why; the reason is kept in the audit trail."""
    imp = AnnexAImport.objects.select_for_update().get(pk=annex_import.pk)
    if imp.status != AnnexAImport.Status.NEEDS_DECISION:
        raise ValidationError(
            f"This upload is {imp.get_status_display().lower()}: nothing to accept."
        )
    large = int(imp.changes.get("large") or 0)
    reason = reason.strip()
    if large and not (confirmed and reason):
        problems: dict[str, str] = {}
        if not confirmed:
            problems["confirm"] = (
                f"Confirm that {large} authority figures may change by more than 10%."
            )
        if not reason:
            problems["reason"] = "Say why these figures should change."
        raise ValidationError(problems)
    imp.status = AnnexAImport.Status.IMPORTING
    imp.decided_by, imp.decided_at = by, timezone.now()
    imp.job = job_start(
        by=by,
        kind=COMPUTE_KIND,
        title=f"Import Annex A extracted {imp.extract_date:%d/%m/%Y}",
        params={"import_id": imp.pk},
    )
    imp.save(update_fields=["status", "decided_by", "decided_at", "job"])
    audit_record(
        actor=by,
        action="annex_a.accept",
        obj=imp,
        changes={
            "issues": len(imp.issues),
            "la_figures_changed_a_lot": large,
            **({"reason": reason} if large else {}),
        },
    )
    return imp


def annex_a_confirm_now(*, annex_import: AnnexAImport, actor_label: str) -> AnnexAImport:
    """Store, now, a clean upload held back only because it changes authority figures a lot,
    when its changes were confirmed outside the web pages (``sightline import
    --confirm-changes``). Uploads with problems in their report are for a person to accept."""
    imp = AnnexAImport.objects.get(pk=annex_import.pk)
    if imp.status != AnnexAImport.Status.NEEDS_DECISION or imp.errors or imp.warnings:
        raise ValidationError(
            f"{imp.original_name}: only an upload with no problems, held for its changes to "
            "earlier figures, can be confirmed here."
        )
    large = int(str(imp.changes.get("large") or 0))
    with transaction.atomic():
        AnnexAImport.objects.filter(pk=imp.pk).update(
            status=AnnexAImport.Status.IMPORTING, decided_at=timezone.now()
        )
        audit_record(
            actor=None,
            action="annex_a.accept",
            obj=imp,
            changes={
                "issues": 0,
                "la_figures_changed_a_lot": large,
                "reason": "confirmed on the command line (--confirm-changes)",
            },
            actor_label=actor_label,
        )
    try:
        annex = _load(imp)
    except (AnnexAError, ValueError) as exc:
        _fail(imp, str(exc))
        raise
    _compute_and_store(
        imp, annex, lambda done, total, message="": None, by=None, actor_label=actor_label
    )
    imp.refresh_from_db()
    return imp


@transaction.atomic
def annex_a_abandon(*, by: User, annex_import: AnnexAImport) -> AnnexAImport:
    """Leave the figures as they were; the file and its report stay in the history."""
    imp = AnnexAImport.objects.select_for_update().get(pk=annex_import.pk)
    if imp.status != AnnexAImport.Status.NEEDS_DECISION:
        raise ValidationError(
            f"This upload is {imp.get_status_display().lower()}: nothing to abandon."
        )
    imp.status = AnnexAImport.Status.ABANDONED
    imp.decided_by, imp.decided_at = by, timezone.now()
    imp.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=by, action="annex_a.abandon", obj=imp)
    return imp


@transaction.atomic
def annex_a_rollback(*, by: User, annex_import: AnnexAImport) -> AnnexAImport:
    """Stop using an import's figures (kept, never deleted); an import it replaced, of the same
    extract date, is in use again. Months it covered go back to the figures of the extracts
    before it."""
    imp = AnnexAImport.objects.select_for_update().get(pk=annex_import.pk)
    if imp.status != AnnexAImport.Status.IMPORTED:
        raise ValidationError(
            f"This upload is {imp.get_status_display().lower()}: only an imported extract "
            "can be rolled back."
        )
    imp.status = AnnexAImport.Status.ROLLED_BACK
    imp.rolled_back_by, imp.rolled_back_at = by, timezone.now()
    imp.save(update_fields=["status", "rolled_back_by", "rolled_back_at"])
    restored = (
        AnnexAImport.objects.select_for_update()
        .filter(replaced_by=imp, status=AnnexAImport.Status.REPLACED)
        .order_by("-pk")
        .first()
    )
    if restored is not None:
        restored.status = AnnexAImport.Status.IMPORTED
        restored.replaced_by = None
        restored.save(update_fields=["status", "replaced_by"])
    audit_record(
        actor=by,
        action="annex_a.rollback",
        obj=imp,
        changes={
            "status": ["imported", "rolled_back"],
            "restored_import": None if restored is None else restored.pk,
        },
    )
    return imp
