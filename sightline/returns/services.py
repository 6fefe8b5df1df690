"""Statutory returns: upload → check (background job) → accept or abandon.

All or nothing: accepting stores every figure the check computed in one transaction (an earlier
accepted upload of the same return and year is marked replaced in the same transaction);
abandoning stores none. The original files are kept in private storage (never web-served).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from csc_measures.returns import (
    CinCensus,
    ReturnError,
    ReturnIssue,
    Ssda903,
    load_cin,
    load_ssda903,
)
from csc_measures.returns.compute import compute_returns
from csc_measures.returns.dfe import published
from csc_measures.returns.registry import RETURNS_REGISTRY
from csc_measures.returns.validate import ValidatorsUnavailableError, run_validators
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.jobs.models import Job
from sightline.jobs.registry import Progress, job_kind, job_lost
from sightline.jobs.services import job_start
from sightline.kernel.storage import private_path, private_writing
from sightline.kernel.uploads import UploadError, copy_upload, extract_csv_zip
from sightline.organisation.models import Authority

from .models import ReturnFigure, ReturnImport

CHECK_KIND = "return_check"
RULES_KIND = "return_dfe_rules"
MAX_RULE_ERRORS_SHOWN = 200  # per rule
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
MAX_FILES = 20
MAX_STORED_ISSUES = 2000


def _issue_dict(issue: ReturnIssue) -> dict[str, object]:
    return {
        "severity": str(issue.severity),
        "file": issue.file,
        "table": issue.table,
        "row": issue.row,
        "child": issue.child,
        "column": issue.column,
        "value": issue.value,
        "reason": issue.reason,
    }


def _safe_name(name: str | None, default: str) -> str:
    return PurePosixPath((name or default).replace("\\", "/")).name or default


def _refuse_wrong_files(kind: str, files: Sequence[UploadedFile]) -> list[str]:
    """The files' safe names; ``ValidationError`` naming a file that is not the return."""
    if kind not in ReturnImport.Kind.values:
        raise ValidationError({"kind": "Choose the CIN census or the SSDA903 return."})
    if not files:
        raise ValidationError({"upload": "Choose the file or files to upload."})
    names = [_safe_name(f.name, "upload") for f in files]
    suffixes = [PurePosixPath(n).suffix.lower() for n in names]
    if kind == ReturnImport.Kind.CIN and (len(files) != 1 or suffixes[0] != ".xml"):
        raise ValidationError({"upload": "Choose one CIN census XML file (.xml)."})
    if kind == ReturnImport.Kind.SSDA903:
        if len(files) > MAX_FILES:
            raise ValidationError({"upload": f"Choose at most {MAX_FILES} files."})
        wrong = [n for n, s in zip(names, suffixes, strict=True) if s not in (".csv", ".zip")]
        if wrong:
            raise ValidationError(
                {"upload": f"{wrong[0]}: choose the SSDA903 CSV files, or a zip of them."}
            )
        if ".zip" in suffixes and len(files) > 1:
            raise ValidationError({"upload": "Choose one zip file, or the CSV files, not both."})
    for name, upload in zip(names, files, strict=True):
        if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError({"upload": f"{name}: the file must be smaller than 100 MB."})
    return names


def return_upload(
    *, by: User, authority: Authority, kind: str, files: Sequence[UploadedFile]
) -> ReturnImport:
    """Keep the files (a CIN census XML; SSDA903 CSV files or a zip of them) and start their
    check in the background. Raises ``ValidationError`` naming the file that cannot be taken."""
    names = _refuse_wrong_files(kind, files)
    suffixes = [PurePosixPath(n).suffix.lower() for n in names]
    folder = f"returns/{uuid.uuid4()}"
    size = 0
    try:
        with private_writing(folder) as target:
            target.mkdir()
            for name, upload in zip(names, files, strict=True):
                size += copy_upload(
                    iter(upload.chunks()), target / name, file=name, max_bytes=MAX_UPLOAD_BYTES
                )
            if suffixes == [".zip"]:
                archive = target / names[0]
                with tempfile.TemporaryDirectory(prefix="sightline-return-") as tmp:
                    written = extract_csv_zip(
                        archive,
                        Path(tmp),
                        file=names[0],
                        max_decompressed=MAX_UNZIPPED_BYTES,
                        max_members=MAX_FILES,
                    )
                    archive.unlink()
                    for path in written:
                        shutil.move(str(path), target / path.name)
    except UploadError as exc:  # private_writing removed what was written
        raise ValidationError({"upload": str(exc)}) from None
    with transaction.atomic():
        imp = ReturnImport.objects.create(
            authority=authority,
            kind=kind,
            original_names=names,
            stored_folder=folder,
            size=size,
            uploaded_by=by,
        )
        audit_record(
            actor=by,
            action="returns.upload",
            obj=imp,
            authority=authority,
            changes={"kind": kind, "files": names},
        )
        imp.job = job_start(
            by=by,
            kind=CHECK_KIND,
            title=f"Check the {imp.get_kind_display()} upload",
            params={"import_id": imp.pk},
        )
        imp.save(update_fields=["job"])
    return imp


def _figures(
    result_rows: list[dict[str, object]], *, dfe_code: str, year: int
) -> list[dict[str, object]]:
    out = []
    for row in result_rows:
        if row["unit"] != "la":
            continue
        measure_id = str(row["measure_id"])
        spec = RETURNS_REGISTRY[measure_id]
        dfe = published(measure_id, dfe_code=dfe_code, year=year)
        out.append(
            {
                "measure_id": measure_id,
                "title": spec.title,
                "numerator": row["numerator"],
                "denominator": row["denominator"],
                "value": row["value"],
                "dfe_published": None if dfe is None else dfe.authority,
                "dfe_england": None if dfe is None else dfe.england,
                "dfe_publishes": dfe is not None,
            }
        )
    return out


LOST = (
    "The background worker checking this upload stopped before it finished (it was restarted, "
    "or ran out of memory). Nothing was stored: upload the return again."
)


@job_lost(CHECK_KIND)
def return_check_lost(job: Job) -> None:
    """The check's worker was lost: the upload failed, saying so (nothing was stored)."""
    ReturnImport.objects.filter(
        pk=job.params.get("import_id"), status=ReturnImport.Status.CHECKING
    ).update(status=ReturnImport.Status.FAILED, fatal=LOST)


@job_kind(CHECK_KIND)
def return_check(job: Job, progress: Progress) -> str:
    """Read the return with the engine, keep its report and its figures on the DfE's
    definitions; the upload then waits for someone to accept or abandon it."""
    imp = ReturnImport.objects.select_related("authority").get(pk=job.params["import_id"])
    try:
        _check(imp, progress)
    except Exception as exc:
        ReturnImport.objects.filter(pk=imp.pk, status=ReturnImport.Status.CHECKING).update(
            status=ReturnImport.Status.FAILED, fatal=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    return ""


def _check(imp: ReturnImport, progress: Progress) -> None:
    progress(0, 2, "Reading and checking the return")
    folder = private_path(imp.stored_folder)
    loaded: CinCensus | Ssda903
    try:
        if imp.kind == ReturnImport.Kind.CIN:
            name = imp.original_names[0]
            loaded = load_cin(folder / name, name=name)
        else:
            loaded = load_ssda903(folder)
    except ReturnError as exc:
        ReturnImport.objects.filter(pk=imp.pk).update(
            status=ReturnImport.Status.FAILED,
            fatal=str(exc),
            report={"issues": [_issue_dict(p) for p in exc.problems][:MAX_STORED_ISSUES]},
        )
        progress(2, 2, "The return could not be read")
        return
    progress(1, 2, "Computing the figures on the DfE's definitions")
    if isinstance(loaded, CinCensus):
        result = compute_returns(cin=loaded, with_ids=False)
    else:
        result = compute_returns(ssda903=loaded, with_ids=False)
    issues = loaded.issues
    errors = sum(1 for i in issues if str(i.severity) == "error")
    report = {
        "issues": [_issue_dict(i) for i in issues][:MAX_STORED_ISSUES],
        "issues_total": len(issues),
        "figures": _figures(
            result.results.to_dicts(), dfe_code=imp.authority.dfe_code, year=loaded.year
        ),
        "not_computable": [
            {
                "measure_id": n.measure_id,
                "title": RETURNS_REGISTRY[n.measure_id].title,
                "reason": n.reason,
            }
            for n in result.not_computable
        ],
    }
    ReturnImport.objects.filter(pk=imp.pk).update(
        status=ReturnImport.Status.CHECKED,
        year=loaded.year,
        errors=errors,
        warnings=len(issues) - errors,
        report=report,
    )
    progress(2, 2, f"{len(issues)} problems found: accept or abandon")


@transaction.atomic
def return_accept(*, by: User, return_import: ReturnImport) -> ReturnImport:
    """Store every figure the check computed, at once; an earlier accepted upload of the same
    return and year stops being used (kept, marked replaced)."""
    imp = ReturnImport.objects.select_for_update().get(pk=return_import.pk)
    if imp.status != ReturnImport.Status.CHECKED:
        raise ValidationError(
            f"This upload is {imp.get_status_display().lower()}: nothing to accept."
        )
    assert imp.year is not None  # noqa: S101 - a checked upload has its year
    replaced = (
        ReturnImport.objects.select_for_update()
        .filter(
            authority_id=imp.authority_id,
            kind=imp.kind,
            year=imp.year,
            status=ReturnImport.Status.ACCEPTED,
        )
        .update(status=ReturnImport.Status.REPLACED)
    )
    period = dt.date(imp.year, 3, 31)
    rows = [
        ReturnFigure(
            return_import=imp,
            authority_id=imp.authority_id,
            measure_id=f["measure_id"],
            period=period,
            numerator=f["numerator"],
            denominator=f["denominator"],
            value=f["value"],
        )
        for f in imp.report.get("figures", [])
    ]
    ReturnFigure.objects.bulk_create(rows)
    imp.status = ReturnImport.Status.ACCEPTED
    imp.decided_by, imp.decided_at = by, timezone.now()
    imp.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=by,
        action="returns.accept",
        obj=imp,
        changes={"figures": len(rows), "issues": imp.errors + imp.warnings, "replaced": replaced},
    )
    return imp


@transaction.atomic
def return_abandon(*, by: User, return_import: ReturnImport) -> ReturnImport:
    """Store nothing; the files and their report stay in the history."""
    imp = ReturnImport.objects.select_for_update().get(pk=return_import.pk)
    if imp.status != ReturnImport.Status.CHECKED:
        raise ValidationError(
            f"This upload is {imp.get_status_display().lower()}: nothing to abandon."
        )
    imp.status = ReturnImport.Status.ABANDONED
    imp.decided_by, imp.decided_at = by, timezone.now()
    imp.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=by, action="returns.abandon", obj=imp)
    return imp


@transaction.atomic
def return_rules_start(*, by: User, return_import: ReturnImport) -> ReturnImport:
    """Run the DfE's validation rules (``csc-validator-be-cin`` / ``-903``, in their own
    environment) on the upload's files, in the background: minutes for a large return."""
    imp = ReturnImport.objects.select_for_update().get(pk=return_import.pk)
    if imp.status not in (ReturnImport.Status.CHECKED, ReturnImport.Status.ACCEPTED):
        raise ValidationError(
            f"This upload is {imp.get_status_display().lower()}: its files cannot be validated."
        )
    if imp.rules_job is not None and not imp.rules_job.is_finished:
        raise ValidationError("The DfE's validation rules are already running on this upload.")
    imp.rules_job = job_start(
        by=by,
        kind=RULES_KIND,
        title=f"Run the DfE's validation rules on the {imp.source} upload",
        params={"import_id": imp.pk},
    )
    imp.dfe_rules = {}
    imp.save(update_fields=["rules_job", "dfe_rules"])
    audit_record(actor=by, action="returns.dfe_rules", obj=imp)
    return imp


@job_kind(RULES_KIND)
def return_rules(job: Job, progress: Progress) -> str:
    """The DfE validator's errors by rule code, with the DfE's message, kept on the upload."""
    imp = ReturnImport.objects.get(pk=job.params["import_id"])
    progress(0, 1, "Running the DfE's validation rules (this can take minutes)")
    folder = private_path(imp.stored_folder)
    target = folder / imp.original_names[0] if imp.kind == ReturnImport.Kind.CIN else folder
    assert imp.year is not None  # noqa: S101 - only checked uploads are validated
    try:
        report = run_validators(imp.kind, target, imp.year)
    except ValidatorsUnavailableError as exc:
        ReturnImport.objects.filter(pk=imp.pk).update(dfe_rules={"not_run": str(exc)})
        progress(1, 1, "The DfE's validation rules could not be run")
        return ""
    rules = [
        {
            "rule": rule,
            "message": message,
            "query": rule.endswith("Q"),
            "count": len(errors),
            "errors": [
                {
                    "table": e.table,
                    "child": e.child,
                    "columns": ", ".join(e.columns),
                    "row": e.row,
                }
                for e in errors[:MAX_RULE_ERRORS_SHOWN]
            ],
        }
        for rule, message, errors in report.by_rule()
    ]
    ReturnImport.objects.filter(pk=imp.pk).update(
        dfe_rules={
            "validator": report.validator,
            "ruleset": report.ruleset,
            "rules": rules,
            "errors": sum(r["count"] for r in rules if not r["query"]),
            "queries": sum(r["count"] for r in rules if r["query"]),
            "failed_rules": list(report.failed_rules),
        }
    )
    progress(1, 1, f"{len(rules)} rules found errors")
    return ""
