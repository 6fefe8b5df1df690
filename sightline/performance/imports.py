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
from collections.abc import Iterator
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
from csc_measures.coverage import coverage, window_issues
from csc_measures.drilldown import write_lists
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.jobs.models import Job
from sightline.jobs.registry import Progress, job_kind
from sightline.jobs.services import job_start
from sightline.kernel.storage import private_path
from sightline.kernel.uploads import (
    LARGE_WORKBOOK_XML,
    UploadError,
    check_workbook,
    extract_csv_zip,
)
from sightline.organisation.models import Authority

from .compare import import_changes
from .figures import children_file_for, lists_path
from .models import AnnexAImport, StoredMeasureValue
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
    target = private_path(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        for chunk in chunks:
            digest.update(chunk)
            handle.write(chunk)
    if suffix == ".zip" and not zipfile.is_zipfile(target):
        target.unlink()
        raise ValidationError({"file": f"{name}: this is not a readable zip file."})
    return relative, digest.hexdigest()


def annex_a_import_now(
    *, by: User | None, authority: Authority, path: Path, extract_date: date
) -> AnnexAImport:
    """Import a file on disk at once, accepting its report (the demo set-up uses this)."""
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        relative, sha = _store_original(
            name=path.name,
            chunks=iter(lambda: handle.read(1 << 20), b""),
            size=path.stat().st_size,
            suffix=suffix,
        )
    with transaction.atomic():
        imp = AnnexAImport.objects.create(
            authority=authority,
            extract_date=extract_date,
            covered_from=coverage(as_of=extract_date).window_start,
            covered_to=extract_date,
            original_name=path.name,
            stored_file=relative,
            size=path.stat().st_size,
            sha256=sha,
            uploaded_by=by,
            status=AnnexAImport.Status.IMPORTING,
        )
        audit_record(
            actor=by,
            action="annex_a.upload",
            obj=imp,
            authority=authority,
            changes={"file": path.name, "extract_date": str(extract_date), "sha256": sha},
            actor_label="sightline demo",
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


@transaction.atomic
def annex_a_upload(
    *,
    by: User,
    authority: Authority,
    upload: UploadedFile,
    extract_date: date,
    period_start: date | None = None,
) -> AnnexAImport:
    """Keep the original file and start checking it in the background."""
    name = PurePosixPath(upload.name or "annex-a").name
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in (".xlsx", ".zip"):
        raise ValidationError(
            {"file": f"{name}: choose an Annex A workbook (.xlsx) or a zip of list CSV files."}
        )
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": f"{name}: the file must be smaller than 100 MB."})
    relative, sha = _store_original(
        name=name, chunks=iter(upload.chunks()), size=upload.size, suffix=suffix
    )
    imp = AnnexAImport.objects.create(
        authority=authority,
        extract_date=extract_date,
        period_start=period_start,
        covered_from=coverage(as_of=extract_date, period_start=period_start).window_start,
        covered_to=extract_date,
        original_name=name,
        stored_file=relative,
        size=upload.size,
        sha256=sha,
        uploaded_by=by,
    )
    audit_record(
        actor=by,
        action="annex_a.upload",
        obj=imp,
        changes={"file": name, "extract_date": str(extract_date), "sha256": imp.sha256},
    )
    imp.job = job_start(
        by=by,
        kind=CHECK_KIND,
        title=f"Check Annex A extracted {imp.extract_date:%d/%m/%Y}",
        params={"import_id": imp.pk},
    )
    imp.save(update_fields=["job"])
    return imp


def _load(imp: AnnexAImport) -> AnnexA:
    with _annex_path(imp) as path:
        return load_annex_a(path, as_of=imp.extract_date, period_start=imp.period_start)


def _fail(imp: AnnexAImport, message: str) -> None:
    AnnexAImport.objects.filter(pk=imp.pk).update(status=AnnexAImport.Status.FAILED, fatal=message)


@job_kind(CHECK_KIND)
def annex_a_check(job: Job, progress: Progress) -> str:
    imp = AnnexAImport.objects.get(pk=job.params["import_id"])
    progress(0, 3, "Reading and checking the lists")
    try:
        annex = _load(imp)
    except (AnnexAError, ValueError) as exc:
        problems = getattr(exc, "problems", ())
        text = "\n".join(p.describe() for p in problems) or str(exc)
        AnnexAImport.objects.filter(pk=imp.pk).update(
            issues=[_issue_dict(p) for p in problems][:MAX_STORED_ISSUES]
        )
        _fail(imp, text)
        progress(3, 3, "The file could not be imported")
        return ""
    # The window's own warning first: a short extract read as a year needs a decision.
    window = window_issues(annex)
    issues = [*window, *annex.issues]
    AnnexAImport.objects.filter(pk=imp.pk).update(
        errors=len(annex.errors),
        warnings=len(annex.warnings) + len(window),
        issues=[_issue_dict(i) for i in issues][:MAX_STORED_ISSUES],
    )
    progress(1, 3, "Comparing with the figures held now")
    result = compute_catalogue(annex)
    changes = import_changes(
        authority=imp.authority,
        extract_date=imp.extract_date,
        window=coverage(as_of=annex.as_of, period_start=annex.period_start),
        figures=result.figures(),
    )
    large = int(str(changes.get("large") or 0))
    if issues or large:
        # Problems, or a clean file that would rewrite history a lot: someone decides.
        AnnexAImport.objects.filter(pk=imp.pk).update(
            status=AnnexAImport.Status.NEEDS_DECISION, changes=changes
        )
        progress(
            3,
            3,
            f"{len(issues)} problems found: accept or abandon"
            if issues
            else f"{large} authority figures would change by more than 10%: confirm or abandon",
        )
        return ""
    progress(2, 3, "No problems found: storing the figures")
    _compute_and_store(imp, annex, progress, by=imp.uploaded_by, result=result)
    return ""


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
        changes = import_changes(
            authority=imp.authority,
            extract_date=imp.extract_date,
            window=window,
            figures=result.figures(),
        )
        progress(2, 3, "Storing the figures")
        children = children_file_for(imp.pk)
        result.write_parquet(private_path(children))
        write_lists(annex, lists_path(children))
        # Only the months the extract covers whole: a month it saw part of (before its
        # window starts) must never replace a whole month from another extract.
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
    if imp.status != AnnexAImport.Status.NEEDS_DECISION or imp.issues:
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
